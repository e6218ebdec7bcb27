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

package io.github.mcpoauth.integration.springai;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.mcpoauth.client.McpOAuthClient;
import io.github.mcpoauth.core.McpServerDefinition;
import io.github.mcpoauth.core.McpServerRegistry;
import io.github.mcpoauth.integration.FormLoginUserAgent;
import io.github.mcpoauth.integration.starter.TokenRequests;
import io.github.mcpoauth.sample.server.StaticAuthServer;
import io.github.mcpoauth.store.TokenKey;
import io.github.mcpoauth.store.TokenStore;
import io.github.mcpoauth.token.OAuthToken;
import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.ai.mcp.client.common.autoconfigure.NamedClientMcpTransport;
import org.springframework.ai.mcp.client.webflux.transport.WebClientStreamableHttpTransport;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.ToolCallbackProvider;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ResolvableType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Spring Boot application with only Spring AI's MCP client starter, this project's starter
 * and {@code application-spring-ai-it.yml} calls {@code echo} on the real sample server,
 * started in-process on a random port: with each of Spring AI's two transports (the JDK
 * {@code HttpClient} one and the {@code WebClient} one) and each client type (sync, async).
 * Spring AI's connection names the server's URL; the {@code mcp.oauth.servers} entry of the
 * same name holds only the OAuth settings. The user logs in through the sample server's form
 * ({@link FormLoginUserAgent}); the engine's token requests are counted ({@link TokenRequests}).
 */
class SpringAiIntegrationTests {

	private static final String CLIENT_ID = "static-mcp-client-001";

	private static final String CLIENT_SECRET = "your-secret-key-change-this-in-production";

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	@TempDir
	static Path directory;

	private static StaticAuthServer server;

	private static final Map<Variant, Application> applications = new EnumMap<>(Variant.class);

	@BeforeAll
	static void startServer() {
		server = StaticAuthServer.start("--port=0");
	}

	@AfterAll
	static void stopApplicationsAndServer() {
		applications.values().forEach((application) -> application.context.close());
		if (server != null) {
			server.close();
		}
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(Variant.class)
	void startSignsInOnceBeforeSpringAiInitializesThenEchoAndToolCallbacksWork(Variant variant) {
		Application application = application(variant);

		assertThat(application.loginsAtStart).as("logins while the context started").isEqualTo(1);
		assertThat(application.tokenRequestsAtStart).as("token requests while the context started").isEqualTo(1);
		assertThat(application.transport()).isInstanceOf(variant.transportType);
		application.reset();

		assertEchoes(application.callEcho("Hello from Spring AI"), "Hello from Spring AI");
		ToolCallback echo = application.echoToolCallback();
		assertThat(echo.call("{\"message\":\"as a tool callback\"}")).contains("as a tool callback");

		assertThat(application.logins()).isZero();
		assertThat(application.tokenRequests.tokenRequests()).isZero();
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(Variant.class)
	void callWhenTokenRevokedOnServerThenRefreshesOnceWithoutLogin(Variant variant) {
		Application application = application(variant);
		assertEchoes(application.callEcho("before"), "before");
		OAuthToken revoked = application.storedToken();
		revoke(revoked.accessToken());
		application.reset();

		assertEchoes(application.callEcho("after"), "after");

		assertThat(application.tokenRequests.tokenRequests()).as("token requests").isEqualTo(1);
		assertThat(application.tokenRequests.refreshes()).as("refreshes").isEqualTo(1);
		assertThat(application.tokenRequests.authorizations()).as("new authorizations").isZero();
		assertThat(application.logins()).as("logins").isZero();
		assertThat(application.storedToken().accessToken()).isNotEqualTo(revoked.accessToken());
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(Variant.class)
	void callWhenTokenLacksTheToolScopeThenStepsUpWithOneLogin(Variant variant) {
		Application application = application(variant);
		McpOAuthClient engine = application.context.getBean(McpOAuthClient.class);
		McpServerDefinition sample = application.context.getBean(McpServerRegistry.class).get("sample");
		engine.clearTokens(sample).block(TIMEOUT);
		// a token with mcp:read only, which the sample server refuses with 403 insufficient_scope
		OAuthToken narrow = engine.ensureAuthenticated(sample.mutate().scopes(Set.of("mcp:read")).build())
			.block(TIMEOUT);
		assertThat(narrow.scopes()).containsExactly("mcp:read");
		application.reset();

		assertEchoes(application.callEcho("stepped up"), "stepped up");

		assertThat(application.tokenRequests.authorizations()).as("new authorizations").isEqualTo(1);
		assertThat(application.logins()).as("logins").isEqualTo(1);
		assertThat(application.storedToken().scopes()).contains("mcp:read", "mcp:tools");
	}

	private static Application application(Variant variant) {
		return applications.computeIfAbsent(variant, Application::start);
	}

	/** RFC 7009 §2.1: a client-authenticated POST to the sample server's revocation endpoint. */
	private static void revoke(String token) {
		ResponseEntity<Void> response = WebClient.create(server.baseUrl())
			.post()
			.uri("/revoke")
			.headers((headers) -> headers.setBasicAuth(CLIENT_ID, CLIENT_SECRET))
			.body(BodyInserters.fromFormData("token", token).with("token_type_hint", "access_token"))
			.retrieve()
			.toBodilessEntity()
			.block(TIMEOUT);
		assertThat(response.getStatusCode().value()).isEqualTo(200);
	}

	private static void assertEchoes(CallToolResult result, String message) {
		assertThat(result.isError()).isNotEqualTo(Boolean.TRUE);
		assertThat(result.structuredContent()).isInstanceOfSatisfying(Map.class,
				(structured) -> assertThat(structured).containsEntry("echo", message));
	}

	/** Spring AI's two transports, each with both client types. */
	enum Variant {

		HTTP_CLIENT_SYNC("SYNC", HttpClientStreamableHttpTransport.class),

		HTTP_CLIENT_ASYNC("ASYNC", HttpClientStreamableHttpTransport.class),

		WEB_CLIENT_SYNC("SYNC", WebClientStreamableHttpTransport.class),

		WEB_CLIENT_ASYNC("ASYNC", WebClientStreamableHttpTransport.class);

		private static final String HTTP_CLIENT_AUTO_CONFIGURATION = "org.springframework.ai.mcp.client.httpclient.autoconfigure.StreamableHttpHttpClientTransportAutoConfiguration";

		private static final String WEB_CLIENT_AUTO_CONFIGURATION = "org.springframework.ai.mcp.client.webflux.autoconfigure.StreamableHttpWebFluxTransportAutoConfiguration";

		private final String clientType;

		private final Class<?> transportType;

		Variant(String clientType, Class<?> transportType) {
			this.clientType = clientType;
			this.transportType = transportType;
		}

		/** Both starters are on the test classpath: the other transport's auto-configuration is left out. */
		String excluded() {
			return (this.transportType == HttpClientStreamableHttpTransport.class) ? WEB_CLIENT_AUTO_CONFIGURATION
					: HTTP_CLIENT_AUTO_CONFIGURATION;
		}

	}

	/** One running application and what the tests read from it. */
	private static final class Application {

		private final ConfigurableApplicationContext context;

		private final Variant variant;

		private final TokenRequests tokenRequests;

		private final FormLoginUserAgent user;

		private final int loginsAtStart;

		private final int tokenRequestsAtStart;

		private int loginsBefore;

		private Application(ConfigurableApplicationContext context, Variant variant) {
			this.context = context;
			this.variant = variant;
			this.tokenRequests = context.getBean(TokenRequests.class);
			this.user = context.getBean(FormLoginUserAgent.class);
			this.loginsAtStart = this.user.logins();
			this.tokenRequestsAtStart = this.tokenRequests.tokenRequests();
		}

		static Application start(Variant variant) {
			ConfigurableApplicationContext context = new SpringApplicationBuilder(SpringAiTestApplication.class)
				.profiles("spring-ai-it")
				.properties("spring-ai-it.sample-base-url=" + server.baseUrl(),
						"spring-ai-it.token-directory=" + directory.resolve(variant.name()),
						"spring.ai.mcp.client.type=" + variant.clientType,
						"spring.autoconfigure.exclude=" + variant.excluded())
				.run();
			return new Application(context, variant);
		}

		CallToolResult callEcho(String message) {
			CallToolRequest request = new CallToolRequest("echo", Map.of("message", message));
			if ("SYNC".equals(this.variant.clientType)) {
				return onlyClient(McpSyncClient.class).callTool(request);
			}
			return onlyClient(McpAsyncClient.class).callTool(request).block(TIMEOUT);
		}

		ToolCallback echoToolCallback() {
			return this.context.getBeanProvider(ToolCallbackProvider.class)
				.stream()
				.flatMap((provider) -> Arrays.stream(provider.getToolCallbacks()))
				.filter((callback) -> callback.getToolDefinition().name().endsWith("echo"))
				.findFirst()
				.orElseThrow();
		}

		Object transport() {
			List<NamedClientMcpTransport> transports = this.context
				.getBeanProvider(ResolvableType.forClassWithGenerics(List.class, NamedClientMcpTransport.class))
				.stream()
				.flatMap((list) -> ((List<NamedClientMcpTransport>) list).stream())
				.toList();
			assertThat(transports).hasSize(1);
			return transports.get(0).transport();
		}

		@SuppressWarnings("unchecked")
		private <T> T onlyClient(Class<T> type) {
			List<T> clients = this.context.getBeanProvider(ResolvableType.forClassWithGenerics(List.class, type))
				.stream()
				.flatMap((list) -> ((List<T>) list).stream())
				.toList();
			assertThat(clients).hasSize(1);
			return clients.get(0);
		}

		OAuthToken storedToken() {
			return this.context.getBean(TokenStore.class).loadToken(TokenKey.of("sample")).block(TIMEOUT);
		}

		void reset() {
			this.tokenRequests.reset();
			this.loginsBefore = this.user.logins();
		}

		int logins() {
			return this.user.logins() - this.loginsBefore;
		}

	}

}
