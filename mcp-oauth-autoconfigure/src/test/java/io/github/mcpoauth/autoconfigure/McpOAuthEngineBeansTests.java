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

package io.github.mcpoauth.autoconfigure;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.mcpoauth.client.McpOAuthClient;
import io.github.mcpoauth.core.McpOAuthErrorCode;
import io.github.mcpoauth.core.McpServerRegistry;
import io.github.mcpoauth.grant.GrantFailureHandler;
import io.github.mcpoauth.grant.GrantProvider;
import io.github.mcpoauth.principal.PrincipalResolver;
import io.github.mcpoauth.testsupport.FakeAuthorizationServer;
import io.github.mcpoauth.token.OAuthToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static io.github.mcpoauth.testsupport.McpOAuthAssertions.TIMEOUT;
import static io.github.mcpoauth.testsupport.McpOAuthAssertions.expectError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine's parts as beans: an application adds a grant with a {@link GrantProvider}
 * bean, decides what a refusal removes with a {@link GrantFailureHandler} bean, finds its
 * users with a {@link PrincipalResolver} bean, and names its default principal with
 * {@code mcp.oauth.default-principal}.
 */
class McpOAuthEngineBeansTests {

	@RegisterExtension
	final FakeAuthorizationServer fake = FakeAuthorizationServer.startWithMetadata();

	private ApplicationContextRunner contextRunner() {
		return new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(McpOAuthAutoConfiguration.class))
			.withPropertyValues("mcp.oauth.storage.type=memory", "mcp.oauth.user-agent.mode=none",
					"mcp.oauth.servers.fake.url=" + this.fake.mcpUrl());
	}

	@Test
	void grantProviderBeanThenObtainsTheTokensOfItsGrant() {
		GrantProvider custom = (context) -> context.isRefresh() ? Mono.empty()
				: Mono.just(OAuthToken.builder()
					.accessToken("from-the-bean")
					.issuedAt(Instant.now())
					.issuer(context.discovered().authorizationServer().issuer())
					.resource(context.discovered().resource())
					.build());
		contextRunner().withBean(GrantProvider.class, () -> custom).run((context) -> {
			McpOAuthClient engine = context.getBean(McpOAuthClient.class);
			OAuthToken token = engine.ensureAuthenticated(context.getBean(McpServerRegistry.class).get("fake"))
				.block(TIMEOUT);
			assertThat(token.accessToken()).isEqualTo("from-the-bean");
			assertThat(this.fake.count("/token")).isZero();
		});
	}

	@Test
	void grantFailureHandlerBeanThenDecidesWhatARefusalRemoves() {
		AtomicInteger refusals = new AtomicInteger();
		GrantFailureHandler handler = (failure, context) -> Mono.fromRunnable(refusals::incrementAndGet);
		this.fake.enqueueTokenError(401, "invalid_client");
		contextRunner().withBean(GrantFailureHandler.class, () -> handler)
			.withPropertyValues("mcp.oauth.servers.fake.grant-type=client-credentials",
					"mcp.oauth.servers.fake.client-id=machine", "mcp.oauth.servers.fake.client-secret=machine-secret")
			.run((context) -> {
				McpOAuthClient engine = context.getBean(McpOAuthClient.class);
				expectError(engine.ensureAuthenticated(context.getBean(McpServerRegistry.class).get("fake")),
						McpOAuthErrorCode.INVALID_CLIENT);
				assertThat(refusals).hasValue(1);
			});
	}

	@Test
	void principalResolverBeanThenNamesThePrincipalOfEachCall() {
		contextRunner().withBean(PrincipalResolver.class, () -> (reactorContext) -> Mono.just("resolved-by-bean"))
			.run((context) -> assertThat(context.getBean(McpOAuthClient.class).principal().block(TIMEOUT))
				.isEqualTo("resolved-by-bean"));
	}

	@Test
	void defaultPrincipalPropertyThenIsThePrincipalOfCallsOutsideAUsersRequest() {
		contextRunner().withPropertyValues("mcp.oauth.default-principal=batch-jobs").run((context) -> {
			McpOAuthClient engine = context.getBean(McpOAuthClient.class);
			assertThat(engine.defaultPrincipal()).isEqualTo("batch-jobs");
			assertThat(engine.principal().block(TIMEOUT)).isEqualTo("batch-jobs");
		});
	}

	@Test
	void defaultPrincipalPropertyWhenBlankThenTheStartFailsNamingTheKey() {
		contextRunner().withPropertyValues("mcp.oauth.default-principal= ")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("mcp.oauth.default-principal"));
	}

}
