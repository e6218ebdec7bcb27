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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import io.github.mcpoauth.registration.OAuthClientRegistration;
import io.github.mcpoauth.token.OAuthToken;
import org.jspecify.annotations.Nullable;

/**
 * Everything one encrypted store file holds: tokens by server name then principal, and
 * registrations by server name then issuer. Mutable, and only ever used by one thread: it
 * is read, changed and written back under the store's lock.
 */
final class StoreContents {

	private final Map<String, Map<String, OAuthToken>> tokens = new TreeMap<>();

	private final Map<String, Map<String, OAuthClientRegistration>> registrations = new TreeMap<>();

	private boolean legacyFormat;

	/**
	 * @return whether these contents were read from a file of mcp-oauth 0.1.0 (tokens by
	 * server only), whose tokens are now the default principal's
	 */
	boolean isLegacyFormat() {
		return this.legacyFormat;
	}

	void setLegacyFormat(boolean legacyFormat) {
		this.legacyFormat = legacyFormat;
	}

	/**
	 * @return the tokens by server name, then principal
	 */
	Map<String, Map<String, OAuthToken>> tokens() {
		return this.tokens;
	}

	Map<String, Map<String, OAuthClientRegistration>> registrations() {
		return this.registrations;
	}

	@Nullable OAuthToken token(TokenKey key) {
		Map<String, OAuthToken> byPrincipal = this.tokens.get(key.serverName());
		return (byPrincipal != null) ? byPrincipal.get(key.principal()) : null;
	}

	void putToken(TokenKey key, OAuthToken token) {
		this.tokens.computeIfAbsent(key.serverName(), (server) -> new TreeMap<>()).put(key.principal(), token);
	}

	boolean removeToken(TokenKey key) {
		return remove(this.tokens, key.serverName(), key.principal());
	}

	/**
	 * Removes the token only while it has the access token of {@code expected}.
	 * @param key the key
	 * @param expected the token the caller saw fail
	 * @return whether it was removed
	 */
	boolean removeToken(TokenKey key, OAuthToken expected) {
		OAuthToken current = token(key);
		return current != null && Objects.equals(current.accessToken(), expected.accessToken()) && removeToken(key);
	}

	/**
	 * @return the keys of the stored tokens, sorted by server name then principal
	 */
	List<TokenKey> tokenKeys() {
		List<TokenKey> keys = new ArrayList<>();
		this.tokens.forEach((server, byPrincipal) -> byPrincipal.keySet()
			.forEach((principal) -> keys.add(TokenKey.of(server, principal))));
		return keys;
	}

	@Nullable OAuthClientRegistration registration(String serverName, String issuer) {
		Map<String, OAuthClientRegistration> byIssuer = this.registrations.get(serverName);
		return (byIssuer != null) ? byIssuer.get(issuer) : null;
	}

	void putRegistration(String serverName, OAuthClientRegistration registration) {
		this.registrations.computeIfAbsent(serverName, (key) -> new TreeMap<>())
			.put(registration.issuer(), registration);
	}

	boolean removeRegistration(String serverName, String issuer) {
		return remove(this.registrations, serverName, issuer);
	}

	/**
	 * @param serverName the server name
	 * @return the issuers the server has a registration with, sorted
	 */
	List<String> registrationIssuers(String serverName) {
		Map<String, OAuthClientRegistration> byIssuer = this.registrations.get(serverName);
		return (byIssuer != null) ? List.copyOf(byIssuer.keySet()) : List.of();
	}

	/**
	 * Drops the tokens that can no longer be used: expired and without a refresh token.
	 * @param clock the clock
	 * @return whether anything was dropped
	 */
	boolean purgeExpired(Clock clock) {
		boolean purged = false;
		for (Map<String, OAuthToken> byPrincipal : this.tokens.values()) {
			purged |= byPrincipal.values().removeIf((token) -> isPurgeable(token, clock));
		}
		this.tokens.values().removeIf(Map::isEmpty);
		return purged;
	}

	static boolean isPurgeable(OAuthToken token, Clock clock) {
		return token.isExpired(clock, Duration.ZERO) && !token.hasRefreshToken();
	}

	private static <V> boolean remove(Map<String, Map<String, V>> map, String outer, String inner) {
		Map<String, V> values = map.get(outer);
		if (values == null || values.remove(inner) == null) {
			return false;
		}
		if (values.isEmpty()) {
			map.remove(outer);
		}
		return true;
	}

	@Override
	public String toString() {
		return "StoreContents[tokens=" + tokenKeys() + ", registrations=" + this.registrations.keySet() + "]";
	}

}
