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
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.mcpoauth.core.McpServerDefinition;
import io.github.mcpoauth.store.InMemoryTokenStore;
import io.github.mcpoauth.store.TokenKey;
import io.github.mcpoauth.testsupport.Engines;
import io.github.mcpoauth.testsupport.FakeAuthorizationServer;
import io.github.mcpoauth.testsupport.MutableClock;
import io.github.mcpoauth.token.OAuthToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.Disposable;

import static io.github.mcpoauth.testsupport.McpOAuthAssertions.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two engines sharing one store, as two processes sharing one token file or Vault do: an
 * engine holding a stale token in memory uses the token the other stored, a refusal caused
 * by the other's rotation deletes nothing, and a token the authorization server has issued
 * is saved even when its caller gives up.
 */
class McpOAuthClientSharedStoreTests {

	@RegisterExtension
	final FakeAuthorizationServer fake = FakeAuthorizationServer.startWithMetadata();

	private final McpServerDefinition server = this.fake.mcpServer();

	private final MutableClock clock = MutableClock.now();

	private final InMemoryTokenStore store = new InMemoryTokenStore(this.clock);

	private final McpOAuthClient first = Engines.direct(this.store, this.clock).build();

	private final McpOAuthClient second = Engines.direct(this.store, this.clock).build();

	@Test
	void currentTokenWhenAnotherProcessRefreshedMeanwhileThenUsesItsTokenWithoutRefreshing() {
		OAuthToken original = this.first.ensureAuthenticated(this.server).block(TIMEOUT);
		assertThat(this.second.currentToken(this.server).block(TIMEOUT)).isEqualTo(original);
		this.clock.advance(Duration.ofHours(2));

		OAuthToken refreshed = this.first.currentToken(this.server).block(TIMEOUT);
		OAuthToken seenBySecond = this.second.currentToken(this.server).block(TIMEOUT);

		assertThat(refreshed.accessToken()).isNotEqualTo(original.accessToken());
		assertThat(seenBySecond).isEqualTo(refreshed);
		assertThat(this.fake.tokenRequests("refresh_token")).hasSize(1);
	}

	@Test
	void refreshWhenRefusedBecauseAnotherProcessRotatedTheTokenThenUsesItsTokenAndDeletesNothing() {
		OAuthToken original = this.first.ensureAuthenticated(this.server).block(TIMEOUT);
		this.second.currentToken(this.server).block(TIMEOUT);
		this.clock.advance(Duration.ofHours(2));
		AtomicBoolean raced = new AtomicBoolean();
		// the first process wins the race: it refreshes and stores while the second's request is in flight
		this.fake.beforeTokenResponse((request) -> {
			if (raced.compareAndSet(false, true)) {
				this.first.currentToken(this.server).block(TIMEOUT);
			}
		});

		OAuthToken seenBySecond = this.second.currentToken(this.server).block(TIMEOUT);

		OAuthToken stored = this.store.loadToken(TokenKey.of("fake")).block(TIMEOUT);
		assertThat(stored).isNotNull();
		assertThat(stored.accessToken()).isNotEqualTo(original.accessToken());
		assertThat(seenBySecond).isEqualTo(stored);
		assertThat(this.fake.tokenRequests("refresh_token")).hasSize(2);
		assertThat(this.fake.tokenRequests("authorization_code")).hasSize(1);
	}

	@Test
	void refreshWhenRefusedAndTheStoreStillHoldsTheRefusedTokenThenDeletesIt() {
		this.first.ensureAuthenticated(this.server).block(TIMEOUT);
		this.clock.advance(Duration.ofHours(2));
		this.fake.enqueueTokenError(400, "invalid_grant");

		assertThat(this.second.currentToken(this.server).blockOptional(TIMEOUT)).isEmpty();

		assertThat(this.store.loadToken(TokenKey.of("fake")).blockOptional(TIMEOUT)).isEmpty();
	}

	@Test
	void refreshWhenTheCallerCancelsAfterTheRequestWasSentThenTheIssuedTokenIsStillSaved() throws Exception {
		OAuthToken original = this.first.ensureAuthenticated(this.server).block(TIMEOUT);
		this.clock.advance(Duration.ofHours(2));
		this.fake.tokenDelay(Duration.ofMillis(500));

		Disposable call = this.first.currentToken(this.server).subscribe();
		Thread.sleep(150);
		call.dispose();
		this.first.close();

		OAuthToken stored = this.store.loadToken(TokenKey.of("fake")).block(TIMEOUT);
		assertThat(stored.accessToken()).isNotEqualTo(original.accessToken());
		assertThat(this.fake.tokenRequests("refresh_token")).hasSize(1);
		this.fake.tokenDelay(Duration.ZERO);
		assertThat(this.second.currentToken(this.server).block(TIMEOUT)).isEqualTo(stored);
		assertThat(this.fake.tokenRequests("refresh_token")).hasSize(1);
	}

	@Test
	void currentTokenWhenAnotherProcessRemovedTheTokenThenDoesNotReviveIt() {
		this.first.ensureAuthenticated(this.server).block(TIMEOUT);
		this.second.currentToken(this.server).block(TIMEOUT);
		this.clock.advance(Duration.ofHours(2));
		this.store.deleteToken(TokenKey.of("fake")).block(TIMEOUT);

		assertThat(this.second.currentToken(this.server).blockOptional(TIMEOUT)).isEmpty();
		assertThat(this.fake.tokenRequests("refresh_token")).isEmpty();
	}

}
