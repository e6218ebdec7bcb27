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

package io.github.mcpoauth.actuate;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.mcpoauth.core.McpServerRegistry;
import io.github.mcpoauth.store.TokenKey;
import io.github.mcpoauth.store.TokenStore;
import io.github.mcpoauth.token.OAuthToken;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.util.Assert;

/**
 * Reports, for each configured MCP server, whether the token store holds a token of the
 * default principal ({@link TokenKey#of(String)}) that can be used: {@code valid} (not expired), {@code refreshable} (expired, with a refresh
 * token), {@code expired} or {@code none}, with the expiry time and the granted scopes.
 * Never the token itself.
 *
 * <p>The status is {@code UP} when the store answers, whatever the tokens (a server nobody
 * has signed in to yet is not an outage), and {@code DOWN} when the store fails, for
 * example a file store whose password is wrong.
 */
public final class McpOAuthHealthIndicator implements ReactiveHealthIndicator {

	private final McpServerRegistry servers;

	private final TokenStore store;

	private final Clock clock;

	private final Duration clockSkew;

	public McpOAuthHealthIndicator(McpServerRegistry servers, TokenStore store, Clock clock, Duration clockSkew) {
		Assert.notNull(servers, "servers cannot be null");
		Assert.notNull(store, "store cannot be null");
		Assert.notNull(clock, "clock cannot be null");
		Assert.notNull(clockSkew, "clockSkew cannot be null");
		this.servers = servers;
		this.store = store;
		this.clock = clock;
		this.clockSkew = clockSkew;
	}

	@Override
	public Mono<Health> health() {
		return Flux.fromIterable(this.servers.servers())
			.sort((a, b) -> a.name().compareTo(b.name()))
			.concatMap((server) -> this.store.loadToken(TokenKey.of(server.name()))
				.map(this::describe)
				.defaultIfEmpty(Map.of("token", "none"))
				.map((details) -> Map.entry(server.name(), details)))
			.collectList()
			.map((entries) -> {
				Map<String, Object> details = new LinkedHashMap<>();
				entries.forEach((entry) -> details.put(entry.getKey(), entry.getValue()));
				return Health.up().withDetail("store", this.store.backendName()).withDetail("servers", details).build();
			})
			.onErrorResume((ex) -> Mono.just(Health.down()
				.withDetail("store", this.store.backendName())
				.withDetail("error", ex.getClass().getSimpleName() + ": " + ex.getMessage())
				.build()));
	}

	private Map<String, Object> describe(OAuthToken token) {
		Map<String, Object> details = new LinkedHashMap<>();
		String state;
		if (!token.isExpired(this.clock, this.clockSkew)) {
			state = "valid";
		}
		else {
			state = token.hasRefreshToken() ? "refreshable" : "expired";
		}
		details.put("token", state);
		if (token.expiresAt() != null) {
			details.put("expiresAt", token.expiresAt().toString());
		}
		details.put("scopes", String.join(" ", token.scopes()));
		details.put("issuer", token.issuer());
		return details;
	}

}
