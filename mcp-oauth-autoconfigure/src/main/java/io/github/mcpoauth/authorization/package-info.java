/**
 * The authorization-code flow with PKCE: authorization requests, user agents and the loopback
 * redirect listener.
 *
 * <p>A {@link io.github.mcpoauth.authorization.UserAgent} carries the authorization request to
 * the user ({@code mcp.oauth.user-agent.*} with the starter). To print the URL instead of opening a
 * browser:
 * <pre>{@code
 * // The redirect still comes back to a one-off listener on 127.0.0.1 (RFC 8252 §7.3).
 * LoopbackUserAgent userAgent = new LoopbackUserAgent(new PrintUrlLauncher((url) -> System.err.println(url)));
 * userAgent.setTimeout(Duration.ofMinutes(2));
 * McpOAuthClient engine = McpOAuthClient.builder().userAgent(userAgent).build();
 * }</pre>
 *
 * <p>The example is compiled, and run where it needs no server, by
 * {@code io.github.mcpoauth.JavadocExamplesTests} in the library's tests: change both
 * together.
 */
@NullMarked
package io.github.mcpoauth.authorization;

import org.jspecify.annotations.NullMarked;
