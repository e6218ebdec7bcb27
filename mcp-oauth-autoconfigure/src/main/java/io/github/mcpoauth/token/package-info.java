/**
 * OAuth token values and the token-endpoint client (authorization code, refresh, client
 * credentials, token exchange, JWT bearer).
 *
 * <p>The engine obtains and refreshes tokens; to look at the current one:
 * <pre>{@code
 * // The current token, if any (never starts an authorization), told apart without being shown:
 * Mono<String> summary = engine.currentToken(server)
 *     .map((token) -> Redaction.fingerprint(token.accessToken()) + ", expires " + token.expiresAt()
 *             + ", scopes " + token.scopes() + (token.hasRefreshToken() ? ", refreshable" : ""));
 * }</pre>
 *
 * <p>{@link io.github.mcpoauth.token.TokenEndpointClient} makes the token requests of the grant
 * providers; see {@link io.github.mcpoauth.grant} for a provider of your own that uses it.
 *
 * <p>The example is compiled, and run where it needs no server, by
 * {@code io.github.mcpoauth.JavadocExamplesTests} in the library's tests: change both
 * together.
 */
@NullMarked
package io.github.mcpoauth.token;

import org.jspecify.annotations.NullMarked;
