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
 * Authorized HTTP transports to MCP servers: the {@code WebClient} filter, the hooks and
 * builders of the MCP Java SDK's two Streamable HTTP transports, and the handler-style API by
 * server name.
 *
 * <p>With the starter, every class here is a bean; a configured server {@code sample} is
 * reached through any of them:
 *
 * <pre class="code">
 * McpServerDefinition server = servers.get("sample");
 *
 * // the MCP Java SDK's client, over the JDK HttpClient transport
 * McpSyncClient mcp = McpClient.sync(httpClientTransports.transport("sample")).build();
 * McpSchema.InitializeResult initialized = mcp.initialize();
 *
 * // an application's own WebClient: the filter adds the token, refreshes on 401, steps up on 403
 * WebClient webClient = webClientBuilder.filter(mcpOAuthExchangeFilterFunction).build();
 * HttpStatusCode status = webClient.post().uri(server.url())
 *     .attributes(McpOAuthExchangeFilterFunction.mcpServer("sample"))
 *     .header(HttpHeaders.ACCEPT, McpProtocolClient.ACCEPT)
 *     .bodyValue(Map.of("jsonrpc", "2.0", "id", 1, "method", "ping"))
 *     .exchangeToMono((response) -> Mono.just(response.statusCode()))
 *     .block();
 *
 * // the handler: headers for a request of one's own, or a request whose JSON or SSE answer comes back parsed
 * HttpHeaders headers = mcpOAuthHandler.prepareHeaders("sample").block();
 * McpResponse answer = mcpOAuthHandler.post("sample", Map.of("jsonrpc", "2.0", "id", 2, "method", "ping"), null).block();
 * </pre>
 *
 * <p>The example is compiled, and run against a fake MCP server, by
 * {@code TransportPackageExampleTests} in the library's tests: change both together.
 */
@NullMarked
package io.github.mcpoauth.transport;

import org.jspecify.annotations.NullMarked;
