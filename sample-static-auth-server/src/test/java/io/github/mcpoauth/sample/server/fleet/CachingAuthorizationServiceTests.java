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

package io.github.mcpoauth.sample.server.fleet;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.server.authorization.InMemoryOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link CachingAuthorizationService}: only access-token lookups are cached, for their time
 * to live; a lookup that finds nothing is not; a write at this instance evicts at once.
 */
class CachingAuthorizationServiceTests {

	private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");

	private final CountingService shared = new CountingService();

	private final MutableClock clock = new MutableClock();

	private final CachingAuthorizationService cache = new CachingAuthorizationService(this.shared,
			Duration.ofSeconds(5), this.clock);

	@Test
	void findByAccessTokenWithinTheTimeToLiveThenAnsweredFromTheCache() {
		this.shared.save(authorization("a1", "AT1"));
		this.cache.findByToken("AT1", OAuth2TokenType.ACCESS_TOKEN);
		this.shared.save(revoked(authorization("a1", "AT1")));

		this.clock.advance(Duration.ofSeconds(4));
		assertThat(this.cache.findByToken("AT1", OAuth2TokenType.ACCESS_TOKEN).getAccessToken().isInvalidated())
			.as("revoked at another instance, still trusted within 5 s")
			.isFalse();
		this.clock.advance(Duration.ofSeconds(2));
		assertThat(this.cache.findByToken("AT1", OAuth2TokenType.ACCESS_TOKEN).getAccessToken().isInvalidated())
			.as("looked up again after 5 s")
			.isTrue();
		assertThat(this.shared.lookups.get()).isEqualTo(2);
	}

	@Test
	void saveAtThisInstanceThenEvictsTheAuthorizationAtOnce() {
		this.cache.save(authorization("a1", "AT1"));
		this.cache.findByToken("AT1", OAuth2TokenType.ACCESS_TOKEN);

		this.cache.save(revoked(authorization("a1", "AT1")));

		assertThat(this.cache.findByToken("AT1", OAuth2TokenType.ACCESS_TOKEN).getAccessToken().isInvalidated()).isTrue();
	}

	@Test
	void findByTokenWhenNothingFoundOrNotAnAccessTokenThenNeverCached() {
		assertThat(this.cache.findByToken("AT2", OAuth2TokenType.ACCESS_TOKEN)).isNull();
		this.shared.save(authorization("a2", "AT2"));
		assertThat(this.cache.findByToken("AT2", OAuth2TokenType.ACCESS_TOKEN)).as("issued by another instance")
			.isNotNull();

		this.cache.findByToken("RT-a2", OAuth2TokenType.REFRESH_TOKEN);
		this.cache.findByToken("RT-a2", OAuth2TokenType.REFRESH_TOKEN);
		this.cache.findByToken("AT2", null);
		assertThat(this.shared.lookups.get()).isEqualTo(5);
	}

	private static OAuth2Authorization authorization(String id, String accessToken) {
		RegisteredClient client = RegisteredClient.withId("client")
			.clientId("client")
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.build();
		return OAuth2Authorization.withRegisteredClient(client)
			.id(id)
			.principalName("demo")
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.accessToken(accessToken(accessToken))
			.refreshToken(new OAuth2RefreshToken("RT-" + id, NOW))
			.build();
	}

	private static OAuth2Authorization revoked(OAuth2Authorization authorization) {
		return OAuth2Authorization.from(authorization).invalidate(authorization.getAccessToken().getToken()).build();
	}

	private static OAuth2AccessToken accessToken(String value) {
		return new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, value, NOW, NOW.plusSeconds(3600));
	}

	/** The shared service of the fleet (in memory here), counting its token lookups. */
	private static final class CountingService implements OAuth2AuthorizationService {

		final AtomicInteger lookups = new AtomicInteger();

		private final InMemoryOAuth2AuthorizationService delegate = new InMemoryOAuth2AuthorizationService();

		@Override
		public void save(OAuth2Authorization authorization) {
			this.delegate.save(authorization);
		}

		@Override
		public void remove(OAuth2Authorization authorization) {
			this.delegate.remove(authorization);
		}

		@Override
		public @Nullable OAuth2Authorization findById(String id) {
			return this.delegate.findById(id);
		}

		@Override
		public @Nullable OAuth2Authorization findByToken(String token, @Nullable OAuth2TokenType tokenType) {
			this.lookups.incrementAndGet();
			return this.delegate.findByToken(token, tokenType);
		}

	}

	private static final class MutableClock extends Clock {

		private Instant now = NOW;

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public java.time.ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
