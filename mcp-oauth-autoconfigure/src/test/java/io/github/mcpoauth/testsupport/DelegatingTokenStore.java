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

package io.github.mcpoauth.testsupport;

import io.github.mcpoauth.registration.OAuthClientRegistration;
import io.github.mcpoauth.store.McpOAuthStore;
import io.github.mcpoauth.store.TokenKey;
import io.github.mcpoauth.token.OAuthToken;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.util.Assert;

/**
 * A {@link McpOAuthStore} that hands every call to another store, for tests that change
 * one operation (hold a read back, fail a write) and override only that.
 */
public abstract class DelegatingTokenStore implements McpOAuthStore {

	private final McpOAuthStore delegate;

	protected DelegatingTokenStore(McpOAuthStore delegate) {
		Assert.notNull(delegate, "delegate cannot be null");
		this.delegate = delegate;
	}

	@Override
	public Mono<Void> saveToken(TokenKey key, OAuthToken token) {
		return this.delegate.saveToken(key, token);
	}

	@Override
	public Mono<OAuthToken> loadToken(TokenKey key) {
		return this.delegate.loadToken(key);
	}

	@Override
	public Mono<Boolean> deleteToken(TokenKey key) {
		return this.delegate.deleteToken(key);
	}

	@Override
	public Mono<Boolean> deleteToken(TokenKey key, OAuthToken expected) {
		return this.delegate.deleteToken(key, expected);
	}

	@Override
	public Flux<TokenKey> tokenKeys() {
		return this.delegate.tokenKeys();
	}

	@Override
	public Mono<Void> saveRegistration(String serverName, OAuthClientRegistration registration) {
		return this.delegate.saveRegistration(serverName, registration);
	}

	@Override
	public Mono<OAuthClientRegistration> loadRegistration(String serverName, String issuer) {
		return this.delegate.loadRegistration(serverName, issuer);
	}

	@Override
	public Mono<Boolean> deleteRegistration(String serverName, String issuer) {
		return this.delegate.deleteRegistration(serverName, issuer);
	}

	@Override
	public Flux<String> registrationIssuers(String serverName) {
		return this.delegate.registrationIssuers(serverName);
	}

	@Override
	public String backendName() {
		return this.delegate.backendName();
	}

}
