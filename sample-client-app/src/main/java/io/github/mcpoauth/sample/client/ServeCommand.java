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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import io.github.mcpoauth.sample.demo.DemoWebApplication;
import io.github.mcpoauth.web.McpAuthorizationWebFilter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

/**
 * {@code serve}: runs the demo web application ({@link DemoWebApplication}) until the process
 * is stopped. It offers the servers this command line knows (configured in
 * {@code mcp.oauth.servers}, or authorized with {@code auth}) and takes the same
 * {@code --mcp.oauth.*} properties, so it uses the same token store; each signed-in user of
 * the page gets tokens of their own in it.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
		description = { "Serve a demo web page where users connect MCP servers and call tools.", "",
				"A WebFlux page on http://127.0.0.1:PORT/ with form login for two demo users (alice/alice, bob/bob). "
						+ "Each user connects the known servers through the server's own login, lists and calls their "
						+ "tools, and disconnects; tokens are kept per user in the token store. The authorization "
						+ "server must accept the redirect URI http://127.0.0.1:PORT" + McpAuthorizationWebFilter.DEFAULT_CALLBACK_PATH
						+ " (the sample server: --redirect-uri http://127.0.0.1" + McpAuthorizationWebFilter.DEFAULT_CALLBACK_PATH
						+ "). Runs until stopped (Ctrl-C)." },
		footerHeading = "%nExample:%n", footer = "  mcp-oauth serve --port 8080")
class ServeCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Option(names = "--port", paramLabel = "PORT", defaultValue = "" + DemoWebApplication.DEFAULT_PORT,
			description = "The port on 127.0.0.1 (default: ${DEFAULT-VALUE}; 0 picks a free one).")
	int port;

	private final CommandContext context;

	ServeCommand(CommandContext context) {
		this.context = context;
	}

	@Override
	public Integer call() throws InterruptedException {
		List<String> properties = new ArrayList<>(Arrays.asList(this.context.arguments()));
		properties.add("--server.port=" + this.port);
		ConfigurableApplicationContext demo = DemoWebApplication.start(this.context.registry(),
				properties.toArray(String[]::new));
		CountDownLatch closed = new CountDownLatch(1);
		demo.addApplicationListener((ContextClosedEvent event) -> closed.countDown());
		demo.registerShutdownHook();
		int actual = Objects.requireNonNull(((WebServerApplicationContext) demo).getWebServer()).getPort();
		PrintWriter out = this.spec.commandLine().getOut();
		out.println("Serving the demo on http://127.0.0.1:" + actual + "/ (users alice/alice and bob/bob).");
		out.println("Stop it with Ctrl-C.");
		out.flush();
		closed.await();
		return ExitCodes.OK;
	}

}
