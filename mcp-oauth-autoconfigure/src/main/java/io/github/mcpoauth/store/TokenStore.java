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

package io.github.mcpoauth.store;

import java.time.Clock;
import java.time.Duration;

import io.github.mcpoauth.token.OAuthToken;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Keeps tokens across restarts, one per {@link TokenKey} (MCP server and principal). Client
 * registrations are kept apart, in a
 * {@link io.github.mcpoauth.registration.ClientRegistrationStore}; every backend of this
 * project implements both.
 *
 * <p>Implementations that do blocking I/O (files, the OS keychain, Vault) subscribe on
 * {@code Schedulers.boundedElastic()} so callers on an event-loop thread are never
 * blocked. A failed write leaves what was stored before intact. A token that is expired
 * and has no refresh token can never be used again: implementations drop it when they
 * load or list it.
 *
 * <p>Several processes may share one store. {@link #deleteToken(TokenKey, OAuthToken)}
 * removes a token only while it is still the one the caller saw fail, so a process never
 * deletes the fresh token another process has just stored.
 *
 * <pre>{@code
 * TokenStore store = TokenStores.create(TokenStoreSettings.defaults());   // the OS keychain, else the encrypted file
 * OAuthToken token = store.loadToken(TokenKey.of("sample", "alice")).block();
 * McpOAuthClient engine = McpOAuthClient.builder().tokenStore(store).build();
 * }</pre>
 * More in the {@linkplain io.github.mcpoauth.store package documentation}; the examples are
 * compiled by {@code JavadocExamplesTests}.
 */
public interface TokenStore {

	/**
	 * Stores the token for a server and principal, replacing any earlier one.
	 * @param key the server and principal
	 * @param token the token
	 * @return completion
	 */
	Mono<Void> saveToken(TokenKey key, OAuthToken token);

	/**
	 * @param key the server and principal
	 * @return the stored token, read from the backend (not from a cache another process
	 * cannot update), or empty
	 */
	Mono<OAuthToken> loadToken(TokenKey key);

	/**
	 * Removes the token of a server and principal, whatever it is.
	 * @param key the server and principal
	 * @return whether a token was removed
	 */
	Mono<Boolean> deleteToken(TokenKey key);

	/**
	 * Compare-and-delete: removes the stored token only while it still has the access token
	 * of {@code expected} (the token that was refused). When another process has stored a
	 * new token meanwhile, nothing is removed. Atomic with respect to other writers of the
	 * same backend (the file store under its lock, Vault through the KV v2 version).
	 * @param key the server and principal
	 * @param expected the token the caller saw fail
	 * @return whether the token was removed
	 */
	Mono<Boolean> deleteToken(TokenKey key, OAuthToken expected);

	/**
	 * @return the keys that have a stored token, sorted by server name then principal
	 */
	Flux<TokenKey> tokenKeys();

	/**
	 * Whether a token is stored that is not expired, or that can be refreshed.
	 * @param key the server and principal
	 * @param clock the clock
	 * @param clockSkew the margin before expiry
	 * @return {@code true} when the stored token can still be used
	 */
	default Mono<Boolean> hasValidToken(TokenKey key, Clock clock, Duration clockSkew) {
		return loadToken(key).map((token) -> !token.isExpired(clock, clockSkew) || token.hasRefreshToken())
			.defaultIfEmpty(false);
	}

	/**
	 * A short name for the backend, shown to users ("memory", "encrypted-file", ...).
	 * @return the backend name
	 */
	String backendName();

}
