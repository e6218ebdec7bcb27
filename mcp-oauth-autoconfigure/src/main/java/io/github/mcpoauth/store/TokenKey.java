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

package io.github.mcpoauth.store;

import org.springframework.util.Assert;

/**
 * Whose token for which server: a token belongs to one MCP server (by configured name) and
 * one principal (the signed-in user, or the application itself). Two principals never share
 * a token.
 *
 * @param serverName the configured name of the MCP server
 * @param principal the name of the principal the token was obtained for
 */
public record TokenKey(String serverName, String principal) {

	/**
	 * The principal of single-user applications, the CLI and background work when none is
	 * configured ({@code mcp.oauth.default-principal}); stores written by mcp-oauth 0.1.0,
	 * which knew no principal, are migrated to it.
	 */
	public static final String DEFAULT_PRINCIPAL = "default";

	public TokenKey {
		Assert.hasText(serverName, "serverName cannot be empty");
		Assert.hasText(principal, "principal cannot be empty");
	}

	/**
	 * @param serverName the configured name of the MCP server
	 * @return the key of the {@link #DEFAULT_PRINCIPAL default principal}'s token for that server
	 */
	public static TokenKey of(String serverName) {
		return new TokenKey(serverName, DEFAULT_PRINCIPAL);
	}

	/**
	 * @param serverName the configured name of the MCP server
	 * @param principal the principal
	 * @return the key
	 */
	public static TokenKey of(String serverName, String principal) {
		return new TokenKey(serverName, principal);
	}

}
