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
import java.util.List;
import java.util.Map;

import io.github.mcpoauth.core.McpOAuthErrorCode;
import io.github.mcpoauth.core.McpServerDefinition;
import io.github.mcpoauth.registration.OAuthClientRegistration;
import io.github.mcpoauth.store.InMemoryTokenStore;
import io.github.mcpoauth.testsupport.Engines;
import io.github.mcpoauth.testsupport.FakeAuthorizationServer;
import io.github.mcpoauth.testsupport.MutableClock;
import io.github.mcpoauth.testsupport.RecordedRequest;
import io.github.mcpoauth.token.OAuthToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.github.mcpoauth.testsupport.McpOAuthAssertions.TIMEOUT;
import static io.github.mcpoauth.testsupport.McpOAuthAssertions.expectError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Credentials stay with their authorization server (MCP 2026-07-28, SEP-2352): when the MCP
 * server's protected-resource metadata switches to another authorization server, neither
 * the pre-registered client id and secret nor the refresh token are sent there.
 */
class McpOAuthClientIssuerBindingTests {

	private static final String CLIENT_ID = "pre-registered-client";

	private static final String SECRET = "pre-registered-secret-value";

	@RegisterExtension
	final FakeAuthorizationServer mcp = FakeAuthorizationServer.startWithMetadata();

	@RegisterExtension
	final FakeAuthorizationServer newAuthorizationServer = FakeAuthorizationServer.startWithMetadata();

	private final MutableClock clock = MutableClock.now();

	private final InMemoryTokenStore store = new InMemoryTokenStore(this.clock);

	private final McpServerDefinition server = McpServerDefinition.builder("fake", this.mcp.mcpUrl())
		.clientId(CLIENT_ID)
		.clientSecret(SECRET)
		.build();

	@Test
	void authorizeWhenTheServerMovedToAnotherAuthorizationServerThenRegistersThereAndSendsNoOldCredentials() {
		OAuthToken first = engine().ensureAuthenticated(this.server).block(TIMEOUT);
		assertThat(first.issuer()).isEqualTo(this.mcp.issuer());
		moveToNewAuthorizationServer();
		this.clock.advance(Duration.ofHours(2));

		OAuthToken second = engine().ensureAuthenticated(this.server).block(TIMEOUT);

		assertThat(second.issuer()).isEqualTo(this.newAuthorizationServer.issuer());
		assertThat(this.newAuthorizationServer.count("/register")).isOne();
		assertNothingOfTheOldServerWasSentToTheNewOne(first);
		OAuthClientRegistration binding = this.store.loadRegistration("fake", this.mcp.issuer()).block(TIMEOUT);
		assertThat(binding.source()).isEqualTo(OAuthClientRegistration.Source.PRE_REGISTERED);
		assertThat(binding.clientSecret()).isNull();
	}

	@Test
	void authorizeWhenTheNewAuthorizationServerOffersNoRegistrationThenFailsWithoutSendingTheCredentials() {
		OAuthToken first = engine().ensureAuthenticated(this.server).block(TIMEOUT);
		Map<String, Object> metadata = this.newAuthorizationServer.authorizationServerMetadata();
		metadata.remove("registration_endpoint");
		this.newAuthorizationServer.document(FakeAuthorizationServer.AS_METADATA_PATH, metadata);
		moveToNewAuthorizationServer();
		this.clock.advance(Duration.ofHours(2));

		expectError(engine().ensureAuthenticated(this.server), McpOAuthErrorCode.CREDENTIALS_BOUND_TO_OTHER_ISSUER);

		assertThat(this.newAuthorizationServer.count("/token")).isZero();
		assertNothingOfTheOldServerWasSentToTheNewOne(first);
	}

	@Test
	void authorizeWhenTheCredentialsArePinnedToTheNewIssuerThenUsesThemThere() {
		McpServerDefinition pinned = this.server.mutate().issuer(this.newAuthorizationServer.issuer()).build();
		moveToNewAuthorizationServer();

		OAuthToken token = engine().ensureAuthenticated(pinned).block(TIMEOUT);

		assertThat(token.issuer()).isEqualTo(this.newAuthorizationServer.issuer());
		assertThat(this.newAuthorizationServer.count("/register")).isZero();
		assertThat(this.newAuthorizationServer.lastRequest("/token").basicCredentials())
			.isEqualTo(CLIENT_ID + ":" + SECRET);
	}

	@Test
	void authorizeWhenPinnedToAnotherIssuerThenNeverSendsTheCredentialsToTheDiscoveredOne() {
		McpServerDefinition pinned = this.server.mutate().issuer("https://the-real-issuer.example").build();

		engine().ensureAuthenticated(pinned).block(TIMEOUT);

		assertThat(this.mcp.count("/register")).isOne();
		assertThat(this.mcp.requests()).noneMatch(this::carriesOldCredentials);
	}

	private McpOAuthClient engine() {
		return Engines.direct(this.store, this.clock).build();
	}

	private void moveToNewAuthorizationServer() {
		Map<String, Object> prm = this.mcp.protectedResourceMetadata();
		prm.put("authorization_servers", List.of(this.newAuthorizationServer.issuer()));
		this.mcp.document(FakeAuthorizationServer.PRM_PATH, prm);
	}

	private void assertNothingOfTheOldServerWasSentToTheNewOne(OAuthToken old) {
		assertThat(this.newAuthorizationServer.requests()).noneMatch(this::carriesOldCredentials)
			.noneMatch((request) -> request.line().contains(old.refreshToken()) || request.body().contains(old.refreshToken()));
	}

	private boolean carriesOldCredentials(RecordedRequest request) {
		String everything = request.line() + request.headers() + request.body();
		String basic = request.basicCredentials();
		return everything.contains(CLIENT_ID) || everything.contains(SECRET)
				|| (basic != null && (basic.contains(CLIENT_ID) || basic.contains(SECRET)));
	}

}
