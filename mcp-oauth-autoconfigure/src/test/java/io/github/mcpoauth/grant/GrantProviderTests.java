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

package io.github.mcpoauth.grant;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.mcpoauth.client.McpOAuthClient;
import io.github.mcpoauth.core.McpOAuthErrorCode;
import io.github.mcpoauth.core.McpOAuthException;
import io.github.mcpoauth.core.McpServerDefinition;
import io.github.mcpoauth.discovery.BearerChallenge;
import io.github.mcpoauth.store.InMemoryTokenStore;
import io.github.mcpoauth.store.TokenKey;
import io.github.mcpoauth.testsupport.Engines;
import io.github.mcpoauth.testsupport.FakeAuthorizationServer;
import io.github.mcpoauth.testsupport.MutableClock;
import io.github.mcpoauth.token.OAuthToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;

import static io.github.mcpoauth.testsupport.McpOAuthAssertions.TIMEOUT;
import static io.github.mcpoauth.testsupport.McpOAuthAssertions.expectError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Grants are providers: a new one is registered on the builder without touching the engine,
 * providers are asked in order, a refusal is not followed by another grant, and the failure
 * handler alone decides what a refusal removes.
 */
class GrantProviderTests {

	@RegisterExtension
	final FakeAuthorizationServer fake = FakeAuthorizationServer.startWithMetadata();

	private final McpServerDefinition server = this.fake.mcpServer();

	private final MutableClock clock = MutableClock.now();

	private final InMemoryTokenStore store = new InMemoryTokenStore(this.clock);

	@Test
	void ensureAuthenticatedWhenACustomProviderAppliesThenItsTokenIsUsedAndStored() {
		AtomicInteger calls = new AtomicInteger();
		GrantProvider custom = (context) -> {
			if (context.isRefresh()) {
				return Mono.empty();
			}
			calls.incrementAndGet();
			assertThat(context.principal()).isEqualTo("alice");
			assertThat(context.discovered().resource()).isEqualTo(this.server.url().toString());
			return Mono.just(token("custom-access", context));
		};
		McpOAuthClient client = Engines.direct(this.store, this.clock).grantProvider(custom).build();

		OAuthToken token = client.ensureAuthenticated(this.server, "alice").block(TIMEOUT);

		assertThat(token.accessToken()).isEqualTo("custom-access");
		assertThat(calls).hasValue(1);
		assertThat(this.store.loadToken(TokenKey.of("fake", "alice")).block(TIMEOUT)).isEqualTo(token);
		assertThat(this.fake.count("/token")).isZero();
	}

	@Test
	void ensureAuthenticatedWhenACustomProviderDoesNotApplyThenTheBuiltInGrantRuns() {
		McpOAuthClient client = Engines.direct(this.store, this.clock).grantProvider((context) -> Mono.empty()).build();

		client.ensureAuthenticated(this.server).block(TIMEOUT);

		assertThat(this.fake.tokenRequests("authorization_code")).hasSize(1);
	}

	@Test
	void delegatingProviderWhenAProviderRefusesThenNoOtherGrantIsTried() {
		AtomicInteger later = new AtomicInteger();
		DelegatingGrantProvider providers = new DelegatingGrantProvider(List.of(
				(context) -> Mono.error(new McpOAuthException(McpOAuthErrorCode.TOKEN_REQUEST_FAILED, "refused")),
				(context) -> {
					later.incrementAndGet();
					return Mono.just(token("never", context));
				}));
		McpOAuthClient client = Engines.direct(this.store, this.clock).grantProvider(providers).build();

		expectError(client.ensureAuthenticated(this.server), McpOAuthErrorCode.TOKEN_REQUEST_FAILED);

		assertThat(later).hasValue(0);
		assertThat(this.fake.count("/token")).isZero();
	}

	@Test
	void failureHandlerWhenAGrantIsRefusedThenDecidesWhatIsRemoved() {
		AtomicInteger failures = new AtomicInteger();
		McpOAuthClient client = Engines.direct(this.store, this.clock)
			.failureHandler((failure, context) -> Mono.fromRunnable(failures::incrementAndGet))
			.build();
		this.fake.enqueueTokenError(401, "invalid_client");

		expectError(client.ensureAuthenticated(this.server), McpOAuthErrorCode.INVALID_CLIENT);

		assertThat(failures).hasValue(1);
	}

	@Test
	void handleForbiddenWhenScopeIsSteppedUpMoreThanThreeTimesOverTimeThenEachStepUpStillWorks() {
		McpOAuthClient client = Engines.direct(this.store, this.clock).build();
		client.ensureAuthenticated(this.server).block(TIMEOUT);

		for (String scope : List.of("s1", "s2", "s3", "s4", "s5")) {
			BearerChallenge challenge = BearerChallenge.parse(List.of("Bearer error=\"insufficient_scope\", scope=\""
					+ scope + "\"")).orElseThrow();
			OAuthToken token = client.handleForbidden(this.server, challenge, null).block(TIMEOUT);
			assertThat(token.scopes()).contains(scope);
		}
		assertThat(this.fake.tokenRequests("authorization_code")).hasSize(6);
	}

	private static OAuthToken token(String value, GrantContext context) {
		return OAuthToken.builder()
			.accessToken(value)
			.issuedAt(Instant.now())
			.issuer(context.discovered().authorizationServer().issuer())
			.resource(context.discovered().resource())
			.build();
	}

}
