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
import java.util.List;
import java.util.Map;

import io.github.mcpoauth.core.McpOAuthErrorCode;
import io.github.mcpoauth.core.McpOAuthException;
import io.github.mcpoauth.integration.FormLoginUserAgent;
import io.github.mcpoauth.sample.server.StaticAuthServer;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.ResolvableType;
import org.springframework.util.StringUtils;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a Spring AI application is told at start-up and at its first refused request, against
 * the real sample server: a connection that no {@code mcp.oauth} server covers (here because
 * its host is {@code localhost} and the server's {@code 127.0.0.1}) is named once, with the
 * cause; a start that cannot sign in names the Spring AI property to set; an application
 * {@code WebClient.Builder} of its own is reported and Spring AI's connection still works.
 */
@ExtendWith(OutputCaptureExtension.class)
class SpringAiStartupTests {

	private static final String HTTP_CLIENT_AUTO_CONFIGURATION = "org.springframework.ai.mcp.client.httpclient.autoconfigure.StreamableHttpHttpClientTransportAutoConfiguration";

	private static final String WEB_CLIENT_AUTO_CONFIGURATION = "org.springframework.ai.mcp.client.webflux.autoconfigure.StreamableHttpWebFluxTransportAutoConfiguration";

	private static StaticAuthServer server;

	@TempDir
	Path directory;

	@BeforeAll
	static void startServer() {
		server = StaticAuthServer.start("--port=0");
	}

	@AfterAll
	static void stopServer() {
		if (server != null) {
			server.close();
		}
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { HTTP_CLIENT_AUTO_CONFIGURATION, WEB_CLIENT_AUTO_CONFIGURATION })
	void connectionOnLocalhostWhenTheServerIsOn127001ThenItIsNamedOnceWithTheMismatchWhenRefused(String excluded,
			CapturedOutput output) {
		String localhost = "http://localhost:" + server.port();
		try (ConfigurableApplicationContext context = run(DemoUser.class, excluded,
				"spring.ai.mcp.client.initialized=false",
				"spring.ai.mcp.client.streamable-http.connections.sample.url=" + localhost,
				"mcp.oauth.servers.sample.url=" + server.mcpUrl())) {
			McpSyncClient client = onlySyncClient(context);

			assertThatThrownBy(() -> client.callTool(echo())).isNotNull();
			assertThatThrownBy(() -> client.callTool(echo())).isNotNull();

			String line = "Spring AI MCP connection 'sample' (" + localhost + "/mcp) was refused with 401, "
					+ "and no mcp.oauth server covers it, so its requests carry no token. Its host localhost is not the "
					+ "host 127.0.0.1 of mcp.oauth.servers.sample.url (" + server.mcpUrl() + ")";
			assertThat(StringUtils.countOccurrencesOf(output.getAll(), line)).as(output.getAll()).isEqualTo(1);
			assertThat(context.getBean(FormLoginUserAgent.class).logins()).isZero();
		}
	}

	@Test
	void startWhenNobodyCanSignInThenFailsNamingTheSpringAiPropertyToSet() {
		assertThatThrownBy(() -> run(NoUser.class, WEB_CLIENT_AUTO_CONFIGURATION,
				"spring.ai.mcp.client.streamable-http.connections.sample.url=" + server.baseUrl(),
				"mcp.oauth.servers.sample.client-id=static-mcp-client-001", "mcp.oauth.user-agent.mode=none"))
			.hasRootCauseInstanceOf(McpOAuthException.class)
			.satisfies((ex) -> {
				McpOAuthException cause = causeOf(ex);
				assertThat(cause.getErrorCode()).isEqualTo(McpOAuthErrorCode.INTERACTION_REQUIRED);
				assertThat(cause.getMessage()).startsWith("Spring AI initializes MCP connection 'sample' during start-up "
						+ "(spring.ai.mcp.client.initialized=true), and signing in to MCP server 'sample' first failed: ")
					.contains("set spring.ai.mcp.client.initialized=false")
					.contains("spring.ai.mcp.client.request-timeout (20 s");
			});
	}

	@Test
	void applicationWebClientBuilderOfItsOwnThenSpringAiIsAuthorizedAndTheStartSaysWhatToDo(CapturedOutput output) {
		try (ConfigurableApplicationContext context = run(DemoUserWithOwnWebClientBuilder.class,
				HTTP_CLIENT_AUTO_CONFIGURATION,
				"spring.ai.mcp.client.streamable-http.connections.sample.url=" + server.baseUrl(),
				"mcp.oauth.servers.sample.client-id=static-mcp-client-001",
				"mcp.oauth.servers.sample.client-secret=your-secret-key-change-this-in-production")) {
			CallToolResult result = onlySyncClient(context).callTool(echo());

			assertThat(result.structuredContent()).isEqualTo(Map.of("echo", "hi", "length", 2));
			assertThat(output).contains("The application's WebClient.Builder does not carry the mcp-oauth filter")
				.contains("Spring AI's MCP connections are authorized all the same")
				.contains("builder.filter(mcpOAuthExchangeFilterFunction)");
		}
	}

	private ConfigurableApplicationContext run(Class<?> application, String excluded, String... properties) {
		return new SpringApplicationBuilder(application)
			.properties("spring.main.web-application-type=none", "spring.main.banner-mode=off",
					"spring.autoconfigure.exclude=" + excluded, "mcp.oauth.storage.type=encrypted-file",
					"mcp.oauth.storage.file.directory=" + this.directory)
			.properties(properties)
			.run();
	}

	@SuppressWarnings("unchecked")
	private static McpSyncClient onlySyncClient(ConfigurableApplicationContext context) {
		List<McpSyncClient> clients = context
			.getBeanProvider(ResolvableType.forClassWithGenerics(List.class, McpSyncClient.class))
			.stream()
			.flatMap((list) -> ((List<McpSyncClient>) list).stream())
			.toList();
		assertThat(clients).hasSize(1);
		return clients.get(0);
	}

	private static McpOAuthException causeOf(Throwable ex) {
		Throwable current = ex;
		while (current != null && !(current instanceof McpOAuthException)) {
			current = current.getCause();
		}
		assertThat(current).isNotNull();
		return (McpOAuthException) current;
	}

	private static CallToolRequest echo() {
		return new CallToolRequest("echo", Map.of("message", "hi"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class NoUser {

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class DemoUser {

		@Bean
		FormLoginUserAgent formLoginUserAgent() {
			return new FormLoginUserAgent("demo", "demo");
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class DemoUserWithOwnWebClientBuilder {

		@Bean
		FormLoginUserAgent formLoginUserAgent() {
			return new FormLoginUserAgent("demo", "demo");
		}

		/** Replaces Spring Boot's builder, which applies the WebClientCustomizer beans. */
		@Bean
		WebClient.Builder webClientBuilder() {
			return WebClient.builder();
		}

	}

}
