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
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import io.github.mcpoauth.client.McpOAuthClient;
import io.github.mcpoauth.core.McpServerDefinition;
import io.github.mcpoauth.core.McpServerDefinition.DPoPMode;
import io.github.mcpoauth.core.McpServerRegistry;
import io.github.mcpoauth.dpop.DPoPKey;
import io.github.mcpoauth.transport.McpHttpClientAuthorization;
import io.github.mcpoauth.sample.server.StaticAuthServer;
import io.github.mcpoauth.store.InMemoryTokenStore;
import io.github.mcpoauth.token.OAuthToken;
import io.github.mcpoauth.transport.McpOAuthExchangeFilterFunction;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DPoP (RFC 9449) from end to end with the real sample server, started in-process: Spring
 * Authorization Server binds the tokens to the client's key, and the MCP endpoint (Spring
 * Security's DPoP support) takes them only with a valid proof. The client logs in through the
 * real login form, calls tools through both request paths (the SDK transport's hooks and the
 * WebClient filter), refreshes with the same key; a stolen bound token sent as {@code Bearer},
 * or with a proof from another key, is refused.
 *
 * <p>Runs when the sample server verifies DPoP at {@code /mcp} (its protected-resource
 * metadata lists {@code dpop_signing_alg_values_supported}); it is skipped otherwise.
 */
class SampleServerDPoPIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static StaticAuthServer server;

	@BeforeAll
	static void startServer() {
		server = StaticAuthServer.start("--port=0");
		Assumptions.assumeTrue(verifiesDPoP(),
				"the sample server does not verify DPoP at /mcp: its protected-resource metadata lists no "
						+ "dpop_signing_alg_values_supported");
	}

	@AfterAll
	static void stopServer() {
		if (server != null) {
			server.close();
		}
	}

	@Test
	void sdkTransportCallsToolsWithADPoPBoundToken() {
		McpOAuthClient client = McpOAuthClient.builder().userAgent(new FormLoginUserAgent("demo", "demo")).build();
		McpServerDefinition sample = definition(DPoPMode.REQUIRED);

		try (McpSyncClient mcp = mcpClient(client, sample)) {
			mcp.initialize();
			McpSchema.CallToolResult result = mcp.callTool(new McpSchema.CallToolRequest("echo", Map.of("message", "dpop")));
			assertThat(result.isError()).isNotEqualTo(Boolean.TRUE);
			assertThat(result.structuredContent()).isEqualTo(Map.of("echo", "dpop", "length", 4));
		}
		OAuthToken token = client.currentToken(sample).block(TIMEOUT);
		assertThat(token.tokenType()).isEqualTo("DPoP");
		assertThat(token.dpopKey().algorithm()).isEqualTo("ES256");
	}

	@Test
	void webClientFilterCallsTheServerWithADPoPBoundToken() {
		McpOAuthClient client = McpOAuthClient.builder().userAgent(new FormLoginUserAgent("demo", "demo")).build();
		McpServerDefinition sample = definition(DPoPMode.AUTO);
		WebClient webClient = WebClient.builder()
			.filter(new McpOAuthExchangeFilterFunction(client, new McpServerRegistry(List.of(sample))))
			.build();

		Integer status = webClient.post()
			.uri(server.mcpUrl())
			.contentType(MediaType.APPLICATION_JSON)
			.accept(MediaType.APPLICATION_JSON, MediaType.TEXT_EVENT_STREAM)
			.bodyValue(initialize())
			.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode().value()))
			.block(TIMEOUT);

		assertThat(status).isEqualTo(200);
		assertThat(client.currentToken(sample).block(TIMEOUT).isDPoP()).isTrue();
	}

	@Test
	void refreshProvesTheSameKeyAndKeepsTheBinding() {
		InMemoryTokenStore store = new InMemoryTokenStore();
		McpServerDefinition sample = definition(DPoPMode.REQUIRED);
		OAuthToken first = McpOAuthClient.builder().tokenStore(store).userAgent(new FormLoginUserAgent("demo", "demo"))
			.build().ensureAuthenticated(sample).block(TIMEOUT);
		Clock later = Clock.fixed(first.expiresAt().plusSeconds(1), ZoneOffset.UTC);

		OAuthToken refreshed = McpOAuthClient.builder().tokenStore(store).clock(later).build().currentToken(sample)
			.block(TIMEOUT);

		assertThat(refreshed.accessToken()).isNotEqualTo(first.accessToken());
		assertThat(refreshed.isDPoP()).isTrue();
		assertThat(refreshed.dpopKey()).isEqualTo(first.dpopKey());
	}

	@Test
	void stolenBoundTokenIsRefusedAsBearerAndWithAProofFromAnotherKey() throws Exception {
		McpOAuthClient client = McpOAuthClient.builder().userAgent(new FormLoginUserAgent("demo", "demo")).build();
		McpServerDefinition sample = definition(DPoPMode.REQUIRED);
		OAuthToken token = client.ensureAuthenticated(sample).block(TIMEOUT);
		HttpClient http = HttpClient.newHttpClient();
		URI mcp = URI.create(server.mcpUrl());

		HttpResponse<String> asBearer = http.send(post(mcp).header("Authorization", "Bearer " + token.accessToken())
			.build(), HttpResponse.BodyHandlers.ofString());
		String otherKeysProof = DPoPKey.generate("ES256").proof("POST", mcp, token.accessToken(), null,
				java.time.Instant.now());
		HttpResponse<String> otherKey = http.send(post(mcp).header("Authorization", "DPoP " + token.accessToken())
			.header("DPoP", otherKeysProof)
			.build(), HttpResponse.BodyHandlers.ofString());
		HttpResponse<String> owner = http.send(post(mcp).header("Authorization", "DPoP " + token.accessToken())
			.header("DPoP", client.dpopProof(sample, token, "POST", mcp))
			.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(asBearer.statusCode()).isEqualTo(401);
		assertThat(otherKey.statusCode()).isEqualTo(401);
		assertThat(owner.statusCode()).isEqualTo(200);
	}

	private static McpServerDefinition definition(DPoPMode dpop) {
		return McpServerDefinition.builder("sample", URI.create(server.mcpUrl()))
			.clientId("static-mcp-client-001")
			.clientSecret("your-secret-key-change-this-in-production")
			.dpop(dpop)
			.build();
	}

	private static McpSyncClient mcpClient(McpOAuthClient client, McpServerDefinition sample) {
		HttpClientStreamableHttpTransport.Builder transport = HttpClientStreamableHttpTransport
			.builder(server.baseUrl())
			.endpoint("/mcp");
		McpHttpClientAuthorization.of(client, sample).applyTo(transport);
		return McpClient.sync(transport.build()).requestTimeout(TIMEOUT).build();
	}

	private static HttpRequest.Builder post(URI mcp) {
		return HttpRequest.newBuilder(mcp)
			.header("Content-Type", "application/json")
			.header("Accept", "application/json, text/event-stream")
			.POST(HttpRequest.BodyPublishers.ofString(
					"{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\","
							+ "\"capabilities\":{},\"clientInfo\":{\"name\":\"dpop-test\",\"version\":\"1\"}}}"));
	}

	private static Map<String, Object> initialize() {
		return Map.of("jsonrpc", "2.0", "id", 1, "method", "initialize", "params", Map.of("protocolVersion",
				"2025-11-25", "capabilities", Map.of(), "clientInfo", Map.of("name", "dpop-test", "version", "1")));
	}

	private static boolean verifiesDPoP() {
		try {
			HttpResponse<String> prm = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/.well-known/oauth-protected-resource/mcp"))
					.build(), HttpResponse.BodyHandlers.ofString());
			return prm.statusCode() == 200 && prm.body().contains("dpop_signing_alg_values_supported");
		}
		catch (java.io.IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
