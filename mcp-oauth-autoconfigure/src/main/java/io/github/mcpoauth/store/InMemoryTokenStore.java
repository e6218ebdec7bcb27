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
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import io.github.mcpoauth.registration.OAuthClientRegistration;
import io.github.mcpoauth.token.OAuthToken;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.util.Assert;

/**
 * A {@link TokenStore} and {@link io.github.mcpoauth.registration.ClientRegistrationStore}
 * that keeps everything in memory: nothing survives a restart. Non-blocking, suitable for
 * tests and for short-lived processes. Tokens that are expired and have no refresh token
 * are dropped when they are loaded or listed. {@link #deleteToken(TokenKey, OAuthToken)}
 * is atomic ({@link ConcurrentHashMap#remove(Object, Object)}).
 */
public final class InMemoryTokenStore implements McpOAuthStore {

	/** Sorts keys by server name, then principal. */
	static final Comparator<TokenKey> KEY_ORDER = Comparator.comparing(TokenKey::serverName)
		.thenComparing(TokenKey::principal);

	private final Map<TokenKey, OAuthToken> tokens = new ConcurrentHashMap<>();

	private final Map<RegistrationKey, OAuthClientRegistration> registrations = new ConcurrentHashMap<>();

	private final Clock clock;

	public InMemoryTokenStore() {
		this(Clock.systemUTC());
	}

	/**
	 * @param clock the clock used to drop expired tokens
	 */
	public InMemoryTokenStore(Clock clock) {
		Assert.notNull(clock, "clock cannot be null");
		this.clock = clock;
	}

	@Override
	public Mono<Void> saveToken(TokenKey key, OAuthToken token) {
		Assert.notNull(key, "key cannot be null");
		Assert.notNull(token, "token cannot be null");
		return Mono.fromRunnable(() -> this.tokens.put(key, token));
	}

	@Override
	public Mono<OAuthToken> loadToken(TokenKey key) {
		Assert.notNull(key, "key cannot be null");
		return Mono.fromSupplier(() -> {
			OAuthToken token = this.tokens.get(key);
			if (token != null && StoreContents.isPurgeable(token, this.clock)) {
				this.tokens.remove(key, token);
				return null;
			}
			return token;
		});
	}

	@Override
	public Mono<Boolean> deleteToken(TokenKey key) {
		Assert.notNull(key, "key cannot be null");
		return Mono.fromSupplier(() -> this.tokens.remove(key) != null);
	}

	@Override
	public Mono<Boolean> deleteToken(TokenKey key, OAuthToken expected) {
		Assert.notNull(key, "key cannot be null");
		Assert.notNull(expected, "expected cannot be null");
		return Mono.fromSupplier(() -> {
			while (true) {
				OAuthToken current = this.tokens.get(key);
				if (current == null || !Objects.equals(current.accessToken(), expected.accessToken())) {
					return false;
				}
				if (this.tokens.remove(key, current)) {
					return true;
				}
			}
		});
	}

	@Override
	public Flux<TokenKey> tokenKeys() {
		return Flux.defer(() -> {
			this.tokens.entrySet().removeIf((entry) -> StoreContents.isPurgeable(entry.getValue(), this.clock));
			return Flux.fromIterable(this.tokens.keySet().stream().sorted(KEY_ORDER).toList());
		});
	}

	@Override
	public Mono<Void> saveRegistration(String serverName, OAuthClientRegistration registration) {
		Assert.hasText(serverName, "serverName cannot be empty");
		Assert.notNull(registration, "registration cannot be null");
		return Mono.fromRunnable(
				() -> this.registrations.put(new RegistrationKey(serverName, registration.issuer()), registration));
	}

	@Override
	public Mono<OAuthClientRegistration> loadRegistration(String serverName, String issuer) {
		return Mono.fromSupplier(() -> this.registrations.get(new RegistrationKey(serverName, issuer)));
	}

	@Override
	public Mono<Boolean> deleteRegistration(String serverName, String issuer) {
		return Mono.fromSupplier(() -> this.registrations.remove(new RegistrationKey(serverName, issuer)) != null);
	}

	@Override
	public Flux<String> registrationIssuers(String serverName) {
		return Flux.defer(() -> Flux.fromIterable(this.registrations.keySet()
			.stream()
			.filter((key) -> key.serverName().equals(serverName))
			.map(RegistrationKey::issuer)
			.sorted()
			.toList()));
	}

	@Override
	public String backendName() {
		return "memory";
	}

	@Override
	public String toString() {
		return "InMemoryTokenStore[tokens=" + this.tokens.size() + ", registrations=" + this.registrations.size()
				+ "]";
	}

	private record RegistrationKey(String serverName, String issuer) {
	}

}
