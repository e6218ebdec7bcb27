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

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.mcpoauth.core.McpOAuthErrorCode;
import io.github.mcpoauth.core.McpOAuthException;
import io.github.mcpoauth.core.McpServerDefinition;
import io.github.mcpoauth.core.McpServerRegistry;
import io.github.mcpoauth.store.InMemoryTokenStore;
import io.github.mcpoauth.store.TokenKey;
import io.github.mcpoauth.store.TokenStore;
import io.github.mcpoauth.testsupport.MutableClock;
import io.github.mcpoauth.token.OAuthToken;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static io.github.mcpoauth.testsupport.McpOAuthAssertions.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link McpOAuthHealthIndicator}.
 */
class McpOAuthHealthIndicatorTests {

	private static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

	private final MutableClock clock = MutableClock.now();

	private final InMemoryTokenStore store = new InMemoryTokenStore(this.clock);

	private final McpServerRegistry servers = new McpServerRegistry(List.of(server("valid"), server("refreshable"),
			server("expiring"), server("none")));

	@Test
	void healthThenDescribesTheTokenOfEachServerAndIsUp() {
		Instant now = this.clock.instant();
		save("valid", token("valid-access-secret", "valid-refresh-secret", now.plusSeconds(3600), Set.of("mcp:read")));
		save("refreshable", token("old-access-secret", "old-refresh-secret", now.minusSeconds(10), Set.of()));
		save("expiring", token("expiring-access-secret", null, now.plusSeconds(30), Set.of("a", "b")));

		Health health = health(this.store);

		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("store", "memory");
		Map<String, Map<String, Object>> details = servers(health);
		assertThat(details).containsOnlyKeys("valid", "refreshable", "expiring", "none");
		assertThat(details.get("valid")).containsEntry("token", "valid")
			.containsEntry("expiresAt", now.plusSeconds(3600).toString())
			.containsEntry("scopes", "mcp:read")
			.containsEntry("issuer", "https://as.example");
		assertThat(details.get("refreshable")).containsEntry("token", "refreshable");
		assertThat(details.get("expiring")).containsEntry("token", "expired");
		assertThat(details.get("none")).containsExactly(Map.entry("token", "none"));
	}

	@Test
	void healthWhenNoServerIsConfiguredThenUpWithNoServers() {
		Health health = health(new McpServerRegistry(), this.store);

		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(servers(health)).isEmpty();
	}

	@Test
	void healthWhenATokenHasNoExpiryThenValidWithoutExpiresAt() {
		save("valid", token("forever-access-secret", null, null, Set.of()));

		assertThat(servers(health(this.store)).get("valid")).containsEntry("token", "valid")
			.doesNotContainKey("expiresAt");
	}

	@Test
	void healthThenNeverShowsATokenValue() {
		Instant now = this.clock.instant();
		save("valid", token("valid-access-secret", "valid-refresh-secret", now.plusSeconds(3600), Set.of("mcp:read")));
		save("refreshable", token("old-access-secret", "old-refresh-secret", now.minusSeconds(10), Set.of()));
		save("expiring", token("expiring-access-secret", null, now.plusSeconds(30), Set.of()));

		Health health = health(this.store);

		String all = health.toString() + health.getDetails();
		assertThat(all).doesNotContain("valid-access-secret", "valid-refresh-secret", "old-access-secret",
				"old-refresh-secret", "expiring-access-secret", "secret");
	}

	@Test
	void healthWhenTheStoreFailsThenDownWithTheReasonAndTheBackend() {
		Health health = health(new FailingTokenStore());

		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("store", "failing").doesNotContainKey("servers");
		assertThat((String) health.getDetails().get("error")).startsWith("McpOAuthException: ")
			.contains("The store password is wrong.");
	}

	private Health health(TokenStore tokenStore) {
		return health(this.servers, tokenStore);
	}

	private Health health(McpServerRegistry registry, TokenStore tokenStore) {
		Health health = new McpOAuthHealthIndicator(registry, tokenStore, this.clock, CLOCK_SKEW).health()
			.block(TIMEOUT);
		assertThat(health).isNotNull();
		return health;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Map<String, Object>> servers(Health health) {
		return (Map<String, Map<String, Object>>) health.getDetails().get("servers");
	}

	private void save(String name, OAuthToken token) {
		this.store.saveToken(TokenKey.of(name), token).block(TIMEOUT);
	}

	private OAuthToken token(String accessToken, @Nullable String refreshToken, @Nullable Instant expiresAt,
			Set<String> scopes) {
		return OAuthToken.builder()
			.accessToken(accessToken)
			.refreshToken(refreshToken)
			.issuedAt(this.clock.instant())
			.expiresAt(expiresAt)
			.issuer("https://as.example")
			.resource("https://mcp.example/mcp")
			.scopes(scopes)
			.build();
	}

	private static McpServerDefinition server(String name) {
		return McpServerDefinition.builder(name, URI.create("https://mcp.example/" + name)).build();
	}

	/** Fails every read, as a file store with a wrong password does. */
	private static final class FailingTokenStore implements TokenStore {

		@Override
		public Mono<OAuthToken> loadToken(TokenKey key) {
			return Mono.error(new McpOAuthException(McpOAuthErrorCode.STORAGE_FAILED, "The store password is wrong."));
		}

		@Override
		public Mono<Void> saveToken(TokenKey key, OAuthToken token) {
			return Mono.error(new UnsupportedOperationException());
		}

		@Override
		public Mono<Boolean> deleteToken(TokenKey key) {
			return Mono.error(new UnsupportedOperationException());
		}

		@Override
		public Mono<Boolean> deleteToken(TokenKey key, OAuthToken expected) {
			return Mono.error(new UnsupportedOperationException());
		}

		@Override
		public Flux<TokenKey> tokenKeys() {
			return Flux.error(new UnsupportedOperationException());
		}

		@Override
		public String backendName() {
			return "failing";
		}

	}

}
