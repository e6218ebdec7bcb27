/**
 * Authorization of Spring AI's MCP client connections
 * ({@code spring.ai.mcp.client.streamable-http.connections}): both of its transports, matched
 * to the configured MCP servers by URL, with a sign-in before Spring AI initializes its
 * clients.
 */
@NullMarked
package io.github.mcpoauth.springai;

import org.jspecify.annotations.NullMarked;
