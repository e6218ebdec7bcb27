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

import io.github.mcpoauth.core.McpOAuthErrorCode;

/**
 * The exit codes of the {@code mcp-oauth} command, one per kind of failure, so that a
 * script can tell "log in again" from "the server is down" from "fix the configuration".
 * Every {@link McpOAuthErrorCode} maps to one of them.
 */
final class ExitCodes {

	/** The command did what it was asked. */
	static final int OK = 0;

	/** An unexpected failure (a bug): run again with {@code --debug} for the stack trace. */
	static final int INTERNAL_ERROR = 1;

	/** Wrong arguments: an unknown option or command, a missing parameter, an unknown server or tool. */
	static final int USAGE = 2;

	/** No usable tokens, or the authorization failed or was refused: run {@code auth}. */
	static final int AUTHORIZATION_FAILED = 3;

	/** The MCP server or its authorization server could not be reached or answered with an error. */
	static final int SERVER_ERROR = 4;

	/** The token store (or the servers file next to it) could not be read or written. */
	static final int STORAGE_ERROR = 5;

	/** The configuration ({@code mcp.oauth.*} properties) is wrong. */
	static final int CONFIGURATION_ERROR = 6;

	/** The tool ran and reported an error ({@code isError: true}); its result is printed. */
	static final int TOOL_ERROR = 7;

	// the exit-code lines of the usage help (annotation values must be constants)

	static final String HELP_0 = "  0  success";

	static final String HELP_1 = "  1  unexpected error (run again with --debug to see the stack trace)";

	static final String HELP_2 = "  2  usage error: unknown command, option, server or tool; missing parameter";

	static final String HELP_3 = "  3  not authorized: no stored tokens, login failed, refresh refused";

	static final String HELP_4 = "  4  server error: MCP or authorization server unreachable or failing";

	static final String HELP_5 = "  5  storage error: token store or servers file unreadable or unwritable";

	static final String HELP_6 = "  6  configuration error: an mcp.oauth.* property is wrong";

	static final String HELP_7 = "  7  the tool reported an error (call; the result is still printed)";

	private ExitCodes() {
	}

	/**
	 * @param code the error code of a failure
	 * @return the exit code for it
	 */
	static int of(McpOAuthErrorCode code) {
		return switch (code) {
			case CONNECTION_FAILED, INVALID_RESPONSE, DISCOVERY_FAILED, INVALID_METADATA, ISSUER_MISMATCH,
					RESOURCE_MISMATCH, INSECURE_ENDPOINT, REDIRECT_REFUSED, PKCE_UNSUPPORTED, DPOP_UNSUPPORTED -> SERVER_ERROR;
			case REGISTRATION_UNAVAILABLE, CREDENTIALS_BOUND_TO_OTHER_ISSUER, REGISTRATION_REFUSED, STATE_MISMATCH,
					ISSUER_RESPONSE_MISMATCH, ACCESS_DENIED, AUTHORIZATION_FAILED, TIMEOUT, INTERACTION_REQUIRED,
					AUTHORIZATION_REQUIRED,
					TOKEN_REQUEST_FAILED,
					REFRESH_FAILED, INVALID_CLIENT, INSUFFICIENT_SCOPE, WORKLOAD_ASSERTION_UNAVAILABLE -> AUTHORIZATION_FAILED;
			case INVALID_CONFIGURATION -> CONFIGURATION_ERROR;
			case STORAGE_FAILED -> STORAGE_ERROR;
		};
	}

}
