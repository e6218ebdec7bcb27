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

package io.github.mcpoauth.sample.server;

import java.util.List;

/**
 * The OAuth scopes of the sample MCP server.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9728#section-2">RFC 9728 §2
 * (scopes_supported)</a>
 */
public final class McpScopes {

	/**
	 * Required to call the MCP endpoint.
	 */
	public static final String TOOLS = "mcp:tools";

	/**
	 * A narrower scope the static client may request; on its own it does not open the MCP
	 * endpoint (403 {@code insufficient_scope}).
	 */
	public static final String READ = "mcp:read";

	/**
	 * Every scope of the server, as advertised in {@code scopes_supported}.
	 */
	public static final List<String> ALL = List.of(TOOLS, READ);

	private McpScopes() {
	}

}
