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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ListToolsResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.github.mcpoauth.sample.server.OAuthTestClient.Pkce;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.web.util.UriComponentsBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample server over real HTTP, started once on a random port: metadata, challenges,
 * the authorization-code flow through the login form, tokens at the MCP endpoint,
 * refresh-token rotation, introspection, revocation and the refusals.
 */
class StaticAuthServerIntegrationTests {

	private static final String CLIENT_ID = StaticServerProperties.DEFAULT_CLIENT_ID;

	private static final String CLIENT_SECRET = StaticServerProperties.DEFAULT_CLIENT_SECRET;

	private static StaticAuthServer server;

	private static OAuthTestClient client;

	@BeforeAll
	static void startServer() {
		server = StaticAuthServer.start("--port=0");
		client = new OAuthTestClient(server.baseUrl());
	}

	@AfterAll
	static void stopServer() {
		if (server != null) {
			server.close();
		}
	}

	@Test
	void startWhenPortZeroThenListensOnLoopbackWithRandomPort() {
		assertThat(server.port()).isPositive();
		assertThat(server.baseUrl()).isEqualTo("http://127.0.0.1:" + server.port());
		assertThat(server.mcpUrl()).isEqualTo(server.baseUrl() + "/mcp");
		assertThat(server.context().getBean(JwtEncoder.class)).isNotNull();
	}

	@Test
	void authorizationServerMetadataWhenRequestedThenAdvertisesEndpointsAndS256() {
		HttpResponse<String> response = client.get("/.well-known/oauth-authorization-server");

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode metadata = OAuthTestClient.json(response);
		String base = server.baseUrl();
		assertThat(metadata.path("issuer").asString()).isEqualTo(base);
		assertThat(metadata.path("authorization_endpoint").asString()).isEqualTo(base + "/authorize");
		assertThat(metadata.path("token_endpoint").asString()).isEqualTo(base + "/token");
		assertThat(metadata.path("introspection_endpoint").asString()).isEqualTo(base + "/introspect");
		assertThat(metadata.path("revocation_endpoint").asString()).isEqualTo(base + "/revoke");
		assertThat(strings(metadata.path("code_challenge_methods_supported"))).containsExactly("S256");
		assertThat(strings(metadata.path("scopes_supported"))).containsExactly("mcp:tools", "mcp:read");
		assertThat(strings(metadata.path("grant_types_supported"))).containsExactlyInAnyOrder("authorization_code",
				"refresh_token", "client_credentials");
		assertThat(strings(metadata.path("token_endpoint_auth_methods_supported")))
			.containsExactly("client_secret_basic", "client_secret_post");
		assertThat(metadata.has("registration_endpoint")).isFalse();
		assertEveryUrlResolves(metadata);
	}

	@Test
	void protectedResourceMetadataWhenRequestedAtEitherWellKnownUrlThenDescribesMcpEndpoint() {
		for (String path : List.of("/.well-known/oauth-protected-resource/mcp",
				"/.well-known/oauth-protected-resource")) {
			HttpResponse<String> response = client.get(path);

			assertThat(response.statusCode()).as(path).isEqualTo(200);
			JsonNode metadata = OAuthTestClient.json(response);
			assertThat(metadata.path("resource").asString()).isEqualTo(server.mcpUrl());
			assertThat(strings(metadata.path("authorization_servers"))).containsExactly(server.baseUrl());
			assertThat(strings(metadata.path("scopes_supported"))).containsExactly("mcp:tools", "mcp:read");
			assertThat(strings(metadata.path("bearer_methods_supported"))).containsExactly("header");
			assertEveryUrlResolves(metadata);
		}
	}

	@Test
	void protectedResourceMetadataWhenAddressedAsLocalhostThenUsesThatHost() {
		OAuthTestClient localhost = new OAuthTestClient("http://localhost:" + server.port());

		JsonNode metadata = OAuthTestClient.json(localhost.get("/.well-known/oauth-protected-resource/mcp"));
		JsonNode asMetadata = OAuthTestClient.json(localhost.get("/.well-known/oauth-authorization-server"));

		assertThat(metadata.path("resource").asString()).isEqualTo("http://localhost:" + server.port() + "/mcp");
		assertThat(strings(metadata.path("authorization_servers")))
			.containsExactly(asMetadata.path("issuer").asString());
	}

	@Test
	void wellKnownWhenDocumentUnknownThenNotFoundRatherThanLoginRedirect() {
		HttpResponse<String> response = client.get("/.well-known/openid-configuration", "Accept", "application/json");

		assertThat(response.statusCode()).isEqualTo(404);
	}

	@Test
	void registerWhenDynamicRegistrationDisabledThenForbidden() {
		HttpResponse<String> response = client.postJson("/register",
				"{\"client_name\":\"test\",\"redirect_uris\":[\"http://127.0.0.1:8080/callback\"]}");

		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(contentType) -> assertThat(contentType).startsWith("application/json"));
		JsonNode error = OAuthTestClient.json(response);
		assertThat(error.path("error").asString()).isEqualTo("access_denied");
		assertThat(error.path("error_description").asString())
			.startsWith("Dynamic client registration is disabled on this server; use the pre-registered client id")
			.contains(CLIENT_ID);
	}

	@Test
	void mcpWhenNoTokenThenUnauthorizedWithResourceMetadataAndScope() {
		HttpResponse<String> response = client.postJson("/mcp", initializeRequest(),
				"Accept", "application/json, text/event-stream");

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer resource_metadata=\""
				+ server.baseUrl() + "/.well-known/oauth-protected-resource/mcp\", scope=\"mcp:tools\"");
	}

	@Test
	void authorizationCodeFlowWhenLoggedInThenTokenOpensMcpAndRefreshTokenRotates() {
		Pkce pkce = Pkce.generate();
		String redirectUri = "http://127.0.0.1:54321/callback";

		URI callback = client.authorize(authorizationUrl(redirectUri, pkce, "state-1", "mcp:tools"), "demo", "demo");

		assertThat(callback.toString()).startsWith(redirectUri + "?");
		Map<String, String> parameters = OAuthTestClient.queryParameters(callback);
		assertThat(parameters).containsEntry("state", "state-1").containsKey("code");

		HttpResponse<String> tokenResponse = client.token(CLIENT_ID, CLIENT_SECRET,
				Map.of("grant_type", "authorization_code", "code", parameters.get("code"), "redirect_uri", redirectUri,
						"code_verifier", pkce.verifier(), "resource", server.mcpUrl()));
		assertThat(tokenResponse.statusCode()).as(tokenResponse.body()).isEqualTo(200);
		JsonNode tokens = OAuthTestClient.json(tokenResponse);
		assertThat(tokens.path("token_type").asString()).isEqualTo("Bearer");
		assertThat(tokens.path("expires_in").asLong()).isBetween(3500L, 3600L);
		assertThat(tokens.path("scope").asString()).isEqualTo("mcp:tools");
		String accessToken = tokens.path("access_token").asString();
		String refreshToken = tokens.path("refresh_token").asString();
		assertThat(refreshToken).isNotBlank();

		try (McpSyncClient mcp = mcpClient(accessToken)) {
			mcp.initialize();
			ListToolsResult tools = mcp.listTools();
			assertThat(tools.tools()).extracting(Tool::name).containsExactlyInAnyOrder("get_time", "echo");

			CallToolResult time = mcp.callTool(new CallToolRequest("get_time", Map.of()));
			assertThat(time.isError()).isFalse();
			assertThat(structured(time)).containsOnlyKeys("current_time", "timezone", "timestamp", "formatted");
			assertThat(structured(time).get("timestamp")).isInstanceOf(Number.class);
			assertThat(textJson(time)).isEqualTo(OAuthTestClient.JSON.valueToTree(time.structuredContent()));

			CallToolResult echo = mcp.callTool(new CallToolRequest("echo", Map.of("message", "Hello, World!")));
			assertThat(echo.isError()).isFalse();
			assertThat(structured(echo)).containsEntry("echo", "Hello, World!").containsEntry("length", 13);
			assertThat(textJson(echo).path("echo").asString()).isEqualTo("Hello, World!");
		}

		HttpResponse<String> refreshed = client.token(CLIENT_ID, CLIENT_SECRET, Map.of("grant_type", "refresh_token",
				"refresh_token", refreshToken, "resource", server.mcpUrl()));
		assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
		JsonNode newTokens = OAuthTestClient.json(refreshed);
		assertThat(newTokens.path("refresh_token").asString()).isNotBlank().isNotEqualTo(refreshToken);
		JsonNode claims = introspect(newTokens.path("access_token").asString());
		assertThat(strings(claims.path("aud"))).containsExactly(server.mcpUrl());

		HttpResponse<String> reused = client.token(CLIENT_ID, CLIENT_SECRET,
				Map.of("grant_type", "refresh_token", "refresh_token", refreshToken));
		assertThat(reused.statusCode()).isEqualTo(400);
		assertThat(OAuthTestClient.json(reused).path("error").asString()).isEqualTo("invalid_grant");
	}

	@Test
	void authorizeWhenRedirectUriNotRegisteredThenRefusedWithoutRedirect() {
		for (String redirectUri : List.of("http://evil.example/callback", "http://127.0.0.1:8080/other",
				"http://localhost:8080/callback")) {
			HttpResponse<String> response = client
				.get(authorizationUrl(redirectUri, Pkce.generate(), "state", "mcp:tools"));

			assertThat(response.statusCode()).as(redirectUri).isEqualTo(400);
			assertThat(response.headers().firstValue("Location")).as(redirectUri).isEmpty();
		}
	}

	@Test
	void authorizeWhenResourceIsNotThisServerThenInvalidTarget() {
		String redirectUri = "http://127.0.0.1:54321/callback";
		String url = UriComponentsBuilder.fromUriString(authorizationUrl(redirectUri, Pkce.generate(), "s", "mcp:tools"))
			.queryParam("resource", "https://other.example/mcp")
			.build()
			.toUriString();

		HttpResponse<String> response = client.get(url);

		assertThat(response.statusCode()).isEqualTo(302);
		Map<String, String> parameters = OAuthTestClient.queryParameters(URI.create(OAuthTestClient.location(response)));
		assertThat(parameters).containsEntry("error", "invalid_target").containsEntry("state", "s");
	}

	@Test
	void tokenWhenPkceVerifierIsWrongThenInvalidGrant() {
		Pkce pkce = Pkce.generate();
		String redirectUri = "http://127.0.0.1:54321/callback";
		OAuthTestClient browser = new OAuthTestClient(server.baseUrl());
		URI callback = browser.authorize(authorizationUrl(redirectUri, pkce, "s", "mcp:tools"), "demo", "demo");
		String code = OAuthTestClient.queryParameters(callback).get("code");

		HttpResponse<String> response = browser.token(CLIENT_ID, CLIENT_SECRET, Map.of("grant_type",
				"authorization_code", "code", code, "redirect_uri", redirectUri, "code_verifier",
				Pkce.generate().verifier()));

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(OAuthTestClient.json(response).path("error").asString()).isEqualTo("invalid_grant");
	}

	@Test
	void tokenWhenClientSecretIsWrongThenInvalidClient() {
		HttpResponse<String> response = client.token(CLIENT_ID, "wrong-secret",
				Map.of("grant_type", "client_credentials", "scope", "mcp:tools"));

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(OAuthTestClient.json(response).path("error").asString()).isEqualTo("invalid_client");
	}

	@Test
	void tokenWhenClientCredentialsWithClientSecretPostThenAudienceIsMcpEndpoint() {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("grant_type", "client_credentials");
		form.put("client_id", CLIENT_ID);
		form.put("client_secret", CLIENT_SECRET);
		form.put("scope", "mcp:tools");

		HttpResponse<String> response = client.postForm("/token", form);

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode claims = introspect(OAuthTestClient.json(response).path("access_token").asString());
		assertThat(strings(claims.path("aud"))).containsExactly(server.mcpUrl());
	}

	@Test
	void tokenWhenResourceIsNotThisServerThenInvalidTarget() {
		HttpResponse<String> response = client.token(CLIENT_ID, CLIENT_SECRET, Map.of("grant_type",
				"client_credentials", "scope", "mcp:tools", "resource", "https://other.example/mcp"));

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(OAuthTestClient.json(response).path("error").asString()).isEqualTo("invalid_target");
	}

	@Test
	void introspectWhenTokenActiveThenReportsAudienceScopeExpiryAndClient() {
		String accessToken = clientCredentialsToken("mcp:tools mcp:read");

		JsonNode claims = introspect(accessToken);

		assertThat(claims.path("active").asBoolean()).isTrue();
		assertThat(strings(claims.path("aud"))).containsExactly(server.mcpUrl());
		assertThat(claims.path("scope").asString().split(" ")).containsExactlyInAnyOrder("mcp:tools", "mcp:read");
		assertThat(claims.path("exp").asLong()).isGreaterThan(Instant.now().getEpochSecond());
		assertThat(claims.path("client_id").asString()).isEqualTo(CLIENT_ID);
	}

	@Test
	void introspectWhenTokenRevokedThenInactive() {
		String accessToken = clientCredentialsToken("mcp:tools");

		HttpResponse<String> revoked = client.postForm("/revoke", Map.of("token", accessToken), "Authorization",
				OAuthTestClient.basic(CLIENT_ID, CLIENT_SECRET));

		assertThat(revoked.statusCode()).isEqualTo(200);
		assertThat(introspect(accessToken).path("active").asBoolean()).isFalse();
	}

	@Test
	void mcpWhenClientCredentialsTokenThenToolsWork() {
		try (McpSyncClient mcp = mcpClient(clientCredentialsToken("mcp:tools"))) {
			mcp.initialize();
			CallToolResult echo = mcp.callTool(new CallToolRequest("echo", Map.of("message", "héllo 👋")));

			assertThat(structured(echo)).containsEntry("echo", "héllo 👋").containsEntry("length", 7);
		}
	}

	@Test
	void echoWhenArgumentsAreInvalidThenToolError() {
		try (McpSyncClient mcp = mcpClient(clientCredentialsToken("mcp:tools"))) {
			mcp.initialize();
			List<Map<String, Object>> badArguments = List.of(Map.of(), Map.of("message", 42),
					Map.of("text", "hello"));
			for (Map<String, Object> arguments : badArguments) {
				CallToolResult result = mcp.callTool(new CallToolRequest("echo", arguments));

				assertThat(result.isError()).as(arguments.toString()).isTrue();
				assertThat(result.content()).as(arguments.toString()).isNotEmpty();
			}
		}
	}

	@Test
	void mcpWhenTokenLacksToolsScopeThenForbiddenWithInsufficientScope() {
		HttpResponse<String> response = client.postJson("/mcp", initializeRequest(), "Authorization",
				"Bearer " + clientCredentialsToken("mcp:read"), "Accept", "application/json, text/event-stream");

		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying((challenge) -> assertThat(
				challenge)
			.startsWith("Bearer error=\"insufficient_scope\"")
			.contains("scope=\"mcp:tools\"")
			.contains("resource_metadata=\"" + server.baseUrl() + "/.well-known/oauth-protected-resource/mcp\""));
	}

	@Test
	void mcpWhenTokenIssuedForAnotherAudienceThenInvalidToken() {
		String token = mint((claims) -> claims.audience(List.of("https://other.example/mcp")));

		assertInvalidToken(token, "not issued for " + server.mcpUrl());
	}

	@Test
	void mcpWhenTokenExpiredThenInvalidToken() {
		Instant issuedAt = Instant.now().minus(Duration.ofHours(2));
		String token = mint((claims) -> claims.issuedAt(issuedAt).expiresAt(issuedAt.plus(Duration.ofHours(1))));

		assertInvalidToken(token, "expired");
	}

	@Test
	void mcpWhenTokenTamperedThenInvalidToken() {
		String token = clientCredentialsToken("mcp:tools");
		String[] parts = token.split("\\.");
		String payload = new String(java.util.Base64.getUrlDecoder().decode(parts[1]));
		String forged = java.util.Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(payload.replace("mcp:tools", "mcp:toolz").getBytes());

		assertInvalidToken(parts[0] + "." + forged + "." + parts[2], null);
	}

	@Test
	void mcpWhenTokenFromAnotherIssuerThenInvalidToken() {
		String token = mint((claims) -> claims.issuer("https://other.example"));

		assertInvalidToken(token, "iss");
	}

	@Test
	void mcpWhenTokenIssuedThroughOneHostIsUsedThroughAnotherThenInvalidToken() {
		String token = clientCredentialsToken("mcp:tools");
		OAuthTestClient localhost = new OAuthTestClient("http://localhost:" + server.port());

		HttpResponse<String> response = localhost.postJson("/mcp", initializeRequest(), "Authorization",
				"Bearer " + token, "Accept", "application/json, text/event-stream");

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying((challenge) -> assertThat(
				challenge)
			.contains("error=\"invalid_token\"")
			.contains("resource_metadata=\"http://localhost:" + server.port()
					+ "/.well-known/oauth-protected-resource/mcp\""));
	}

	@Test
	void mcpWhenAccessTokenRevokedThenInvalidTokenAndRefreshTokenStillWorks() {
		JsonNode tokens = authorizationCodeTokens();
		String accessToken = tokens.path("access_token").asString();
		assertThat(mcpStatus(accessToken)).isEqualTo(200);

		HttpResponse<String> revoked = client.postForm("/revoke",
				Map.of("token", accessToken, "token_type_hint", "access_token"), "Authorization",
				OAuthTestClient.basic(CLIENT_ID, CLIENT_SECRET));

		assertThat(revoked.statusCode()).isEqualTo(200);
		assertInvalidToken(accessToken, "revoked");
		HttpResponse<String> refreshed = client.token(CLIENT_ID, CLIENT_SECRET, Map.of("grant_type", "refresh_token",
				"refresh_token", tokens.path("refresh_token").asString(), "resource", server.mcpUrl()));
		assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
		assertThat(mcpStatus(OAuthTestClient.json(refreshed).path("access_token").asString())).isEqualTo(200);
	}

	@Test
	void mcpWhenRefreshTokenRevokedThenAccessTokenRefusedAndRefreshInvalidGrant() {
		JsonNode tokens = authorizationCodeTokens();
		String accessToken = tokens.path("access_token").asString();
		String refreshToken = tokens.path("refresh_token").asString();

		HttpResponse<String> revoked = client.postForm("/revoke",
				Map.of("token", refreshToken, "token_type_hint", "refresh_token"), "Authorization",
				OAuthTestClient.basic(CLIENT_ID, CLIENT_SECRET));

		assertThat(revoked.statusCode()).isEqualTo(200);
		assertInvalidToken(accessToken, "revoked");
		HttpResponse<String> refreshed = client.token(CLIENT_ID, CLIENT_SECRET,
				Map.of("grant_type", "refresh_token", "refresh_token", refreshToken));
		assertThat(refreshed.statusCode()).isEqualTo(400);
		assertThat(OAuthTestClient.json(refreshed).path("error").asString()).isEqualTo("invalid_grant");
	}

	@Test
	void mcpWhenAccessTokenReplacedByRefreshThenInvalidToken() {
		JsonNode tokens = authorizationCodeTokens();
		String accessToken = tokens.path("access_token").asString();

		HttpResponse<String> refreshed = client.token(CLIENT_ID, CLIENT_SECRET, Map.of("grant_type", "refresh_token",
				"refresh_token", tokens.path("refresh_token").asString()));

		assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
		assertInvalidToken(accessToken, "no longer active");
	}

	@Test
	void mcpWhenTokenSignedByServerKeyButNeverIssuedThenInvalidToken() {
		String token = sign((claims) -> {
		}).getTokenValue();

		assertInvalidToken(token, "no longer active");
	}

	@Test
	void mcpWhenMintedTokenIsValidThenAccepted() {
		String token = mint((claims) -> {
		});

		HttpResponse<String> response = client.postJson("/mcp", initializeRequest(), "Authorization",
				"Bearer " + token, "Accept", "application/json, text/event-stream");

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
	}

	private void assertInvalidToken(String token, String descriptionFragment) {
		HttpResponse<String> response = client.postJson("/mcp", initializeRequest(), "Authorization",
				"Bearer " + token, "Accept", "application/json, text/event-stream");

		assertThat(response.statusCode()).isEqualTo(401);
		String challenge = response.headers().firstValue("WWW-Authenticate").orElseThrow();
		assertThat(challenge).startsWith("Bearer error=\"invalid_token\", error_description=\"")
			.contains("resource_metadata=\"" + server.baseUrl() + "/.well-known/oauth-protected-resource/mcp\"")
			.contains("scope=\"mcp:tools\"");
		if (descriptionFragment != null) {
			assertThat(challenge).contains(descriptionFragment);
		}
	}

	/**
	 * A token signed with the server's key and saved as a client-credentials authorization
	 * of the static client, as if the server had issued it.
	 */
	private static String mint(java.util.function.Consumer<JwtClaimsSet.Builder> customizer) {
		Jwt jwt = sign(customizer);
		RegisteredClient registeredClient = server.context().getBean(RegisteredClientRepository.class)
			.findByClientId(CLIENT_ID);
		OAuth2AccessToken accessToken = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, jwt.getTokenValue(),
				jwt.getIssuedAt(), jwt.getExpiresAt(), Set.of("mcp:tools"));
		server.context().getBean(OAuth2AuthorizationService.class).save(OAuth2Authorization
			.withRegisteredClient(registeredClient)
			.principalName(CLIENT_ID)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.accessToken(accessToken)
			.build());
		return jwt.getTokenValue();
	}

	/**
	 * A token signed with the server's key, unknown to its authorization service. The
	 * {@code jti} makes it unique: RS256 signatures are deterministic, so two tokens with the
	 * same claims minted within a second would otherwise be the same token.
	 */
	private static Jwt sign(java.util.function.Consumer<JwtClaimsSet.Builder> customizer) {
		Instant now = Instant.now();
		JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
			.id(java.util.UUID.randomUUID().toString())
			.issuer(server.baseUrl())
			.subject(CLIENT_ID)
			.audience(List.of(server.mcpUrl()))
			.issuedAt(now)
			.expiresAt(now.plus(Duration.ofMinutes(5)))
			.claim("scope", List.of("mcp:tools"));
		customizer.accept(claims);
		JwtEncoder encoder = server.context().getBean(JwtEncoder.class);
		return encoder
			.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).build(), claims.build()));
	}

	/**
	 * Tokens from the authorization-code flow through the login form (with a refresh token).
	 */
	private static JsonNode authorizationCodeTokens() {
		Pkce pkce = Pkce.generate();
		String redirectUri = "http://127.0.0.1:54321/callback";
		OAuthTestClient browser = new OAuthTestClient(server.baseUrl());
		URI callback = browser.authorize(authorizationUrl(redirectUri, pkce, "s", "mcp:tools"), "demo", "demo");
		HttpResponse<String> response = browser.token(CLIENT_ID, CLIENT_SECRET,
				Map.of("grant_type", "authorization_code", "code", OAuthTestClient.queryParameters(callback).get("code"),
						"redirect_uri", redirectUri, "code_verifier", pkce.verifier(), "resource", server.mcpUrl()));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return OAuthTestClient.json(response);
	}

	private static int mcpStatus(String accessToken) {
		return client.postJson("/mcp", initializeRequest(), "Authorization", "Bearer " + accessToken, "Accept",
				"application/json, text/event-stream").statusCode();
	}

	private static String clientCredentialsToken(String scope) {
		HttpResponse<String> response = client.token(CLIENT_ID, CLIENT_SECRET,
				Map.of("grant_type", "client_credentials", "scope", scope, "resource", server.mcpUrl()));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return OAuthTestClient.json(response).path("access_token").asString();
	}

	private static JsonNode introspect(String token) {
		HttpResponse<String> response = client.postForm("/introspect", Map.of("token", token), "Authorization",
				OAuthTestClient.basic(CLIENT_ID, CLIENT_SECRET));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return OAuthTestClient.json(response);
	}

	private static String authorizationUrl(String redirectUri, Pkce pkce, String state, String scope) {
		return UriComponentsBuilder.fromUriString(server.baseUrl() + "/authorize")
			.queryParam("response_type", "code")
			.queryParam("client_id", CLIENT_ID)
			.queryParam("redirect_uri", redirectUri)
			.queryParam("scope", scope)
			.queryParam("state", state)
			.queryParam("code_challenge", pkce.challenge())
			.queryParam("code_challenge_method", "S256")
			.queryParam("resource", server.mcpUrl())
			.encode()
			.build()
			.toUriString();
	}

	private static McpSyncClient mcpClient(String accessToken) {
		return OAuthTestClient.mcpClient(server.baseUrl(), accessToken);
	}

	private static String initializeRequest() {
		return OAuthTestClient.initializeRequest();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> structured(CallToolResult result) {
		assertThat(result.structuredContent()).isInstanceOf(Map.class);
		return (Map<String, Object>) result.structuredContent();
	}

	private static JsonNode textJson(CallToolResult result) {
		assertThat(result.content()).hasSize(1).first().isInstanceOf(TextContent.class);
		return OAuthTestClient.JSON.readTree(((TextContent) result.content().get(0)).text());
	}

	private static List<String> strings(JsonNode array) {
		List<String> values = new ArrayList<>();
		array.forEach((value) -> values.add(value.asString()));
		return values;
	}

	/**
	 * Every URL in a metadata document belongs to this server and answers (anything but
	 * 404 or a server error): GET endpoints with 200, POST-only endpoints with their
	 * method or authentication error.
	 */
	private static void assertEveryUrlResolves(JsonNode metadata) {
		metadata.properties().forEach((entry) -> {
			List<JsonNode> values = new ArrayList<>();
			if (entry.getValue().isArray()) {
				entry.getValue().forEach(values::add);
			}
			else {
				values.add(entry.getValue());
			}
			for (JsonNode value : values) {
				if (value.isString() && value.asString().startsWith("http")) {
					String url = value.asString();
					assertThat(url).as(entry.getKey()).startsWith(server.baseUrl());
					HttpResponse<String> response = new OAuthTestClient(server.baseUrl()).get(url, "Accept",
							"application/json");
					assertThat(response.statusCode()).as(entry.getKey() + " " + url).isNotEqualTo(404).isLessThan(500);
				}
			}
		});
	}

}
