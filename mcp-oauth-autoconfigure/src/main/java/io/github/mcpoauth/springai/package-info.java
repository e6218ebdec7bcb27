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
 * Authorization of Spring AI's MCP client connections
 * ({@code spring.ai.mcp.client.streamable-http.connections}): both of its transports, matched
 * to the configured MCP servers by URL, with a sign-in before Spring AI initializes its
 * clients.
 *
 * <p>There is no code to write: name the server once, in Spring AI's connection and in
 * {@code mcp.oauth.servers} (whose {@code url} then defaults to the connection's), and use
 * Spring AI's clients:
 * <pre>{@code
 * // spring.ai.mcp.client.streamable-http.connections.sample.url=http://127.0.0.1:9003
 * // mcp.oauth.servers.sample.client-id=static-mcp-client-001
 * CallToolResult result = mcpClients.get(0).callTool(new CallToolRequest("echo", Map.of("message", "Hello, Spring AI")));
 * }</pre>
 *
 * <p>The example is compiled, and run where it needs no server, by
 * {@code io.github.mcpoauth.JavadocExamplesTests} in the library's tests: change both
 * together.
 */
@NullMarked
package io.github.mcpoauth.springai;

import org.jspecify.annotations.NullMarked;
