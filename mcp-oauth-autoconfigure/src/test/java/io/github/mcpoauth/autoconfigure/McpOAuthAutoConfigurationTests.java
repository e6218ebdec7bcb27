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

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import io.github.mcpoauth.actuate.McpOAuthHealthIndicator;
import io.github.mcpoauth.authorization.DirectUserAgent;
import io.github.mcpoauth.authorization.LoopbackUserAgent;
import io.github.mcpoauth.authorization.PrintUrlLauncher;
import io.github.mcpoauth.authorization.SystemBrowserLauncher;
import io.github.mcpoauth.authorization.UserAgent;
import io.github.mcpoauth.client.McpOAuthClient;
import io.github.mcpoauth.client.McpOAuthClientBuilder;
import io.github.mcpoauth.core.McpOAuthErrorCode;
import io.github.mcpoauth.core.McpServerDefinition;
import io.github.mcpoauth.core.McpServerDefinition.GrantType;
import io.github.mcpoauth.core.McpServerRegistry;
import io.github.mcpoauth.transport.McpOAuthHandler;
import io.github.mcpoauth.transport.McpHttpClientTransports;
import io.github.mcpoauth.transport.McpWebClientTransports;
import io.github.mcpoauth.registration.ClientRegistrationStore;
import io.github.mcpoauth.registration.OAuthClientRegistration;
import io.github.mcpoauth.store.EncryptedFileTokenStore;
import io.github.mcpoauth.store.InMemoryTokenStore;
import io.github.mcpoauth.store.McpOAuthStore;
import io.github.mcpoauth.store.TokenKey;
import io.github.mcpoauth.store.TokenStore;
import io.github.mcpoauth.testsupport.FakeAuthorizationServer;
import io.github.mcpoauth.testsupport.MutableClock;
import io.github.mcpoauth.transport.McpOAuthExchangeFilterFunction;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import org.springframework.ai.mcp.client.webflux.transport.WebClientStreamableHttpTransport;
import reactor.netty.http.client.HttpClient;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.http.client.reactive.ClientHttpResponse;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.WebClient;

import static io.github.mcpoauth.testsupport.McpOAuthAssertions.TIMEOUT;
import static io.github.mcpoauth.testsupport.McpOAuthAssertions.expectError;
import static io.github.mcpoauth.testsupport.McpOAuthAssertions.expectThrown;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link McpOAuthAutoConfiguration}, {@link McpOAuthTransportAutoConfiguration}
 * and {@link McpOAuthHealthAutoConfiguration}.
 */
class McpOAuthAutoConfigurationTests {

	private static final AutoConfigurations CONFIGURATIONS = AutoConfigurations.of(McpOAuthAutoConfiguration.class,
			McpOAuthTransportAutoConfiguration.class, McpOAuthHealthAutoConfiguration.class,
			WebClientAutoConfiguration.class);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(CONFIGURATIONS)
		.withPropertyValues("mcp.oauth.storage.type=memory", "mcp.oauth.servers.sample.url=http://127.0.0.1:9003/mcp");

	// ------------------------------------------------------------------ defaults

	@Test
	void autoConfigurationThenDefinesEveryBean() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed()
				.hasSingleBean(McpServerRegistry.class)
				.hasSingleBean(TokenStore.class)
				.hasSingleBean(UserAgent.class)
				.hasSingleBean(McpOAuthClient.class)
				.hasSingleBean(McpOAuthHandler.class)
				.hasSingleBean(McpOAuthExchangeFilterFunction.class)
				.hasBean("mcpOAuthWebClientCustomizer")
				.hasSingleBean(McpHttpClientTransports.class)
				.hasSingleBean(McpWebClientTransports.class)
				.hasSingleBean(McpOAuthHealthIndicator.class)
				.hasBean("mcpOAuthHealthIndicator");
			assertThat(context.getBean(TokenStore.class)).isInstanceOf(InMemoryTokenStore.class);
			assertThat(context.getBean(UserAgent.class)).isInstanceOf(LoopbackUserAgent.class);
			McpOAuthClient client = context.getBean(McpOAuthClient.class);
			assertThat(client.tokenStore()).isSameAs(context.getBean(TokenStore.class));
			assertThat(client.clockSkew()).isEqualTo(Duration.ofSeconds(60));
			assertThat(context.getBean(McpServerRegistry.class).servers()).singleElement()
				.satisfies((server) -> {
					assertThat(server.name()).isEqualTo("sample");
					assertThat(server.url()).isEqualTo(URI.create("http://127.0.0.1:9003/mcp"));
				});
		});
	}

	@Test
	void autoConfigurationWhenNoServerIsConfiguredThenStartsWithAnEmptyRegistry() {
		new ApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.withPropertyValues("mcp.oauth.storage.type=memory")
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(McpOAuthClient.class);
				assertThat(context.getBean(McpServerRegistry.class).servers()).isEmpty();
			});
	}

	@Test
	void serverPropertiesThenBecomeTheServerDefinition() {
		this.contextRunner
			.withPropertyValues("mcp.oauth.servers.machine.url=https://mcp.example/api/mcp",
					"mcp.oauth.servers.machine.grant-type=client-credentials",
					"mcp.oauth.servers.machine.client-id=machine-client",
					"mcp.oauth.servers.machine.client-secret=machine-secret",
					"mcp.oauth.servers.machine.client-authentication-method=client_secret_post",
					"mcp.oauth.servers.machine.scopes=mcp:read,mcp:write",
					"mcp.oauth.servers.machine.resource=https://mcp.example/api",
					"mcp.oauth.servers.user.url=https://mcp.example/user",
					"mcp.oauth.servers.user.client-metadata-url=https://app.example/client.json",
					"mcp.oauth.servers.user.client-name=My app", "mcp.oauth.servers.user.callback-port=8765")
			.run((context) -> {
				McpServerRegistry registry = context.getBean(McpServerRegistry.class);
				McpServerDefinition machine = registry.get("machine");
				assertThat(machine.grantType()).isEqualTo(GrantType.CLIENT_CREDENTIALS);
				assertThat(machine.clientId()).isEqualTo("machine-client");
				assertThat(machine.clientSecret()).isEqualTo("machine-secret");
				assertThat(machine.clientAuthenticationMethod()).isEqualTo("client_secret_post");
				assertThat(machine.scopes()).containsExactlyInAnyOrder("mcp:read", "mcp:write");
				assertThat(machine.resource()).isEqualTo("https://mcp.example/api");
				McpServerDefinition user = registry.get("user");
				assertThat(user.grantType()).isEqualTo(GrantType.AUTHORIZATION_CODE);
				assertThat(user.clientMetadataUrl()).isEqualTo("https://app.example/client.json");
				assertThat(user.clientName()).isEqualTo("My app");
				assertThat(user.redirectUri()).isEqualTo(URI.create("http://127.0.0.1:8765/callback"));
				assertThat(registry.get("sample").redirectUri()).isEqualTo(McpServerDefinition.DEFAULT_REDIRECT_URI);
			});
	}

	@Test
	void clockSkewPropertyThenIsTheEnginesClockSkew() {
		this.contextRunner.withPropertyValues("mcp.oauth.clock-skew=5m")
			.run((context) -> assertThat(context.getBean(McpOAuthClient.class).clockSkew())
				.isEqualTo(Duration.ofMinutes(5)));
	}

	@Test
	void storageTypeEncryptedFileThenTheStoreIsAnEncryptedFileInTheConfiguredDirectory(@TempDir Path directory) {
		this.contextRunner
			.withPropertyValues("mcp.oauth.storage.type=encrypted-file",
					"mcp.oauth.storage.file.directory=" + directory)
			.run((context) -> assertThat(context.getBean(TokenStore.class))
				.isInstanceOfSatisfying(EncryptedFileTokenStore.class,
						(store) -> assertThat(store.getStoreFile().getParent()).isEqualTo(directory)));
	}

	@Test
	void disabledThenDefinesNoBean() {
		this.contextRunner.withPropertyValues("mcp.oauth.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(McpServerRegistry.class)
				.doesNotHaveBean(TokenStore.class)
				.doesNotHaveBean(UserAgent.class)
				.doesNotHaveBean(McpOAuthClient.class)
				.doesNotHaveBean(McpOAuthHandler.class)
				.doesNotHaveBean(McpOAuthExchangeFilterFunction.class)
				.doesNotHaveBean("mcpOAuthWebClientCustomizer")
				.doesNotHaveBean(McpHttpClientTransports.class)
				.doesNotHaveBean(McpWebClientTransports.class)
				.doesNotHaveBean(McpOAuthHealthIndicator.class));
	}

	@Test
	void disabledThenApplicationWebClientsCarryNoFilter() {
		this.contextRunner.withPropertyValues("mcp.oauth.enabled=false")
			.run((context) -> context.getBean(WebClient.Builder.class)
				.filters((filters) -> assertThat(filters).isEmpty()));
	}

	// ------------------------------------------------------------------ back-off

	@Test
	void userServerRegistryThenAutoConfigurationBacksOff() {
		McpServerRegistry registry = new McpServerRegistry();
		this.contextRunner.withBean(McpServerRegistry.class, () -> registry)
			.run((context) -> assertThat(context.getBean(McpServerRegistry.class)).isSameAs(registry));
	}

	@Test
	void userTokenStoreThenAutoConfigurationBacksOffAndTheEngineUsesIt() {
		TokenStore store = new InMemoryTokenStore();
		this.contextRunner.withBean(TokenStore.class, () -> store).run((context) -> {
			assertThat(context.getBean(TokenStore.class)).isSameAs(store);
			assertThat(context.getBean(McpOAuthClient.class).tokenStore()).isSameAs(store);
		});
	}

	@Test
	void storeThenOneBeanKeepsBothTokensAndClientRegistrations() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(McpOAuthStore.class).hasSingleBean(ClientRegistrationStore.class);
			McpOAuthClient client = context.getBean(McpOAuthClient.class);
			assertThat(client.clientRegistrationStore()).isSameAs(context.getBean(TokenStore.class));
		});
	}

	@Test
	void userTokenStoreThenItAlsoKeepsTheRegistrations() {
		TokenStore store = new InMemoryTokenStore();
		this.contextRunner.withBean(TokenStore.class, () -> store).run((context) -> {
			assertThat(context).doesNotHaveBean("mcpOAuthTokenStore");
			assertThat(context.getBean(McpOAuthClient.class).clientRegistrationStore()).isSameAs(store);
		});
	}

	@Test
	void userClientRegistrationStoreThenAutoConfigurationBacksOffAndTheEngineKeepsRegistrationsThere() {
		InMemoryTokenStore tokens = new InMemoryTokenStore();
		ClientRegistrationStore registrations = new RegistrationsOnly();
		this.contextRunner.withBean(TokenStore.class, () -> tokens)
			.withBean(ClientRegistrationStore.class, () -> registrations)
			.run((context) -> {
				McpOAuthClient client = context.getBean(McpOAuthClient.class);
				assertThat(client.tokenStore()).isSameAs(tokens);
				assertThat(client.clientRegistrationStore()).isSameAs(registrations);
			});
	}

	@Test
	void userUserAgentThenAutoConfigurationBacksOff() {
		UserAgent userAgent = new LoopbackUserAgent((uri) -> {
		});
		this.contextRunner.withBean(UserAgent.class, () -> userAgent)
			.run((context) -> assertThat(context.getBean(UserAgent.class)).isSameAs(userAgent));
	}

	@Test
	void userClientThenAutoConfigurationBacksOffAndTheOtherBeansUseIt() {
		McpOAuthClient client = McpOAuthClient.builder().tokenStore(new InMemoryTokenStore()).build();
		this.contextRunner.withBean(McpOAuthClient.class, () -> client).run((context) -> {
			assertThat(context.getBean(McpOAuthClient.class)).isSameAs(client);
			assertThat(context).hasSingleBean(McpOAuthHandler.class)
				.hasSingleBean(McpOAuthExchangeFilterFunction.class)
				.hasSingleBean(McpOAuthHealthIndicator.class);
		});
	}

	@Test
	void userHandlerThenAutoConfigurationBacksOff() {
		McpOAuthHandler handler = new McpOAuthHandler(McpOAuthClient.builder().build(), new McpServerRegistry(),
				WebClient.builder());
		this.contextRunner.withBean(McpOAuthHandler.class, () -> handler)
			.run((context) -> assertThat(context.getBean(McpOAuthHandler.class)).isSameAs(handler));
	}

	@Test
	void userFilterThenAutoConfigurationBacksOffAndTheCustomizerAddsTheUsersFilter() {
		McpOAuthExchangeFilterFunction filter = new McpOAuthExchangeFilterFunction(McpOAuthClient.builder().build(),
				new McpServerRegistry());
		this.contextRunner.withBean(McpOAuthExchangeFilterFunction.class, () -> filter).run((context) -> {
			assertThat(context.getBean(McpOAuthExchangeFilterFunction.class)).isSameAs(filter);
			context.getBean(WebClient.Builder.class).filters((filters) -> assertThat(filters).containsExactly(filter));
		});
	}

	@Test
	void userWebClientCustomizerNamedLikeOursThenAutoConfigurationBacksOff() {
		WebClientCustomizer customizer = (builder) -> {
		};
		this.contextRunner.withBean("mcpOAuthWebClientCustomizer", WebClientCustomizer.class, () -> customizer)
			.run((context) -> {
				assertThat(context.getBean("mcpOAuthWebClientCustomizer")).isSameAs(customizer);
				context.getBean(WebClient.Builder.class).filters((filters) -> assertThat(filters).isEmpty());
			});
	}

	@Test
	void userHttpClientTransportsThenAutoConfigurationBacksOff() {
		McpHttpClientTransports transports = new McpHttpClientTransports(McpOAuthClient.builder().build(),
				new McpServerRegistry());
		this.contextRunner.withBean(McpHttpClientTransports.class, () -> transports)
			.run((context) -> assertThat(context.getBean(McpHttpClientTransports.class)).isSameAs(transports));
	}

	@Test
	void userWebClientTransportsThenAutoConfigurationBacksOff() {
		McpServerRegistry registry = new McpServerRegistry();
		McpWebClientTransports transports = new McpWebClientTransports(WebClient.builder(),
				new McpOAuthExchangeFilterFunction(McpOAuthClient.builder().build(), registry), registry);
		this.contextRunner.withBean(McpWebClientTransports.class, () -> transports)
			.run((context) -> assertThat(context.getBean(McpWebClientTransports.class)).isSameAs(transports));
	}

	@Test
	void userHealthIndicatorNamedLikeOursThenAutoConfigurationBacksOff() {
		McpOAuthHealthIndicator indicator = new McpOAuthHealthIndicator(new McpServerRegistry(),
				new InMemoryTokenStore(), MutableClock.now(), Duration.ZERO);
		this.contextRunner.withBean("mcpOAuthHealthIndicator", McpOAuthHealthIndicator.class, () -> indicator)
			.run((context) -> assertThat(context.getBean(McpOAuthHealthIndicator.class)).isSameAs(indicator));
	}

	// ------------------------------------------------------------------ class conditions

	@Test
	void withoutSpringBootWebClientThenNoFilterNorCustomizerButTheEngineAndHandler() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(McpOAuthAutoConfiguration.class,
					McpOAuthTransportAutoConfiguration.class, McpOAuthHealthAutoConfiguration.class))
			.withPropertyValues("mcp.oauth.storage.type=memory", "mcp.oauth.servers.sample.url=http://127.0.0.1:9003/mcp")
			.withClassLoader(new FilteredClassLoader(WebClientCustomizer.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(McpOAuthClient.class)
				.hasSingleBean(McpOAuthHandler.class)
				.hasSingleBean(McpHttpClientTransports.class)
				.doesNotHaveBean(McpOAuthExchangeFilterFunction.class)
				.doesNotHaveBean("mcpOAuthWebClientCustomizer")
				.doesNotHaveBean(McpWebClientTransports.class));
	}

	@Test
	void withoutMcpSpringWebFluxThenNoWebClientTransports() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(WebClientStreamableHttpTransport.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(McpWebClientTransports.class)
				.hasSingleBean(McpHttpClientTransports.class)
				.hasSingleBean(McpOAuthExchangeFilterFunction.class));
	}

	@Test
	void withoutTheMcpCoreHttpClientTransportThenNoHttpClientTransports() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(HttpClientStreamableHttpTransport.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(McpHttpClientTransports.class)
				.hasSingleBean(McpWebClientTransports.class));
	}

	@Test
	void withoutSpringBootHealthThenNoHealthIndicator() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(ReactiveHealthIndicator.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(McpOAuthClient.class)
				.doesNotHaveBean(McpOAuthHealthIndicator.class));
	}

	@Test
	void healthIndicatorDisabledThenNoHealthIndicator() {
		this.contextRunner.withPropertyValues("management.health.mcp-oauth.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(McpOAuthHealthIndicator.class));
	}

	@Test
	void healthIndicatorThenReportsTheConfiguredServers() {
		this.contextRunner.run((context) -> {
			var health = context.getBean(McpOAuthHealthIndicator.class).health().block(TIMEOUT);
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsKey("servers").containsEntry("store", "memory");
		});
	}

	// ------------------------------------------------------------------ user agent

	@Test
	void userAgentModeBrowserThenALoopbackUserAgentThatOpensTheConfiguredBrowser() {
		this.contextRunner
			.withPropertyValues("mcp.oauth.user-agent.mode=browser",
					"mcp.oauth.user-agent.browser-command=firefox,--new-window",
					"mcp.oauth.user-agent.callback-timeout=2m")
			.run((context) -> assertThat(context.getBean(UserAgent.class))
				.isInstanceOfSatisfying(LoopbackUserAgent.class, (userAgent) -> {
					assertThat(userAgent).extracting("launcher")
						.isInstanceOfSatisfying(SystemBrowserLauncher.class,
								(launcher) -> assertThat(launcher).extracting("command")
									.isEqualTo(List.of("firefox", "--new-window")));
					assertThat(userAgent).extracting("timeout").isEqualTo(Duration.ofMinutes(2));
				}));
	}

	@Test
	void userAgentModePrintThenALoopbackUserAgentThatPrintsTheUrl() {
		this.contextRunner.withPropertyValues("mcp.oauth.user-agent.mode=print")
			.run((context) -> assertThat(context.getBean(UserAgent.class))
				.isInstanceOfSatisfying(LoopbackUserAgent.class,
						(userAgent) -> assertThat(userAgent).extracting("launcher").isInstanceOf(PrintUrlLauncher.class)));
	}

	@Test
	void userAgentModeDirectThenADirectUserAgent() {
		this.contextRunner.withPropertyValues("mcp.oauth.user-agent.mode=direct")
			.run((context) -> assertThat(context.getBean(UserAgent.class)).isInstanceOf(DirectUserAgent.class));
	}

	@Test
	void userAgentModeNoneThenNoUserAgentAndNewAuthorizationsNeedInteraction() {
		try (FakeAuthorizationServer fake = FakeAuthorizationServer.startWithMetadata()) {
			this.contextRunner
				.withPropertyValues("mcp.oauth.user-agent.mode=none", "mcp.oauth.servers.fake.url=" + fake.mcpUrl())
				.run((context) -> {
					assertThat(context).hasNotFailed().doesNotHaveBean(UserAgent.class);
					expectError(context.getBean(McpOAuthHandler.class).ensureAuthenticated("fake"),
							McpOAuthErrorCode.INTERACTION_REQUIRED);
					assertThat(fake.count("/authorize")).isZero();
				});
		}
	}

	// ------------------------------------------------------------------ back channel

	@Test
	void httpTimeoutPropertyThenBoundsEveryRequestOfTheEngine() {
		try (FakeAuthorizationServer fake = FakeAuthorizationServer.startWithMetadata()) {
			fake.tokenDelay(Duration.ofMinutes(10));
			this.contextRunner
				.withPropertyValues("mcp.oauth.http.timeout=2s", "mcp.oauth.servers.fake.url=" + fake.mcpUrl(),
						"mcp.oauth.servers.fake.grant-type=client-credentials", "mcp.oauth.servers.fake.client-id=app",
						"mcp.oauth.servers.fake.client-secret=app-secret")
				.run((context) -> assertThat(
						expectError(context.getBean(McpOAuthHandler.class).ensureAuthenticated("fake"),
								McpOAuthErrorCode.TIMEOUT)
							.getMessage())
					.contains("within 2 s"));
		}
	}

	@Test
	void applicationHttpClientsFollowRedirectsThenTheEnginesBackChannelStillFollowsNone() {
		try (FakeAuthorizationServer fake = FakeAuthorizationServer.startWithMetadata()) {
			fake.document("/moved/prm", fake.protectedResourceMetadata());
			fake.route(FakeAuthorizationServer.PRM_PATH,
					(request) -> FakeAuthorizationServer.Response.redirect(fake.origin() + "/moved/prm"));
			this.contextRunner
				.withConfiguration(AutoConfigurations.of(HttpClientAutoConfiguration.class,
						ReactiveHttpClientAutoConfiguration.class))
				.withPropertyValues("spring.http.clients.redirects=follow", "mcp.oauth.user-agent.mode=direct",
						"mcp.oauth.servers.fake.url=" + fake.mcpUrl())
				.run((context) -> {
					// the application's own connector follows, as configured
					WebClient application = WebClient.builder()
						.clientConnector(context.getBean(ClientHttpConnector.class))
						.build();
					assertThat(application.get().uri(fake.uri(FakeAuthorizationServer.PRM_PATH)).retrieve()
						.toBodilessEntity().block(TIMEOUT).getStatusCode().value()).isEqualTo(200);
					assertThat(fake.count("/moved/prm")).isOne();

					expectError(context.getBean(McpOAuthHandler.class).ensureAuthenticated("fake"),
							McpOAuthErrorCode.REDIRECT_REFUSED);

					assertThat(fake.count("/moved/prm")).isOne();
					assertThat(fake.count("/authorize")).isZero();
				});
		}
	}

	@Test
	void applicationConnectorBeanThenTheEngineSendsThroughIt() {
		try (FakeAuthorizationServer fake = FakeAuthorizationServer.startWithMetadata()) {
			CountingConnector connector = new CountingConnector(new ReactorClientHttpConnector());
			this.contextRunner
				.withConfiguration(AutoConfigurations.of(HttpClientAutoConfiguration.class,
						ReactiveHttpClientAutoConfiguration.class))
				.withBean(ClientHttpConnector.class, () -> connector)
				.withPropertyValues("mcp.oauth.user-agent.mode=direct", "mcp.oauth.servers.fake.url=" + fake.mcpUrl())
				.run((context) -> {
					context.getBean(McpOAuthHandler.class).ensureAuthenticated("fake").block(TIMEOUT);

					// discovery (2), registration, token; the direct user agent has its own client
					assertThat(connector.exchanges.get()).isEqualTo(4);
				});
		}
	}

	@Test
	void applicationConnectorBeanThatFollowsRedirectsThenTheEngineSendsNothing() {
		try (FakeAuthorizationServer fake = FakeAuthorizationServer.startWithMetadata()) {
			this.contextRunner
				.withBean(ClientHttpConnector.class,
						() -> new ReactorClientHttpConnector(HttpClient.create().followRedirect(true)))
				.withPropertyValues("mcp.oauth.user-agent.mode=direct", "mcp.oauth.servers.fake.url=" + fake.mcpUrl())
				.run((context) -> {
					expectError(context.getBean(McpOAuthHandler.class).ensureAuthenticated("fake"),
							McpOAuthErrorCode.INVALID_CONFIGURATION);
					assertThat(fake.requests()).isEmpty();
				});
		}
	}

	// ------------------------------------------------------------------ engine customization

	@Test
	void clientBuilderCustomizersThenAreAppliedInOrder() {
		MutableClock clock = MutableClock.now();
		this.contextRunner
			.withBean("late", OrderedCustomizer.class,
					() -> new OrderedCustomizer(2, (builder) -> builder.clockSkew(Duration.ofSeconds(2))))
			.withBean("early", OrderedCustomizer.class,
					() -> new OrderedCustomizer(1, (builder) -> builder.clockSkew(Duration.ofSeconds(1)).clock(clock)))
			.run((context) -> {
				McpOAuthClient client = context.getBean(McpOAuthClient.class);
				assertThat(client.clock()).isSameAs(clock);
				assertThat(client.clockSkew()).isEqualTo(Duration.ofSeconds(2));
			});
	}

	@Test
	void observationRegistryBeanThenAuthorizationsAreObserved() {
		TestObservationRegistry registry = TestObservationRegistry.create();
		try (FakeAuthorizationServer fake = FakeAuthorizationServer.startWithMetadata()) {
			this.contextRunner
				.withPropertyValues("mcp.oauth.user-agent.mode=direct", "mcp.oauth.servers.fake.url=" + fake.mcpUrl())
				.withBean(TestObservationRegistry.class, () -> registry)
				.run((context) -> {
					context.getBean(McpOAuthHandler.class).ensureAuthenticated("fake").block(TIMEOUT);
					TestObservationRegistryAssert.assertThat(registry)
						.hasSingleObservationThat()
						.hasNameEqualTo(McpOAuthClient.AUTHORIZATION_OBSERVATION)
						.hasLowCardinalityKeyValue("mcp.server", "fake");
				});
		}
	}

	// ------------------------------------------------------------------ WebClient

	@Test
	void webClientBuilderThenCarriesTheFilterExactlyOnceEvenWhenCustomizedAgain() {
		this.contextRunner.run((context) -> {
			McpOAuthExchangeFilterFunction filter = context.getBean(McpOAuthExchangeFilterFunction.class);
			WebClient.Builder builder = context.getBean(WebClient.Builder.class);
			context.getBeanProvider(WebClientCustomizer.class).orderedStream().forEach((customizer) -> {
				customizer.customize(builder);
				customizer.customize(builder);
			});
			builder.filters((filters) -> assertThat(filters).containsOnlyOnce(filter).hasSize(1));
			builder.clone().filters((filters) -> assertThat(filters).containsExactly(filter));
		});
	}

	@Test
	void handlerThenUsesTheApplicationsWebClientWithTheFilterOnce() {
		this.contextRunner.run((context) -> {
			McpOAuthExchangeFilterFunction filter = context.getBean(McpOAuthExchangeFilterFunction.class);
			assertThat(context.getBean(McpOAuthHandler.class)).extracting("webClient")
				.isInstanceOfSatisfying(WebClient.class, (webClient) -> webClient.mutate()
					.filters((filters) -> assertThat(filters).filteredOn(McpOAuthExchangeFilterFunction.class::isInstance)
						.containsExactly(filter)));
		});
	}

	@Test
	void reactiveWebApplicationThenItsWebClientsAreAuthorized() {
		new ReactiveWebApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.withPropertyValues("mcp.oauth.storage.type=memory", "mcp.oauth.servers.sample.url=http://127.0.0.1:9003/mcp")
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(McpOAuthExchangeFilterFunction.class);
				List<ExchangeFilterFunction> filters = new ArrayList<>();
				context.getBean(WebClient.Builder.class).filters(filters::addAll);
				assertThat(filters).containsExactly(context.getBean(McpOAuthExchangeFilterFunction.class));
			});
	}

	@Test
	void webClientFromTheApplicationsBuilderThenAuthorizesRequestsToAConfiguredServer() {
		try (FakeAuthorizationServer fake = FakeAuthorizationServer.startWithMetadata()) {
			this.contextRunner
				.withPropertyValues("mcp.oauth.user-agent.mode=direct", "mcp.oauth.servers.fake.url=" + fake.mcpUrl())
				.run((context) -> {
					WebClient webClient = context.getBean(WebClient.Builder.class).build();

					int status = webClient.post()
						.uri(fake.mcpUrl())
						.bodyValue("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}")
						.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode().value()))
						.block(TIMEOUT);

					assertThat(status).isEqualTo(200);
					String token = context.getBean(TokenStore.class).loadToken(TokenKey.of("fake")).block(TIMEOUT).accessToken();
					assertThat(fake.lastRequest("/mcp").header(HttpHeaders.AUTHORIZATION)).isEqualTo("Bearer " + token);
					assertThat(fake.count("/token")).isOne();
				});
		}
	}

	// ------------------------------------------------------------------ transports

	@Test
	void transportsThenBuildAnAuthorizedTransportForAConfiguredServer() {
		this.contextRunner.run((context) -> {
			assertThat(context.getBean(McpHttpClientTransports.class).transport("sample")).isNotNull();
			assertThat(context.getBean(McpWebClientTransports.class).transport("sample")).isNotNull();
		});
	}

	@Test
	void transportsWhenTheServerIsUnknownThenInvalidConfiguration() {
		this.contextRunner.run((context) -> {
			expectThrown(() -> context.getBean(McpHttpClientTransports.class).transport("github"),
					McpOAuthErrorCode.INVALID_CONFIGURATION);
			expectThrown(() -> context.getBean(McpWebClientTransports.class).transport("github"),
					McpOAuthErrorCode.INVALID_CONFIGURATION);
		});
	}

	/** A customizer with an order, as an application would declare one. */
	static final class OrderedCustomizer implements McpOAuthClientBuilderCustomizer, Ordered {

		private final int order;

		private final McpOAuthClientBuilderCustomizer delegate;

		OrderedCustomizer(int order, McpOAuthClientBuilderCustomizer delegate) {
			this.order = order;
			this.delegate = delegate;
		}

		@Override
		public void customize(McpOAuthClientBuilder builder) {
			this.delegate.customize(builder);
		}

		@Override
		public int getOrder() {
			return this.order;
		}

	}

	/** A client-registration store that is not a token store. */
	private static final class RegistrationsOnly implements ClientRegistrationStore {

		private final InMemoryTokenStore delegate = new InMemoryTokenStore();

		@Override
		public Mono<Void> saveRegistration(String serverName, OAuthClientRegistration registration) {
			return this.delegate.saveRegistration(serverName, registration);
		}

		@Override
		public Mono<OAuthClientRegistration> loadRegistration(String serverName, String issuer) {
			return this.delegate.loadRegistration(serverName, issuer);
		}

		@Override
		public Mono<Boolean> deleteRegistration(String serverName, String issuer) {
			return this.delegate.deleteRegistration(serverName, issuer);
		}

		@Override
		public Flux<String> registrationIssuers(String serverName) {
			return this.delegate.registrationIssuers(serverName);
		}

	}

	/** Counts the exchanges that go through an application's connector. */
	static final class CountingConnector implements ClientHttpConnector {

		private final ClientHttpConnector delegate;

		private final AtomicInteger exchanges = new AtomicInteger();

		CountingConnector(ClientHttpConnector delegate) {
			this.delegate = delegate;
		}

		@Override
		public Mono<ClientHttpResponse> connect(HttpMethod method, URI uri,
				Function<? super ClientHttpRequest, Mono<Void>> requestCallback) {
			this.exchanges.incrementAndGet();
			return this.delegate.connect(method, uri, requestCallback);
		}

	}

}
