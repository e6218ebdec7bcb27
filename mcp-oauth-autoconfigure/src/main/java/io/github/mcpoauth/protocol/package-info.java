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

/**
 * A small MCP client that speaks the stateless revision 2026-07-28 over Streamable HTTP and
 * falls back to the initialize-and-session revision 2025-11-25; temporary, until the MCP Java SDK
 * speaks 2026-07-28.
 *
 * <p>Requests go through a {@code WebClient} that carries the authorization filter, such as one
 * from the application's {@code WebClient.Builder}:
 * <pre>{@code
 * McpProtocolClient mcp = McpProtocolClient.builder(webClients.build(), URI.create("http://127.0.0.1:9003/mcp"))
 *     .serverName("sample")
 *     .build();
 * McpServerDescription description = mcp.connect().block();   // 2026-07-28, else 2025-11-25
 * CallToolResult result = mcp.callTool(new CallToolRequest("echo", Map.of("message", "hi"))).block();
 * mcp.close().block();
 * }</pre>
 *
 * <p>The example is compiled, and run where it needs no server, by
 * {@code io.github.mcpoauth.JavadocExamplesTests} in the library's tests: change both
 * together.
 */
@NullMarked
package io.github.mcpoauth.protocol;

import org.jspecify.annotations.NullMarked;
