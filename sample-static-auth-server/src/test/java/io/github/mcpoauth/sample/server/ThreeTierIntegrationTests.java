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
import java.util.Base64;
import java.util.Map;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.github.mcpoauth.sample.server.OAuthTestClient.Pkce;
import io.github.mcpoauth.testsupport.RecordedWeatherService;

import org.springframework.web.util.UriComponentsBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The three-tier system of the seed: the sample server as {@code authorization-server}
 * and as {@code resource-server} (the weather MCP server) in two contexts on two ports,
 * and this test as the client: discovery from the weather server's 401, RFC 7591
 * registration at the authorization server, the login form, a token whose audience is
 * the weather server, and a token for another resource refused.
 */
class ThreeTierIntegrationTests {

	private static final String REDIRECT_URI = "http://127.0.0.1:54321/callback";

	private static RecordedWeatherService nws;

	private static StaticAuthServer authorizationServer;

	private static StaticAuthServer weatherServer;

	@BeforeAll
	static void startServers() {
		nws = RecordedWeatherService.start();
		authorizationServer = StaticAuthServer.start("--role", "authorization-server", "--port=0");
		weatherServer = StaticAuthServer.start("--role", "resource-server", "--port=0", "--issuer",
				authorizationServer.baseUrl(), "--weather-api-url", nws.baseUrl());
	}

	@AfterAll
	static void stopServers() {
		if (weatherServer != null) {
			weatherServer.close();
		}
		if (authorizationServer != null) {
			authorizationServer.close();
		}
		if (nws != null) {
			nws.close();
		}
	}

	@Test
	void weatherToolsWhenDiscoveredRegisteredAndLoggedInThenCallableWithTokenForWeatherServer() {
		OAuthTestClient weather = new OAuthTestClient(weatherServer.baseUrl());
		// 1. the weather server's 401 names its protected-resource metadata
		HttpResponse<String> unauthorized = weather.postJson("/mcp", OAuthTestClient.initializeRequest(), "Accept",
				"application/json, text/event-stream");
		assertThat(unauthorized.statusCode()).isEqualTo(401);
		String challenge = unauthorized.headers().firstValue("WWW-Authenticate").orElseThrow();
		String resourceMetadataUrl = weatherServer.baseUrl() + "/.well-known/oauth-protected-resource/mcp";
		assertThat(challenge).contains("resource_metadata=\"" + resourceMetadataUrl + "\"");
		// 2. which names the external authorization server
		JsonNode resourceMetadata = OAuthTestClient.json(weather.get(resourceMetadataUrl));
		assertThat(resourceMetadata.path("resource").asString()).isEqualTo(weatherServer.mcpUrl());
		String issuer = resourceMetadata.path("authorization_servers").get(0).asString();
		assertThat(issuer).isEqualTo(authorizationServer.baseUrl());
		// 3. RFC 8414 metadata with an open registration endpoint
		OAuthTestClient oauth = new OAuthTestClient(issuer);
		JsonNode metadata = OAuthTestClient.json(oauth.get("/.well-known/oauth-authorization-server"));
		assertThat(metadata.path("registration_endpoint").asString()).isEqualTo(issuer + "/register");
		// 4. RFC 7591 registration of a public client
		HttpResponse<String> registration = oauth.postJson("/register", """
				{"client_name":"weather chat","redirect_uris":["%s"],"token_endpoint_auth_method":"none"}"""
			.formatted(REDIRECT_URI));
		assertThat(registration.statusCode()).as(registration.body()).isEqualTo(201);
		String clientId = OAuthTestClient.json(registration).path("client_id").asString();
		// 5. login, PKCE and the weather server as RFC 8707 resource
		String accessToken = obtainToken(oauth, clientId, weatherServer.mcpUrl());
		JsonNode claims = claims(accessToken);
		assertThat(claims.path("iss").asString()).isEqualTo(issuer);
		assertThat(claims.path("aud").toString()).contains(weatherServer.mcpUrl());
		// 6. the weather tools with that token
		try (McpSyncClient mcp = OAuthTestClient.mcpClient(weatherServer.baseUrl(), accessToken)) {
			mcp.initialize();
			assertThat(mcp.listTools().tools()).extracting(Tool::name).containsExactlyInAnyOrder("get_alerts",
					"get_forecast");
			CallToolResult alerts = mcp.callTool(new CallToolRequest("get_alerts", Map.of("state", "CA")));
			assertThat(alerts.isError()).isFalse();
			assertThat(((TextContent) alerts.content().get(0)).text()).startsWith("Event: Wind Advisory");
		}
	}

	@Test
	void weatherServerWhenTokenIssuedForAnotherResourceThenRefused() {
		OAuthTestClient oauth = new OAuthTestClient(authorizationServer.baseUrl());
		String clientId = register(oauth);
		String otherResource = "http://127.0.0.1:1/mcp";
		String accessToken = obtainToken(oauth, clientId, otherResource);
		assertThat(claims(accessToken).path("aud").toString()).contains(otherResource);

		HttpResponse<String> refused = new OAuthTestClient(weatherServer.baseUrl()).postJson("/mcp",
				OAuthTestClient.initializeRequest(), "Accept", "application/json, text/event-stream", "Authorization",
				"Bearer " + accessToken);

		assertThat(refused.statusCode()).isEqualTo(401);
		assertThat(refused.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("error=\"invalid_token\"")
			.contains("not issued for " + weatherServer.mcpUrl());
	}

	@Test
	void weatherServerWhenTokenSignedByAnotherIssuerThenRefused() {
		try (StaticAuthServer stranger = StaticAuthServer.start("--role=authorization-server", "--port=0")) {
			OAuthTestClient oauth = new OAuthTestClient(stranger.baseUrl());
			String accessToken = obtainToken(oauth, register(oauth), weatherServer.mcpUrl());

			HttpResponse<String> refused = new OAuthTestClient(weatherServer.baseUrl()).postJson("/mcp",
					OAuthTestClient.initializeRequest(), "Accept", "application/json, text/event-stream",
					"Authorization", "Bearer " + accessToken);

			assertThat(refused.statusCode()).isEqualTo(401);
			assertThat(refused.headers().firstValue("WWW-Authenticate").orElseThrow())
				.contains("error=\"invalid_token\"");
		}
	}

	@Test
	void authorizationServerRoleWhenAskedForMcpThenHasNoMcpEndpointNorResourceMetadata() {
		OAuthTestClient oauth = new OAuthTestClient(authorizationServer.baseUrl());

		assertThat(oauth.get("/.well-known/oauth-protected-resource/mcp").statusCode()).isEqualTo(404);
		HttpResponse<String> mcp = oauth.postJson("/mcp", OAuthTestClient.initializeRequest(), "Accept",
				"application/json, text/event-stream");
		assertThat(mcp.statusCode()).isNotEqualTo(200);
		assertThat(mcp.headers().firstValue("WWW-Authenticate")).isEmpty();
	}

	@Test
	void resourceServerRoleWhenAskedForAuthorizationEndpointsThenHasNone() {
		OAuthTestClient weather = new OAuthTestClient(weatherServer.baseUrl());

		assertThat(weather.get("/.well-known/oauth-authorization-server").statusCode()).isEqualTo(404);
		assertThat(weather.get("/login").statusCode()).isIn(401, 403, 404);
		assertThat(weather.postJson("/register", "{}").statusCode()).isIn(401, 403, 404);
	}

	@Test
	void authorizationServerRoleWhenClientAsksForSecretThenRegisteredAsPublicClient() {
		HttpResponse<String> registration = new OAuthTestClient(authorizationServer.baseUrl()).postJson("/register",
				"{\"redirect_uris\":[\"" + REDIRECT_URI + "\"],\"token_endpoint_auth_method\":\"client_secret_basic\"}");

		assertThat(registration.statusCode()).as(registration.body()).isEqualTo(201);
		JsonNode registered = OAuthTestClient.json(registration);
		assertThat(registered.path("token_endpoint_auth_method").asString()).isEqualTo("none");
		assertThat(registered.has("client_secret")).isFalse();
	}

	@Test
	void authorizationServerRoleWhenResourceNotAbsoluteThenInvalidTarget() {
		OAuthTestClient oauth = new OAuthTestClient(authorizationServer.baseUrl());
		String clientId = register(oauth);

		assertThatThrownBy(() -> obtainToken(oauth, clientId, "weather"))
			.hasMessageContaining("invalid_target");
	}

	private static String register(OAuthTestClient oauth) {
		HttpResponse<String> registration = oauth.postJson("/register",
				"{\"redirect_uris\":[\"" + REDIRECT_URI + "\"],\"token_endpoint_auth_method\":\"none\"}");
		assertThat(registration.statusCode()).as(registration.body()).isEqualTo(201);
		return OAuthTestClient.json(registration).path("client_id").asString();
	}

	private static String obtainToken(OAuthTestClient oauth, String clientId, String resource) {
		Pkce pkce = Pkce.generate();
		String authorizationUrl = UriComponentsBuilder.fromUriString(oauth.baseUrl() + "/authorize")
			.queryParam("response_type", "code")
			.queryParam("client_id", clientId)
			.queryParam("redirect_uri", REDIRECT_URI)
			.queryParam("scope", "mcp:tools")
			.queryParam("state", "three-tier")
			.queryParam("code_challenge", pkce.challenge())
			.queryParam("code_challenge_method", "S256")
			.queryParam("resource", resource)
			.encode()
			.build()
			.toUriString();
		URI callback = new OAuthTestClient(oauth.baseUrl()).authorize(authorizationUrl, "demo", "demo");
		Map<String, String> parameters = OAuthTestClient.queryParameters(callback);
		if (!parameters.containsKey("code")) {
			throw new IllegalStateException("authorization refused: " + parameters);
		}
		HttpResponse<String> token = oauth.postForm("/token",
				Map.of("grant_type", "authorization_code", "client_id", clientId, "code", parameters.get("code"),
						"redirect_uri", REDIRECT_URI, "code_verifier", pkce.verifier(), "resource", resource));
		assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
		return OAuthTestClient.json(token).path("access_token").asString();
	}

	private static JsonNode claims(String jwt) {
		String payload = jwt.split("\\.")[1];
		return OAuthTestClient.JSON.readTree(new String(Base64.getUrlDecoder().decode(payload)));
	}

}
