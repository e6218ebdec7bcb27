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

package io.github.mcpoauth.protocol;

import io.github.mcpoauth.core.McpOAuthErrorCode;
import io.github.mcpoauth.core.McpOAuthException;

/**
 * An MCP server answered a request with an HTTP status and no JSON-RPC response to read: a
 * token it still refuses after the authorization filter's retry (401, 403), a missing
 * endpoint, a server error. A JSON-RPC error response is an
 * {@link io.modelcontextprotocol.spec.McpError} instead.
 */
public class McpProtocolException extends McpOAuthException {

	private final int statusCode;

	/**
	 * @param errorCode the error code
	 * @param statusCode the HTTP status of the answer
	 * @param detail what went wrong
	 */
	public McpProtocolException(McpOAuthErrorCode errorCode, int statusCode, String detail) {
		super(errorCode, detail);
		this.statusCode = statusCode;
	}

	/**
	 * @return the HTTP status of the answer
	 */
	public int getStatusCode() {
		return this.statusCode;
	}

	/**
	 * @return whether the server refused the request's authorization (401 or 403)
	 */
	public boolean isAuthorizationRefused() {
		return this.statusCode == 401 || this.statusCode == 403;
	}

}
