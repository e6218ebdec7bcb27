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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.oauth2.sdk.dpop.DPoPProofFactory;
import com.nimbusds.oauth2.sdk.dpop.DefaultDPoPProofFactory;
import com.nimbusds.oauth2.sdk.token.DPoPAccessToken;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.github.mcpoauth.sample.server.OAuthTestClient.Pkce;

import org.springframework.web.util.UriComponentsBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the sample server does for the MCP authorization specification 2026-07-28, over real
 * HTTP: the RFC 9207 issuer on every authorization response; RFC 9449 DPoP-bound tokens for
 * token requests with a proof (made with Nimbus's {@link DefaultDPoPProofFactory}, as a client
 * would) and the MCP endpoint refusing such a token without a proof of its key; Client ID
 * Metadata Documents advertised (their parsing is in {@code ClientIdMetadataDocumentsTests});
 * no {@code offline_access} anywhere.
 */
class DPoPAndIssuerIntegrationTests {

	private static final String CLIENT_ID = StaticServerProperties.DEFAULT_CLIENT_ID;

	private static final String CLIENT_SECRET = StaticServerProperties.DEFAULT_CLIENT_SECRET;

	private static final String REDIRECT_URI = "http://127.0.0.1:54321/callback";

	private static StaticAuthServer server;

	private static OAuthTestClient client;

	private static Key key;

	@BeforeAll
	static void startServer() {
		server = StaticAuthServer.start("--port=0");
		client = new OAuthTestClient(server.baseUrl());
		key = Key.generate();
	}

	@AfterAll
	static void stopServer() {
		if (server != null) {
			server.close();
		}
	}

	// ------------------------------------------------------------------ RFC 9207 iss

	@Test
	void authorizationServerMetadataThenAdvertisesTheIssParameterAndDPoPWithoutOfflineAccess() {
		JsonNode metadata = OAuthTestClient.json(client.get("/.well-known/oauth-authorization-server"));

		assertThat(metadata.path("authorization_response_iss_parameter_supported").asBoolean()).isTrue();
		assertThat(metadata.path("client_id_metadata_document_supported").asBoolean()).isTrue();
		assertThat(strings(metadata.path("dpop_signing_alg_values_supported"))).contains("ES256", "RS256");
		assertThat(strings(metadata.path("scopes_supported"))).doesNotContain("offline_access");
	}

	@Test
	void protectedResourceMetadataThenAcceptsDPoPAndNeverListsOfflineAccess() {
		JsonNode metadata = OAuthTestClient.json(client.get("/.well-known/oauth-protected-resource/mcp"));

		assertThat(strings(metadata.path("dpop_signing_alg_values_supported"))).contains("ES256", "RS256");
		assertThat(metadata.path("dpop_bound_access_tokens_required").asBoolean()).isFalse();
		assertThat(strings(metadata.path("scopes_supported"))).doesNotContain("offline_access");
	}

	@Test
	void authorizationResponseWhenLoggedInThenCarriesTheIssuer() {
		URI callback = new OAuthTestClient(server.baseUrl()).authorize(authorizationUrl(Pkce.generate(), "mcp:tools", null),
				"demo", "demo");

		Map<String, String> parameters = OAuthTestClient.queryParameters(callback);
		assertThat(parameters).containsKey("code").containsEntry("state", "state-1").containsEntry("iss",
				server.baseUrl());
	}

	@Test
	void authorizationErrorResponseThenCarriesTheIssuerToo() {
		String url = authorizationUrl(Pkce.generate(), "mcp:tools", "https://other.example/mcp");

		HttpResponse<String> response = client.get(url);

		assertThat(response.statusCode()).isEqualTo(302);
		Map<String, String> parameters = OAuthTestClient.queryParameters(URI.create(OAuthTestClient.location(response)));
		assertThat(parameters).containsEntry("error", "invalid_target")
			.containsEntry("state", "state-1")
			.containsEntry("iss", server.baseUrl());
	}

	@Test
	void authorizationErrorResponseForAnUnknownScopeThenCarriesTheIssuer() {
		HttpResponse<String> response = client.get(authorizationUrl(Pkce.generate(), "mcp:admin", null));

		assertThat(response.statusCode()).isEqualTo(302);
		assertThat(OAuthTestClient.queryParameters(URI.create(OAuthTestClient.location(response))))
			.containsEntry("error", "invalid_scope")
			.containsEntry("iss", server.baseUrl());
	}

	@Test
	void authorizeWhenTheClientIdIsADocumentUrlThatCannotBeFetchedThenRefusedWithoutRedirect() {
		String url = UriComponentsBuilder.fromUriString(authorizationUrl(Pkce.generate(), "mcp:tools", null))
			.replaceQueryParam("client_id", "https://127.0.0.1:1/client-metadata.json")
			.build()
			.toUriString();

		HttpResponse<String> response = client.get(url);

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Location")).isEmpty();
	}

	// ------------------------------------------------------------------ RFC 9449 DPoP

	@Test
	void tokenRequestWithAProofThenADPoPBoundTokenThatCallsTheToolsWithProofs() {
		String token = dPoPToken(key);

		try (McpSyncClient mcp = mcpClient(token, key)) {
			mcp.initialize();
			assertThat(mcp.listTools().tools()).extracting(Tool::name).containsExactlyInAnyOrder("get_time", "echo");
			CallToolResult echo = mcp.callTool(new CallToolRequest("echo", Map.of("message", "bound")));

			assertThat(echo.isError()).isFalse();
			assertThat(echo.structuredContent()).isEqualTo(Map.of("echo", "bound", "length", 5));
		}
	}

	@Test
	void mcpWhenADPoPBoundTokenIsSentAsABearerTokenThenInvalidToken() {
		String token = dPoPToken(key);

		HttpResponse<String> response = mcp("Bearer " + token, null);

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying((challenge) -> assertThat(
				challenge)
			.startsWith("Bearer error=\"invalid_token\"")
			.contains("resource_metadata=\"" + server.baseUrl() + "/.well-known/oauth-protected-resource/mcp\""));
	}

	@Test
	void mcpWhenTheProofIsMadeWithAnotherKeyThenInvalidDPoPProof() {
		String token = dPoPToken(key);

		HttpResponse<String> response = mcp("DPoP " + token, Key.generate().proof("POST", server.mcpUrl(), token));

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying((challenge) -> assertThat(
				challenge)
			.startsWith("DPoP error=\"invalid_dpop_proof\"")
			.contains("scope=\"mcp:tools\"")
			.contains("algs=\"")
			.contains("resource_metadata=\"" + server.baseUrl() + "/.well-known/oauth-protected-resource/mcp\""));
	}

	@Test
	void mcpWhenTheProofIsMissingOrForAnotherRequestOrReplayedThenRefused() {
		String token = dPoPToken(key);
		String proof = key.proof("POST", server.mcpUrl(), token);
		assertThat(mcp("DPoP " + token, proof).statusCode()).isEqualTo(200);

		assertThat(mcp("DPoP " + token, proof).statusCode()).as("replayed proof").isEqualTo(401);
		assertThat(mcp("DPoP " + token, null).statusCode()).as("no proof").isEqualTo(401);
		assertThat(mcp("DPoP " + token, key.proof("GET", server.mcpUrl(), token)).statusCode()).as("other method")
			.isEqualTo(401);
		assertThat(mcp("DPoP " + token, key.proof("POST", server.baseUrl() + "/other", token)).statusCode())
			.as("other URL")
			.isEqualTo(401);
		assertThat(mcp("DPoP " + token, key.proof("POST", server.mcpUrl(), null)).statusCode()).as("no ath")
			.isEqualTo(401);
	}

	@Test
	void mcpWhenABearerTokenIsSentWithTheDPoPSchemeThenRefused() {
		HttpResponse<String> token = client.token(CLIENT_ID, CLIENT_SECRET,
				Map.of("grant_type", "client_credentials", "scope", "mcp:tools", "resource", server.mcpUrl()));
		String bearer = OAuthTestClient.json(token).path("access_token").asString();

		HttpResponse<String> response = mcp("DPoP " + bearer, key.proof("POST", server.mcpUrl(), bearer));

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
				(challenge) -> assertThat(challenge).startsWith("DPoP error=\"invalid_dpop_proof\""));
	}

	@Test
	void authorizationCodeFlowWithProofsThenDPoPBoundTokensAlsoAfterARefresh() {
		Pkce pkce = Pkce.generate();
		URI callback = new OAuthTestClient(server.baseUrl()).authorize(authorizationUrl(pkce, "mcp:tools", null), "demo",
				"demo");
		HttpResponse<String> response = client.postForm("/token",
				Map.of("grant_type", "authorization_code", "code", OAuthTestClient.queryParameters(callback).get("code"),
						"redirect_uri", REDIRECT_URI, "code_verifier", pkce.verifier(), "resource", server.mcpUrl()),
				"Authorization", OAuthTestClient.basic(CLIENT_ID, CLIENT_SECRET), "DPoP",
				key.proof("POST", server.baseUrl() + "/token", null));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode tokens = OAuthTestClient.json(response);
		assertThat(tokens.path("token_type").asString()).isEqualTo("DPoP");
		String accessToken = tokens.path("access_token").asString();
		assertThat(mcp("DPoP " + accessToken, key.proof("POST", server.mcpUrl(), accessToken)).statusCode())
			.isEqualTo(200);

		HttpResponse<String> refreshed = refresh(tokens.path("refresh_token").asString(), key);
		assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
		JsonNode newTokens = OAuthTestClient.json(refreshed);
		assertThat(newTokens.path("token_type").asString()).isEqualTo("DPoP");
		String newAccessToken = newTokens.path("access_token").asString();
		assertThat(mcp("DPoP " + newAccessToken, key.proof("POST", server.mcpUrl(), newAccessToken)).statusCode())
			.isEqualTo(200);
		assertThat(mcp("Bearer " + newAccessToken, null).statusCode()).isEqualTo(401);
	}

	private static HttpResponse<String> refresh(String refreshToken, Key proofKey) {
		return client.postForm("/token",
				Map.of("grant_type", "refresh_token", "refresh_token", refreshToken, "resource", server.mcpUrl()),
				"Authorization", OAuthTestClient.basic(CLIENT_ID, CLIENT_SECRET), "DPoP",
				proofKey.proof("POST", server.baseUrl() + "/token", null));
	}

	/**
	 * A client-credentials token bound to the key: the token request carries a proof.
	 */
	private static String dPoPToken(Key key) {
		HttpResponse<String> response = client.postForm("/token",
				Map.of("grant_type", "client_credentials", "scope", "mcp:tools", "resource", server.mcpUrl()),
				"Authorization", OAuthTestClient.basic(CLIENT_ID, CLIENT_SECRET), "DPoP",
				key.proof("POST", server.baseUrl() + "/token", null));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode tokens = OAuthTestClient.json(response);
		assertThat(tokens.path("token_type").asString()).isEqualTo("DPoP");
		return tokens.path("access_token").asString();
	}

	private static HttpResponse<String> mcp(String authorization, String proof) {
		List<String> headers = new ArrayList<>(List.of("Authorization", authorization, "Accept",
				"application/json, text/event-stream"));
		if (proof != null) {
			headers.addAll(List.of("DPoP", proof));
		}
		return client.postJson("/mcp", OAuthTestClient.initializeRequest(), headers.toArray(String[]::new));
	}

	/**
	 * An MCP Java SDK client that sends the token with the {@code DPoP} scheme and a fresh
	 * proof for each request's method and URL.
	 */
	private static McpSyncClient mcpClient(String token, Key key) {
		HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(server.baseUrl())
			.endpoint("/mcp")
			.httpRequestCustomizer((request, method, uri, body, context) -> request.header("Authorization", "DPoP " + token)
				.header("DPoP", key.proof(method, uri.toString(), token)))
			.build();
		return McpClient.sync(transport).requestTimeout(Duration.ofSeconds(10)).build();
	}

	private static String authorizationUrl(Pkce pkce, String scope, String resource) {
		return UriComponentsBuilder.fromUriString(server.baseUrl() + "/authorize")
			.queryParam("response_type", "code")
			.queryParam("client_id", CLIENT_ID)
			.queryParam("redirect_uri", REDIRECT_URI)
			.queryParam("scope", scope)
			.queryParam("state", "state-1")
			.queryParam("code_challenge", pkce.challenge())
			.queryParam("code_challenge_method", "S256")
			.queryParam("resource", (resource != null) ? resource : server.mcpUrl())
			.encode()
			.build()
			.toUriString();
	}

	private static List<String> strings(JsonNode array) {
		List<String> values = new ArrayList<>();
		array.forEach((value) -> values.add(value.asString()));
		return values;
	}

	/**
	 * A client's DPoP key (EC P-256) and the proofs it signs (RFC 9449 §4.2).
	 */
	private record Key(ECKey jwk, DPoPProofFactory factory) {

		static Key generate() {
			try {
				ECKey jwk = new ECKeyGenerator(Curve.P_256).generate();
				return new Key(jwk, new DefaultDPoPProofFactory(jwk, JWSAlgorithm.ES256));
			}
			catch (JOSEException ex) {
				throw new IllegalStateException(ex);
			}
		}

		/**
		 * @param method the request method ({@code htm})
		 * @param url the request URL ({@code htu})
		 * @param accessToken the token the request carries ({@code ath}), or {@code null} at
		 * the token endpoint
		 */
		String proof(String method, String url, String accessToken) {
			try {
				URI htu = URI.create(url);
				return ((accessToken != null) ? this.factory.createDPoPJWT(method, htu, new DPoPAccessToken(accessToken))
						: this.factory.createDPoPJWT(method, htu)).serialize();
			}
			catch (JOSEException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

}
