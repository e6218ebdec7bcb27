/**
 * Values and errors shared by every part of the MCP OAuth client: the server definition, the
 * registry that matches request URLs to servers, and the typed exception
 * ({@link io.github.mcpoauth.core.McpOAuthException} with a stable
 * {@link io.github.mcpoauth.core.McpOAuthErrorCode}).
 *
 * <p>A server in code (the starter builds them from {@code mcp.oauth.servers.*}), and a
 * failure read by its code:
 * <pre>{@code
 * McpServerDefinition server = McpServerDefinition.builder("sample", URI.create("http://127.0.0.1:9003/mcp"))
 *     .clientId("static-mcp-client-001")
 *     .clientSecret(System.getenv("SAMPLE_CLIENT_SECRET"))
 *     .scopes(Set.of("mcp:tools"))
 *     .build();
 * McpServerRegistry servers = new McpServerRegistry(List.of(server));
 * // A request URL is authorized with the server whose URL it starts with (path at a "/" boundary):
 * McpServerDefinition matched = servers.match(URI.create("http://127.0.0.1:9003/mcp/tools"));
 *
 * try {
 *     String header = engine.authorizationHeader(server).block();
 * }
 * catch (McpOAuthException ex) {
 *     // A stable code, and a message that says what is wrong and what to do.
 *     if (ex.getErrorCode() != McpOAuthErrorCode.INTERACTION_REQUIRED) {
 *         throw ex;
 *     }
 * }
 * }</pre>
 *
 * <p>The example is compiled, and run where it needs no server, by
 * {@code io.github.mcpoauth.JavadocExamplesTests} in the library's tests: change both
 * together.
 */
@NullMarked
package io.github.mcpoauth.core;

import org.jspecify.annotations.NullMarked;
