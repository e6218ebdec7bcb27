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

package io.github.mcpoauth.client;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.github.mcpoauth.core.McpServerDefinition;
import io.github.mcpoauth.store.InMemoryTokenStore;
import io.github.mcpoauth.store.McpOAuthStore;
import io.github.mcpoauth.store.TokenKey;
import io.github.mcpoauth.testsupport.DelegatingTokenStore;
import io.github.mcpoauth.testsupport.Engines;
import io.github.mcpoauth.testsupport.FakeAuthorizationServer;
import io.github.mcpoauth.testsupport.MutableClock;
import io.github.mcpoauth.token.OAuthToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import static io.github.mcpoauth.testsupport.McpOAuthAssertions.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of the single flight of {@link McpOAuthClient} at its edge: a caller that read the
 * old state before a concurrent acquisition ended, and reaches the single flight after it
 * ended, must use the acquired token instead of starting another acquisition. The order is
 * forced with a store that holds back one read.
 */
class McpOAuthClientSingleFlightTests {

	@RegisterExtension
	final FakeAuthorizationServer fake = FakeAuthorizationServer.startWithMetadata();

	private final McpServerDefinition server = this.fake.mcpServer();

	private final MutableClock clock = MutableClock.now();

	private final HeldBackTokenStore store = new HeldBackTokenStore(new InMemoryTokenStore(this.clock));

	private final McpOAuthClient client = client();

	@Test
	void currentTokenWhenAConcurrentRefreshEndedMeanwhileThenUsesItsTokenWithoutRefreshingAgain() throws Exception {
		OAuthToken first = client().ensureAuthenticated(this.server).block(TIMEOUT);
		this.clock.advance(Duration.ofHours(2));
		this.fake.clearRecordings();

		CompletableFuture<Optional<OAuthToken>> late = this.store.holdBackNextLoad(
				() -> this.client.currentToken(this.server).map(Optional::of).defaultIfEmpty(Optional.empty()).toFuture());
		OAuthToken refreshed = this.client.currentToken(this.server).block(TIMEOUT);
		this.store.release();

		assertThat(refreshed.accessToken()).isNotEqualTo(first.accessToken());
		assertThat(late.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).contains(refreshed);
		assertThat(this.fake.count("/token")).isOne();
		assertThat(this.store.loadToken(TokenKey.of("fake")).block(TIMEOUT)).isEqualTo(refreshed);
	}

	@Test
	void ensureAuthenticatedWhenAConcurrentAuthorizationEndedMeanwhileThenUsesItsTokenWithoutAuthorizingAgain()
			throws Exception {
		CompletableFuture<OAuthToken> late = this.store
			.holdBackNextLoad(() -> this.client.ensureAuthenticated(this.server).toFuture());
		OAuthToken authorized = this.client.ensureAuthenticated(this.server).block(TIMEOUT);
		this.store.release();

		assertThat(late.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(authorized);
		assertThat(this.fake.count("/authorize")).isOne();
		assertThat(this.fake.count("/token")).isOne();
	}

	private McpOAuthClient client() {
		return Engines.direct(this.store, this.clock).build();
	}

	/**
	 * A store whose next token read takes its value at once but answers only when released.
	 */
	private static final class HeldBackTokenStore extends DelegatingTokenStore {

		private volatile boolean holdNext;

		private final Sinks.Empty<Void> gate = Sinks.empty();

		HeldBackTokenStore(McpOAuthStore delegate) {
			super(delegate);
		}

		<T> T holdBackNextLoad(Supplier<T> caller) {
			this.holdNext = true;
			return caller.get();
		}

		void release() {
			this.gate.tryEmitEmpty();
		}

		@Override
		public Mono<OAuthToken> loadToken(TokenKey key) {
			if (!this.holdNext) {
				return super.loadToken(key);
			}
			this.holdNext = false;
			return super.loadToken(key)
				.map(Optional::of)
				.defaultIfEmpty(Optional.empty())
				.delayUntil((read) -> this.gate.asMono())
				.flatMap(Mono::justOrEmpty);
		}

		@Override
		public String backendName() {
			return "held-back";
		}

	}

}
