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

package io.github.mcpoauth.core;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The one exception type of the MCP OAuth client. Each instance carries a stable
 * {@link McpOAuthErrorCode}; its message says what went wrong and ends with what to do.
 * Messages never contain tokens, secrets or authorization codes.
 */
public class McpOAuthException extends RuntimeException {

	private final McpOAuthErrorCode errorCode;

	private final String detail;

	private final @Nullable String oauthError;

	public McpOAuthException(McpOAuthErrorCode errorCode, String detail) {
		this(errorCode, detail, null, null);
	}

	public McpOAuthException(McpOAuthErrorCode errorCode, String detail, @Nullable Throwable cause) {
		this(errorCode, detail, null, cause);
	}

	/**
	 * @param errorCode the stable error code
	 * @param detail what went wrong, without secrets
	 * @param oauthError the OAuth {@code error} value the server answered with, if any
	 * @param cause the underlying failure, if any
	 */
	public McpOAuthException(McpOAuthErrorCode errorCode, String detail, @Nullable String oauthError,
			@Nullable Throwable cause) {
		super(message(errorCode, detail), cause);
		Assert.notNull(errorCode, "errorCode cannot be null");
		this.errorCode = errorCode;
		this.detail = detail;
		this.oauthError = oauthError;
	}

	private static String message(McpOAuthErrorCode errorCode, String detail) {
		return detail + " [" + errorCode + "] " + errorCode.hint();
	}

	public McpOAuthErrorCode getErrorCode() {
		return this.errorCode;
	}

	/**
	 * @return what went wrong, without the error code and its hint
	 */
	public String getDetail() {
		return this.detail;
	}

	/**
	 * The OAuth {@code error} code returned by the server (for example {@code invalid_grant}).
	 * @return the error code, or {@code null} when the failure did not come from an OAuth error response
	 */
	public @Nullable String getOAuthError() {
		return this.oauthError;
	}

}
