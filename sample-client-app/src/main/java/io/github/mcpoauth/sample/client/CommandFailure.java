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

import org.jspecify.annotations.Nullable;

/**
 * A failure a command reports to the user: one line saying what went wrong, a hint saying
 * what to do, and the exit code. Messages never contain tokens or secrets.
 */
final class CommandFailure extends RuntimeException {

	private final int exitCode;

	private final String hint;

	CommandFailure(int exitCode, String message, String hint) {
		this(exitCode, message, hint, null);
	}

	CommandFailure(int exitCode, String message, String hint, @Nullable Throwable cause) {
		super(message, cause);
		this.exitCode = exitCode;
		this.hint = hint;
	}

	int exitCode() {
		return this.exitCode;
	}

	String hint() {
		return this.hint;
	}

	/**
	 * The failure of a command that needs stored tokens when there are none.
	 * @param serverName the server
	 * @param detail what is wrong with the tokens
	 * @return the failure, with a hint to run {@code auth}
	 */
	static CommandFailure notAuthorized(String serverName, String detail) {
		return new CommandFailure(ExitCodes.AUTHORIZATION_FAILED, detail,
				"Run 'mcp-oauth auth " + serverName + "' to log in (add the server URL if it is new).");
	}

}
