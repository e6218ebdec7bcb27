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
