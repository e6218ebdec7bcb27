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

import io.github.mcpoauth.core.McpOAuthErrorCode;
import io.github.mcpoauth.core.McpOAuthException;
import io.github.mcpoauth.core.McpServerDefinition;
import io.github.mcpoauth.store.InMemoryTokenStore;
import io.github.mcpoauth.testsupport.Engines;
import io.github.mcpoauth.testsupport.FakeAuthorizationServer;
import io.github.mcpoauth.testsupport.MutableClock;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.github.mcpoauth.testsupport.McpOAuthAssertions.TIMEOUT;
import static io.github.mcpoauth.testsupport.McpOAuthAssertions.expectError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of the Micrometer observations of {@link McpOAuthClient}: one per authorization
 * ({@value McpOAuthClient#AUTHORIZATION_OBSERVATION}) and per refresh
 * ({@value McpOAuthClient#REFRESH_OBSERVATION}).
 */
class McpOAuthClientObservationTests {

	@RegisterExtension
	final FakeAuthorizationServer fake = FakeAuthorizationServer.startWithMetadata();

	private final McpServerDefinition server = this.fake.mcpServer();

	private final MutableClock clock = MutableClock.now();

	private final TestObservationRegistry registry = TestObservationRegistry.create();

	private final McpOAuthClient client = Engines.direct(new InMemoryTokenStore(this.clock), this.clock)
		.observationRegistry(this.registry)
		.build();

	@Test
	void ensureAuthenticatedThenObservesOneAuthorization() {
		this.client.ensureAuthenticated(this.server).block(TIMEOUT);

		TestObservationRegistryAssert.assertThat(this.registry)
			.hasNumberOfObservationsEqualTo(1)
			.hasSingleObservationThat()
			.hasNameEqualTo("mcp.oauth.authorization")
			.hasContextualNameEqualTo("mcp.oauth.authorization")
			.hasLowCardinalityKeyValue("mcp.server", "fake")
			.hasLowCardinalityKeyValue("grant.type", "authorization_code")
			.hasLowCardinalityKeyValue("error.code", "none")
			.hasBeenStarted()
			.hasBeenStopped()
			.doesNotHaveError();
	}

	@Test
	void ensureAuthenticatedWhenTheTokenHasExpiredThenObservesARefresh() {
		this.client.ensureAuthenticated(this.server).block(TIMEOUT);
		this.clock.advance(Duration.ofHours(2));
		this.registry.clear();

		this.client.ensureAuthenticated(this.server).block(TIMEOUT);

		TestObservationRegistryAssert.assertThat(this.registry)
			.hasNumberOfObservationsEqualTo(1)
			.hasSingleObservationThat()
			.hasNameEqualTo("mcp.oauth.refresh")
			.hasLowCardinalityKeyValue("mcp.server", "fake")
			.hasLowCardinalityKeyValue("grant.type", "refresh_token")
			.hasLowCardinalityKeyValue("error.code", "none")
			.hasBeenStopped();
	}

	@Test
	void handleUnauthorizedWhenTheRefreshTokenIsRefusedThenTheRefreshRecordsTheErrorCodeAndTheAuthorizationSucceeds() {
		String rejected = this.client.ensureAuthenticated(this.server).block(TIMEOUT).accessToken();
		this.fake.enqueueTokenError(400, "invalid_grant");
		this.registry.clear();

		this.client.handleUnauthorized(this.server, null, rejected).block(TIMEOUT);

		TestObservationRegistryAssert.assertThat(this.registry)
			.hasNumberOfObservationsEqualTo(2)
			.hasHandledContextsThatSatisfy((contexts) -> assertThat(contexts).extracting((context) -> context.getName())
				.containsExactly("mcp.oauth.refresh", "mcp.oauth.authorization"))
			.forAllObservationsWithNameEqualTo("mcp.oauth.refresh",
					(observation) -> observation.hasLowCardinalityKeyValue("error.code", "REFRESH_FAILED")
						.hasLowCardinalityKeyValue("grant.type", "refresh_token")
						.assertThatError()
						.isInstanceOf(McpOAuthException.class))
			.forAllObservationsWithNameEqualTo("mcp.oauth.authorization",
					(observation) -> observation.hasLowCardinalityKeyValue("error.code", "none"));
	}

	@Test
	void currentTokenWhenTheRefreshFailsOnTheServerThenTheObservationRecordsTheErrorCode() {
		this.client.ensureAuthenticated(this.server).block(TIMEOUT);
		this.clock.advance(Duration.ofHours(2));
		this.fake.enqueueTokenError(500, "server_error");
		this.registry.clear();

		expectError(this.client.currentToken(this.server), McpOAuthErrorCode.TOKEN_REQUEST_FAILED);

		TestObservationRegistryAssert.assertThat(this.registry)
			.hasSingleObservationThat()
			.hasNameEqualTo("mcp.oauth.refresh")
			.hasLowCardinalityKeyValue("mcp.server", "fake")
			.hasLowCardinalityKeyValue("error.code", "TOKEN_REQUEST_FAILED")
			.hasBeenStopped()
			.assertThatError()
			.isInstanceOf(McpOAuthException.class);
	}

	@Test
	void ensureAuthenticatedWhenTheClientCredentialsGrantIsRefusedThenTheAuthorizationRecordsItsGrantAndErrorCode() {
		McpServerDefinition machine = McpServerDefinition.builder("machine", this.fake.mcpUrl())
			.grantType(McpServerDefinition.GrantType.CLIENT_CREDENTIALS)
			.clientId("machine-client")
			.clientSecret("machine-secret")
			.build();
		this.fake.enqueueTokenError(401, "invalid_client");

		expectError(this.client.ensureAuthenticated(machine), McpOAuthErrorCode.INVALID_CLIENT);

		TestObservationRegistryAssert.assertThat(this.registry)
			.hasSingleObservationThat()
			.hasNameEqualTo("mcp.oauth.authorization")
			.hasLowCardinalityKeyValue("mcp.server", "machine")
			.hasLowCardinalityKeyValue("grant.type", "client_credentials")
			.hasLowCardinalityKeyValue("error.code", "INVALID_CLIENT");
	}

}
