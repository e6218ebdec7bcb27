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

package io.github.mcpoauth.integration;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.github.mcpoauth.client.McpOAuthClient;
import io.github.mcpoauth.core.McpOAuthErrorCode;
import io.github.mcpoauth.core.McpOAuthException;
import io.github.mcpoauth.core.McpServerDefinition;
import io.github.mcpoauth.transport.McpHttpClientAuthorization;
import io.github.mcpoauth.sample.server.StaticAuthServer;
import io.github.mcpoauth.store.InMemoryTokenStore;
import io.github.mcpoauth.store.TokenKey;
import io.github.mcpoauth.token.OAuthToken;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The engine against the real sample server, started in-process on a random port: the
 * pre-registered client logs in through the real login form, calls tools through the MCP
 * Java SDK, refreshes, and fails with typed errors where it should.
 */
class SampleServerIntegrationTests {

	private static StaticAuthServer server;

	@BeforeAll
	static void startServer() {
		server = StaticAuthServer.start("--port=0");
	}

	@AfterAll
	static void stopServer() {
		server.close();
	}

	private static McpServerDefinition definition() {
		return McpServerDefinition.builder("sample", URI.create(server.mcpUrl()))
			.clientId("static-mcp-client-001")
			.clientSecret("your-secret-key-change-this-in-production")
			.build();
	}

	@Test
	void callToolWhenUnauthorizedThenLogsInThroughFormAndCallsEcho() {
		FormLoginUserAgent userAgent = new FormLoginUserAgent("demo", "demo");
		McpOAuthClient client = McpOAuthClient.builder().userAgent(userAgent).build();
		McpServerDefinition sample = definition();
		try (McpSyncClient mcp = mcpClient(client, sample)) {
			mcp.initialize();
			assertThat(mcp.listTools().tools()).extracting(McpSchema.Tool::name).contains("echo", "get_time");
			McpSchema.CallToolResult result = mcp.callTool(new McpSchema.CallToolRequest("echo", Map.of("message", "hello")));
			assertThat(result.isError()).isNotEqualTo(Boolean.TRUE);
			assertThat(result.structuredContent()).isEqualTo(Map.of("echo", "hello", "length", 5));
		}
		assertThat(userAgent.logins).hasValue(1);
		OAuthToken token = client.currentToken(sample).block();
		assertThat(token.resource()).isEqualTo(server.mcpUrl());
		assertThat(token.issuer()).isEqualTo(server.baseUrl());
		assertThat(token.hasRefreshToken()).isTrue();
		assertThat(token.scopes()).contains("mcp:tools");
	}

	@Test
	void currentTokenWhenExpiredThenRefreshesWithRotatedRefreshToken() {
		InMemoryTokenStore store = new InMemoryTokenStore();
		McpServerDefinition sample = definition();
		OAuthToken first = McpOAuthClient.builder().tokenStore(store).userAgent(new FormLoginUserAgent("demo", "demo"))
			.build().ensureAuthenticated(sample).block();
		// A client whose clock is past the token's expiry: it must refresh, not log in again.
		Clock later = Clock.fixed(first.expiresAt().plusSeconds(1), java.time.ZoneOffset.UTC);
		McpOAuthClient afterExpiry = McpOAuthClient.builder().tokenStore(store).clock(later).build();
		OAuthToken refreshed = afterExpiry.currentToken(sample).block();
		assertThat(refreshed).isNotNull();
		assertThat(refreshed.accessToken()).isNotEqualTo(first.accessToken());
		assertThat(refreshed.refreshToken()).isNotEqualTo(first.refreshToken());
		assertThat(refreshed.resource()).isEqualTo(server.mcpUrl());
	}

	@Test
	void ensureAuthenticatedWhenRefreshTokenAlreadyUsedThenDropsTokensAndFailsWithoutUserAgent() {
		InMemoryTokenStore store = new InMemoryTokenStore();
		McpServerDefinition sample = definition();
		OAuthToken first = McpOAuthClient.builder().tokenStore(store).userAgent(new FormLoginUserAgent("demo", "demo"))
			.build().ensureAuthenticated(sample).block();
		Clock later = Clock.fixed(first.expiresAt().plusSeconds(1), java.time.ZoneOffset.UTC);
		McpOAuthClient.builder().tokenStore(store).clock(later).build().currentToken(sample).block();
		// Put the used refresh token back: rotation makes the server refuse it (invalid_grant).
		store.saveToken(TokenKey.of(sample.name()), first).block();
		McpOAuthClient noUserAgent = McpOAuthClient.builder().tokenStore(store).clock(later).build();
		assertThatExceptionOfType(McpOAuthException.class)
			.isThrownBy(() -> noUserAgent.ensureAuthenticated(sample).block())
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(McpOAuthErrorCode.INTERACTION_REQUIRED));
		assertThat(store.loadToken(TokenKey.of(sample.name())).blockOptional()).isEmpty();
	}

	@Test
	void ensureAuthenticatedWhenSecretWrongThenFailsWithInvalidClient() {
		McpServerDefinition wrongSecret = definition().mutate().clientSecret("not-the-secret").build();
		McpOAuthClient client = McpOAuthClient.builder().userAgent(new FormLoginUserAgent("demo", "demo")).build();
		assertThatExceptionOfType(McpOAuthException.class)
			.isThrownBy(() -> client.ensureAuthenticated(wrongSecret).block(Duration.ofSeconds(30)))
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(McpOAuthErrorCode.INVALID_CLIENT))
			.withMessageNotContaining("not-the-secret");
	}

	@Test
	void ensureAuthenticatedWithClientCredentialsThenTokenIsForTheMcpResource() {
		McpServerDefinition service = definition().mutate()
			.grantType(McpServerDefinition.GrantType.CLIENT_CREDENTIALS)
			.build();
		OAuthToken token = McpOAuthClient.builder().build().ensureAuthenticated(service).block();
		assertThat(token.resource()).isEqualTo(server.mcpUrl());
		assertThat(token.expiresAt()).isAfter(Instant.now());
		assertThat(token.toString()).doesNotContain(token.accessToken());
	}

	private static McpSyncClient mcpClient(McpOAuthClient client, McpServerDefinition sample) {
		HttpClientStreamableHttpTransport.Builder transport = HttpClientStreamableHttpTransport
			.builder(server.baseUrl())
			.endpoint("/mcp");
		McpHttpClientAuthorization.of(client, sample).applyTo(transport);
		return McpClient.sync(transport.build()).requestTimeout(Duration.ofSeconds(30)).build();
	}

}
