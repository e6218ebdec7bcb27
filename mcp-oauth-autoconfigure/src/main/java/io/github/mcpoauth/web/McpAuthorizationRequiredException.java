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

package io.github.mcpoauth.web;

import io.github.mcpoauth.core.McpOAuthErrorCode;
import io.github.mcpoauth.core.McpOAuthException;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * A signed-in user's request needs a token that only the user can grant: the user must
 * authorize at the MCP server's authorization server. Raised by
 * {@link WebAuthorizationCodeGrantProvider} within a web request and carried up through the
 * {@code WebClient} filter, the MCP transports and the application's handler to
 * {@link McpAuthorizationWebFilter}, which sends the browser to the authorization server.
 * Code {@link McpOAuthErrorCode#AUTHORIZATION_REQUIRED}.
 *
 * <p>The message names the server and the user, never the PKCE verifier the exception
 * carries for the web filter.
 */
public class McpAuthorizationRequiredException extends McpOAuthException {

	private final transient PendingAuthorization authorization;

	/**
	 * @param authorization the authorization request to send the user's browser to
	 */
	public McpAuthorizationRequiredException(PendingAuthorization authorization) {
		super(McpOAuthErrorCode.AUTHORIZATION_REQUIRED, "MCP server '" + authorization.serverName() + "' needs user '"
				+ authorization.principal() + "' to authorize this application at " + authorization.issuer() + ".");
		Assert.notNull(authorization, "authorization cannot be null");
		this.authorization = authorization;
	}

	/**
	 * @return the MCP server that needs the authorization
	 */
	public String getServerName() {
		return this.authorization.serverName();
	}

	/**
	 * @return the authorization request to send the browser to, with what the callback
	 * needs
	 */
	public PendingAuthorization getAuthorization() {
		return this.authorization;
	}

	/**
	 * The first {@code McpAuthorizationRequiredException} among an exception, its causes and
	 * their suppressed exceptions: MCP transports and clients wrap what the {@code WebClient}
	 * filter raises.
	 * @param ex a failure
	 * @return the exception, or {@code null}
	 */
	public static @Nullable McpAuthorizationRequiredException find(Throwable ex) {
		return find(ex, 0);
	}

	private static @Nullable McpAuthorizationRequiredException find(Throwable ex, int depth) {
		if (ex instanceof McpAuthorizationRequiredException required) {
			return required;
		}
		if (depth > 20) {
			return null;
		}
		for (Throwable suppressed : ex.getSuppressed()) {
			McpAuthorizationRequiredException found = find(suppressed, depth + 1);
			if (found != null) {
				return found;
			}
		}
		Throwable cause = ex.getCause();
		return (cause != null && cause != ex) ? find(cause, depth + 1) : null;
	}

}
