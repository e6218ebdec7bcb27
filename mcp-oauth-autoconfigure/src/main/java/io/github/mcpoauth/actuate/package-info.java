/**
 * Actuator support: a health contributor that reports, per MCP server, whether a usable token
 * is held.
 *
 * <p>The starter registers it as {@code mcpOAuth} ({@code management.health.mcp-oauth.enabled});
 * by hand:
 * <pre>{@code
 * McpOAuthHealthIndicator health = new McpOAuthHealthIndicator(servers, store, Clock.systemUTC(),
 *         Duration.ofSeconds(60));
 * Health report = health.health().block();   // UP; per server "valid", "refreshable", "expired" or "none"
 * }</pre>
 *
 * <p>The example is compiled, and run where it needs no server, by
 * {@code io.github.mcpoauth.JavadocExamplesTests} in the library's tests: change both
 * together.
 */
@NullMarked
package io.github.mcpoauth.actuate;

import org.jspecify.annotations.NullMarked;
