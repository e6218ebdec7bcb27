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

import java.net.URI;
import java.time.Duration;
import java.util.List;

import io.github.mcpoauth.core.McpOAuthErrorCode;
import io.github.mcpoauth.core.McpOAuthException;
import io.github.mcpoauth.core.McpServerDefinition;
import io.github.mcpoauth.discovery.BearerChallenge;
import io.github.mcpoauth.registration.OAuthClientRegistration;
import io.github.mcpoauth.store.InMemoryTokenStore;
import io.github.mcpoauth.store.TokenKey;
import io.github.mcpoauth.testsupport.Engines;
import io.github.mcpoauth.testsupport.FakeAuthorizationServer;
import io.github.mcpoauth.testsupport.MutableClock;
import io.github.mcpoauth.token.OAuthToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.github.mcpoauth.testsupport.McpOAuthAssertions.TIMEOUT;
import static io.github.mcpoauth.testsupport.McpOAuthAssertions.expectError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of the parts of {@link McpOAuthClient} the starter relies on: the step-up count and
 * its reset, the filter's fast path {@code cachedToken}, {@code forget}, the accessors, and
 * unreachable servers reported as {@link McpOAuthErrorCode#CONNECTION_FAILED}.
 */
class McpOAuthClientStarterApiTests {

	private static final String OLD_ISSUER = "https://old-issuer.example";

	@RegisterExtension
	final FakeAuthorizationServer fake = FakeAuthorizationServer.startWithMetadata();

	private final McpServerDefinition server = this.fake.mcpServer();

	private final MutableClock clock = MutableClock.now();

	private final InMemoryTokenStore store = new InMemoryTokenStore(this.clock);

	private final McpOAuthClient client = client();

	@Test
	void accessorsThenGiveWhatTheBuilderWasGiven() {
		McpOAuthClient built = McpOAuthClient.builder()
			.tokenStore(this.store)
			.clock(this.clock)
			.clockSkew(Duration.ofSeconds(5))
			.build();

		assertThat(built.tokenStore()).isSameAs(this.store);
		assertThat(built.clock()).isSameAs(this.clock);
		assertThat(built.clockSkew()).isEqualTo(Duration.ofSeconds(5));
	}

	@Test
	void handleForbiddenWhenStepUpsGoOnBeyondThePerRequestBoundThenEachNewScopeIsStillGranted() {
		String token = authenticate().accessToken();
		for (int i = 1; i <= McpOAuthClient.MAX_STEP_UP_ATTEMPTS + 2; i++) {
			token = this.client.handleForbidden(this.server, insufficientScope("scope-" + i), token)
				.block(TIMEOUT)
				.accessToken();
		}

		assertThat(this.client.cachedToken(this.server).scopes()).contains("scope-1", "scope-5");
	}

	@Test
	void handleForbiddenWhenTheChallengeAddsNoNewScopeThenInsufficientScope() {
		String token = authenticate().accessToken();
		token = this.client.handleForbidden(this.server, insufficientScope("scope-1"), token).block(TIMEOUT)
			.accessToken();

		expectError(this.client.handleForbidden(this.server, insufficientScope("scope-1"), token),
				McpOAuthErrorCode.INSUFFICIENT_SCOPE);
	}

	@Test
	void cachedTokenWhenNoTokenWasReadYetThenNullEvenIfOneIsStored() {
		this.store.saveToken(TokenKey.of("fake"), OAuthToken.builder()
			.accessToken("stored-access")
			.issuedAt(this.clock.instant())
			.issuer(this.fake.issuer())
			.resource(this.fake.mcpUrl().toString())
			.build())
			.block(TIMEOUT);

		assertThat(this.client.cachedToken(this.server)).isNull();
		OAuthToken loaded = this.client.currentToken(this.server).block(TIMEOUT);
		assertThat(this.client.cachedToken(this.server)).isSameAs(loaded);
		assertThat(this.fake.requestLines()).isEmpty();
	}

	@Test
	void cachedTokenWhenTheHeldTokenExpiresThenNullUntilItIsRefreshed() {
		OAuthToken token = authenticate();
		assertThat(this.client.cachedToken(this.server)).isSameAs(token);

		this.clock.advance(Duration.ofHours(2));

		assertThat(this.client.cachedToken(this.server)).isNull();
		OAuthToken refreshed = this.client.currentToken(this.server).block(TIMEOUT);
		assertThat(refreshed.accessToken()).isNotEqualTo(token.accessToken());
		assertThat(this.client.cachedToken(this.server)).isSameAs(refreshed);
	}

	@Test
	void cachedTokenWhenTheServerIsForgottenThenNull() {
		authenticate();

		this.client.forget(this.server).block(TIMEOUT);

		assertThat(this.client.cachedToken(this.server)).isNull();
	}

	@Test
	void forgetThenRemovesTheTokenAndTheRegistration() {
		authenticate();

		assertThat(this.client.forget(this.server).block(TIMEOUT)).isTrue();

		assertThat(this.store.loadToken(TokenKey.of("fake")).block(TIMEOUT)).isNull();
		assertThat(this.store.loadRegistration("fake", this.fake.issuer()).block(TIMEOUT)).isNull();
		assertThat(this.client.forget(this.server).block(TIMEOUT)).isFalse();
	}

	@Test
	void forgetWhenTheTokenCameFromAnotherIssuerThenRemovesTheRegistrationsAtBoth() {
		authenticate();
		this.store.saveToken(TokenKey.of("fake"), OAuthToken.builder()
			.accessToken("old-access")
			.refreshToken("old-refresh")
			.issuedAt(this.clock.instant())
			.issuer(OLD_ISSUER)
			.resource(this.fake.mcpUrl().toString())
			.build())
			.block(TIMEOUT);
		this.store.saveRegistration("fake", new OAuthClientRegistration(OLD_ISSUER, "old-client", null, "none",
				List.of("http://127.0.0.1/callback"), null, OAuthClientRegistration.Source.DYNAMIC))
			.block(TIMEOUT);
		McpOAuthClient fresh = client();
		fresh.discover(this.server, null).block(TIMEOUT);

		assertThat(fresh.forget(this.server).block(TIMEOUT)).isTrue();

		assertThat(this.store.loadToken(TokenKey.of("fake")).block(TIMEOUT)).isNull();
		assertThat(this.store.loadRegistration("fake", OLD_ISSUER).block(TIMEOUT)).isNull();
		assertThat(this.store.loadRegistration("fake", this.fake.issuer()).block(TIMEOUT)).isNull();
	}

	@Test
	void forgetThenTheCachedTokenIsNotUsedAnyMore() {
		authenticate();
		this.client.forget(this.server).block(TIMEOUT);
		this.fake.clearRecordings();

		this.client.ensureAuthenticated(this.server).block(TIMEOUT);

		assertThat(this.fake.requestLines()).contains("POST /register", "GET /authorize");
	}

	@Test
	void ensureAuthenticatedWhenTheTokenEndpointIsUnreachableThenConnectionFailed() {
		this.fake.unreachableTokenEndpoint();

		McpOAuthException ex = expectError(this.client.ensureAuthenticated(this.server),
				McpOAuthErrorCode.CONNECTION_FAILED);

		assertThat(ex.getMessage()).contains("POST").contains("/token");
		assertThat(this.store.loadToken(TokenKey.of("fake")).block(TIMEOUT)).isNull();
	}

	private McpOAuthClient client() {
		return Engines.direct(this.store, this.clock).build();
	}

	private OAuthToken authenticate() {
		return this.client.ensureAuthenticated(this.server).block(TIMEOUT);
	}

	private static BearerChallenge insufficientScope(String scope) {
		return BearerChallenge.parse(List.of("Bearer error=\"insufficient_scope\", scope=\"" + scope + "\""))
			.orElseThrow();
	}

	@Test
	void serverNameRegisteredAgainWithAnotherUrlThenTheOldTokenIsNeverUsed() {
		authenticate();
		McpServerDefinition moved = McpServerDefinition
			.builder(this.server.name(), URI.create("https://elsewhere.example/mcp"))
			.build();

		assertThat(this.client.cachedToken(moved)).isNull();
		assertThat(this.client.currentToken(moved).blockOptional(TIMEOUT)).isEmpty();
		assertThat(this.client.cachedToken(this.server)).isNull(); // the old state was replaced
		assertThat(this.client.currentToken(this.server).blockOptional(TIMEOUT)).isPresent(); // still stored for its URL
	}

}
