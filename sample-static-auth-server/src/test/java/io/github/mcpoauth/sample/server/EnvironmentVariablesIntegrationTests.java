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

package io.github.mcpoauth.sample.server;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.github.mcpoauth.sample.server.OAuthTestClient.Pkce;

import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.web.util.UriComponentsBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code MCP_STATIC_*} environment variables, bound by Spring Boot itself: the server
 * starts in an environment whose variables are those of this test, with one flag that wins
 * over its variable.
 */
class EnvironmentVariablesIntegrationTests {

	private static StaticAuthServer server;

	@BeforeAll
	static void startServerWithEnvironmentVariables() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
							Map.of("MCP_STATIC_PORT", "0", "MCP_STATIC_HOST", "127.0.0.1", "MCP_STATIC_CLIENT_ID",
									"env-client", "MCP_STATIC_CLIENT_SECRET", "env-secret", "MCP_STATIC_USERNAME",
									"alice", "MCP_STATIC_PASSWORD", "wonderland", "MCP_STATIC_REDIRECT_URIS",
									"http://localhost:8080/cb, https://app.example.com/cb",
									"MCP_STATIC_DYNAMIC_REGISTRATION", "true", "MCP_STATIC_ACCESS_TOKEN_TTL", "120")));
		server = StaticAuthServer.start(environment, "--client-secret", "flag-secret");
	}

	@AfterAll
	static void stopServer() {
		if (server != null) {
			server.close();
		}
	}

	@Test
	void propertiesWhenEnvironmentVariablesThenBoundAndAFlagWins() {
		StaticServerProperties properties = server.context().getBean(StaticServerProperties.class);

		assertThat(server.port()).isNotEqualTo(9003);
		assertThat(properties.clientId()).isEqualTo("env-client");
		assertThat(properties.clientSecret()).isEqualTo("flag-secret");
		assertThat(properties.redirectUris()).containsExactly("http://localhost:8080/cb", "https://app.example.com/cb");
		assertThat(properties.dynamicRegistration()).isTrue();
	}

	@Test
	void tokenWhenClientOfTheEnvironmentThenIssuedWithItsLifetime() {
		HttpResponse<String> token = new OAuthTestClient(server.baseUrl()).token("env-client", "flag-secret",
				Map.of("grant_type", "client_credentials", "scope", "mcp:tools", "resource", server.mcpUrl()));

		assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
		assertThat(OAuthTestClient.json(token).path("expires_in").asLong()).isBetween(118L, 120L);
	}

	@Test
	void loginWhenUserOfTheEnvironmentThenAuthorizes() {
		Pkce pkce = Pkce.generate();
		String authorizationUrl = UriComponentsBuilder.fromUriString(server.baseUrl() + "/authorize")
			.queryParam("response_type", "code")
			.queryParam("client_id", "env-client")
			.queryParam("redirect_uri", "https://app.example.com/cb")
			.queryParam("scope", "mcp:tools")
			.queryParam("state", "env")
			.queryParam("code_challenge", pkce.challenge())
			.queryParam("code_challenge_method", "S256")
			.encode()
			.build()
			.toUriString();

		URI callback = new OAuthTestClient(server.baseUrl()).authorize(authorizationUrl, "alice", "wonderland");

		assertThat(callback.toString()).startsWith("https://app.example.com/cb?code=");
	}

}
