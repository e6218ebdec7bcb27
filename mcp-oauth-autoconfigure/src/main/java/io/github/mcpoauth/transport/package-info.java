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
