/**
 * Authorized HTTP transports to MCP servers: the {@code WebClient} filter, the hooks and
 * builders of the MCP Java SDK's two Streamable HTTP transports, and the handler-style API by
 * server name.
 *
 * <p>With the starter, every class here is a bean; a configured server {@code sample} is
 * reached through any of them:
 *
 * <pre class="code">
 * // the MCP Java SDK's client, over the JDK HttpClient transport
 * McpSyncClient mcp = McpClient.sync(httpClientTransports.transport("sample")).build();
 * mcp.initialize();
 *
 * // an application's own WebClient: the filter adds the token, refreshes on 401, steps up on 403
 * WebClient webClient = webClientBuilder.filter(mcpOAuthExchangeFilterFunction).build();
 * String body = webClient.get().uri("https://mcp.example.com/mcp/resource")
 *     .attributes(McpOAuthExchangeFilterFunction.mcpServer("sample"))
 *     .retrieve().bodyToMono(String.class).block();
 *
 * // the handler: headers for a request of one's own, or a request whose JSON or SSE answer comes back parsed
 * HttpHeaders headers = mcpOAuthHandler.prepareHeaders("sample").block();
 * McpResponse answer = mcpOAuthHandler.post("sample", Map.of("jsonrpc", "2.0", "id", 1, "method", "ping"), null).block();
 * </pre>
 */
@NullMarked
package io.github.mcpoauth.transport;

import org.jspecify.annotations.NullMarked;
