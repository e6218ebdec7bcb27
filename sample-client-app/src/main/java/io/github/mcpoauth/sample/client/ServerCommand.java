/*
 * Copyright 2026-present the original author or authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

package io.github.mcpoauth.sample.client;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import org.springframework.util.Assert;

/**
 * A command about one server, which it takes by name as its first parameter.
 */
abstract class ServerCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Parameters(index = "0", paramLabel = "NAME", description = "The server name.")
	String name;

	final CommandContext context;

	ServerCommand(CommandContext context) {
		Assert.notNull(context, "context cannot be null");
		this.context = context;
	}

	/**
	 * @return the command's standard output
	 */
	PrintWriter out() {
		return this.spec.commandLine().getOut();
	}

}
