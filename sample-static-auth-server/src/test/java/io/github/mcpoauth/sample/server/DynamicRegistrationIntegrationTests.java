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
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.github.mcpoauth.sample.server.OAuthTestClient.Pkce;

import org.springframework.web.util.UriComponentsBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The opt-in open mode ({@code --dynamic-registration}): RFC 7591 registration of public
 * clients, then the authorization-code flow with PKCE and no secret; and the limits of what
 * anyone may register (body size, redirect URIs, field length, registrations per window).
 */
class DynamicRegistrationIntegrationTests {

	private static StaticAuthServer server;

	private static OAuthTestClient client;

	@BeforeAll
	static void startServer() {
		server = StaticAuthServer.start("--port=0", "--dynamic-registration");
		client = new OAuthTestClient(server.baseUrl());
	}

	@AfterAll
	static void stopServer() {
		if (server != null) {
			server.close();
		}
	}

	@Test
	void metadataWhenDynamicRegistrationThenAdvertisesRegistrationEndpointAndPublicClients() {
		JsonNode metadata = OAuthTestClient.json(client.get("/.well-known/oauth-authorization-server"));

		assertThat(metadata.path("registration_endpoint").asString()).isEqualTo(server.baseUrl() + "/register");
		List<String> methods = new ArrayList<>();
		metadata.path("token_endpoint_auth_methods_supported").forEach((method) -> methods.add(method.asString()));
		assertThat(methods).contains("none", "client_secret_basic");
	}

	@Test
	void registerWhenPublicClientThenCreatedAndFlowCompletesWithoutSecret() {
		HttpResponse<String> registration = client.postJson("/register", """
				{"client_name":"Test MCP client","redirect_uris":["http://127.0.0.1:54321/callback"],
				 "grant_types":["authorization_code","refresh_token"],"response_types":["code"],
				 "token_endpoint_auth_method":"none","application_type":"native"}""");

		assertThat(registration.statusCode()).as(registration.body()).isEqualTo(201);
		JsonNode registered = OAuthTestClient.json(registration);
		String clientId = registered.path("client_id").asString();
		assertThat(clientId).isNotBlank();
		assertThat(registered.path("client_id_issued_at").asLong()).isPositive();
		assertThat(registered.path("client_name").asString()).isEqualTo("Test MCP client");
		assertThat(registered.path("token_endpoint_auth_method").asString()).isEqualTo("none");
		assertThat(registered.path("redirect_uris").get(0).asString()).isEqualTo("http://127.0.0.1:54321/callback");
		assertThat(registered.path("grant_types").toString()).contains("authorization_code", "refresh_token");
		assertThat(registered.path("response_types").toString()).contains("code");
		assertThat(registered.has("client_secret")).isFalse();

		Pkce pkce = Pkce.generate();
		String redirectUri = "http://127.0.0.1:54321/callback";
		String authorizationUrl = UriComponentsBuilder.fromUriString(server.baseUrl() + "/authorize")
			.queryParam("response_type", "code")
			.queryParam("client_id", clientId)
			.queryParam("redirect_uri", redirectUri)
			.queryParam("scope", "mcp:tools")
			.queryParam("state", "dcr")
			.queryParam("code_challenge", pkce.challenge())
			.queryParam("code_challenge_method", "S256")
			.queryParam("resource", server.mcpUrl())
			.encode()
			.build()
			.toUriString();
		URI callback = new OAuthTestClient(server.baseUrl()).authorize(authorizationUrl, "demo", "demo");
		Map<String, String> parameters = OAuthTestClient.queryParameters(callback);
		assertThat(parameters).containsEntry("state", "dcr").containsKey("code");

		HttpResponse<String> token = client.postForm("/token",
				Map.of("grant_type", "authorization_code", "client_id", clientId, "code", parameters.get("code"),
						"redirect_uri", redirectUri, "code_verifier", pkce.verifier(), "resource", server.mcpUrl()));
		assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
		String accessToken = OAuthTestClient.json(token).path("access_token").asString();
		try (McpSyncClient mcp = OAuthTestClient.mcpClient(server.baseUrl(), accessToken)) {
			mcp.initialize();
			assertThat(mcp.listTools().tools()).extracting(Tool::name).contains("get_time", "echo");
		}
	}

	@Test
	void registerWhenRedirectUriNotLoopbackThenInvalidRedirectUri() {
		for (String redirectUri : List.of("https://evil.example/callback", "http://192.168.1.2:8080/callback",
				"http://127.0.0.1:8080/callback#fragment")) {
			HttpResponse<String> response = client.postJson("/register",
					"{\"redirect_uris\":[\"" + redirectUri + "\"],\"token_endpoint_auth_method\":\"none\"}");

			assertThat(response.statusCode()).as(redirectUri).isEqualTo(400);
			assertThat(OAuthTestClient.json(response).path("error").asString()).isEqualTo("invalid_redirect_uri");
		}
	}

	@Test
	void registerWhenMetadataNotSupportedThenInvalidClientMetadata() {
		List<String> bodies = List.of(
				"{\"redirect_uris\":[\"http://127.0.0.1/cb\"],\"token_endpoint_auth_method\":\"private_key_jwt\"}",
				"{\"redirect_uris\":[\"http://127.0.0.1/cb\"],\"grant_types\":[\"client_credentials\"]}",
				"{\"redirect_uris\":[\"http://127.0.0.1/cb\"],\"response_types\":[\"token\"]}",
				"{\"redirect_uris\":[\"http://127.0.0.1/cb\"],\"scope\":\"admin\"}",
				"{\"redirect_uris\":\"http://127.0.0.1/cb\",", "");
		for (String body : bodies) {
			HttpResponse<String> response = client.postJson("/register", body);

			assertThat(response.statusCode()).as(body).isEqualTo(400);
			assertThat(OAuthTestClient.json(response).path("error").asString()).as(body)
				.isEqualTo("invalid_client_metadata");
		}
	}

	@Test
	void registerWhenRedirectUrisMissingThenInvalidRedirectUri() {
		HttpResponse<String> response = client.postJson("/register", "{\"client_name\":\"test\"}");

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(OAuthTestClient.json(response).path("error").asString()).isEqualTo("invalid_redirect_uri");
	}

	@Test
	void registerWhenClientAsksForASecretThenRegistersAPublicClientAndSaysSo() {
		HttpResponse<String> response = client.postJson("/register",
				"{\"redirect_uris\":[\"http://127.0.0.1/cb\"],\"token_endpoint_auth_method\":\"client_secret_basic\"}");

		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		JsonNode registered = OAuthTestClient.json(response);
		assertThat(registered.path("token_endpoint_auth_method").asString()).isEqualTo("none");
		assertThat(registered.has("client_secret")).isFalse();
	}

	@Test
	void registerWhenRedirectUriIsLocalhostThenInvalidRedirectUriAsking127001() {
		HttpResponse<String> response = client.postJson("/register",
				"{\"redirect_uris\":[\"http://localhost:8080/callback\"],\"token_endpoint_auth_method\":\"none\"}");

		assertThat(response.statusCode()).isEqualTo(400);
		JsonNode error = OAuthTestClient.json(response);
		assertThat(error.path("error").asString()).isEqualTo("invalid_redirect_uri");
		assertThat(error.path("error_description").asString())
			.startsWith("Use http://127.0.0.1:8080/... instead of http://localhost:8080/callback")
			.contains("RFC 8252 §8.3");
	}

	@Test
	void registerWhenBodyOfFourMegabytesThenContentTooLarge() {
		String body = "{\"client_name\":\"" + "x".repeat(4 * 1024 * 1024) + "\"}";

		HttpResponse<String> response = client.postJson("/register", body);

		assertThat(response.statusCode()).isEqualTo(413);
		JsonNode error = OAuthTestClient.json(response);
		assertThat(error.path("error").asString()).isEqualTo("invalid_client_metadata");
		assertThat(error.path("error_description").asString()).isEqualTo("The client metadata is "
				+ body.length() + " bytes; at most 16384 bytes are accepted (mcp.static.registration.max-body-size)");
	}

	@Test
	void registerWhenFiftyThousandRedirectUrisThenRefused() {
		String uris = String.join(",", Collections.nCopies(50_000, "\"http://127.0.0.1/cb\""));

		HttpResponse<String> response = client.postJson("/register", "{\"redirect_uris\":[" + uris + "]}");

		assertThat(response.statusCode()).isEqualTo(413);
	}

	@Test
	void registerWhenMoreRedirectUrisThanTheLimitThenInvalidRedirectUri() {
		List<String> uris = new ArrayList<>();
		for (int i = 0; i < 11; i++) {
			uris.add("\"http://127.0.0.1:" + (5000 + i) + "/cb\"");
		}

		HttpResponse<String> response = client.postJson("/register",
				"{\"redirect_uris\":[" + String.join(",", uris) + "]}");

		assertThat(response.statusCode()).isEqualTo(400);
		JsonNode error = OAuthTestClient.json(response);
		assertThat(error.path("error").asString()).isEqualTo("invalid_redirect_uri");
		assertThat(error.path("error_description").asString())
			.isEqualTo("11 redirect URIs; at most 10 are accepted (mcp.static.registration.max-redirect-uris)");
	}

	@Test
	void registerWhenAFieldIsLongerThanTheLimitThenRefusedNamingTheField() {
		HttpResponse<String> longName = client.postJson("/register",
				"{\"redirect_uris\":[\"http://127.0.0.1/cb\"],\"client_name\":\"" + "n".repeat(513) + "\"}");
		HttpResponse<String> longUri = client.postJson("/register",
				"{\"redirect_uris\":[\"http://127.0.0.1/" + "p".repeat(513) + "\"]}");

		assertThat(longName.statusCode()).isEqualTo(400);
		assertThat(OAuthTestClient.json(longName).path("error").asString()).isEqualTo("invalid_client_metadata");
		assertThat(OAuthTestClient.json(longName).path("error_description").asString())
			.isEqualTo("client_name is 513 characters long; at most 512 are accepted (mcp.static.registration.max-field-length)");
		assertThat(longUri.statusCode()).isEqualTo(400);
		assertThat(OAuthTestClient.json(longUri).path("error").asString()).isEqualTo("invalid_redirect_uri");
	}

	@Test
	void registerWhenMoreRegistrationsThanTheWindowAllowsThenTooManyRequestsUntilItPasses() {
		try (StaticAuthServer limited = StaticAuthServer.start("--port=0", "--dynamic-registration",
				"--mcp.static.registration.max-registrations=3", "--mcp.static.registration.window=1h")) {
			OAuthTestClient flood = new OAuthTestClient(limited.baseUrl());
			String registration = "{\"redirect_uris\":[\"http://127.0.0.1/cb\"],\"token_endpoint_auth_method\":\"none\"}";

			List<Integer> statuses = new ArrayList<>();
			statuses.add(flood.postJson("/register", "{\"redirect_uris\":[\"https://evil.example/cb\"]}").statusCode());
			for (int i = 0; i < 3; i++) {
				statuses.add(flood.postJson("/register", registration).statusCode());
			}
			List<HttpResponse<String>> refused = new ArrayList<>();
			for (int i = 0; i < 20; i++) {
				refused.add(flood.postJson("/register", registration));
			}

			assertThat(statuses).as("a refused registration takes no place").containsExactly(400, 201, 201, 201);
			assertThat(refused).allSatisfy((response) -> {
				assertThat(response.statusCode()).isEqualTo(429);
				assertThat(response.headers().firstValue("Retry-After").map(Long::parseLong)).hasValueSatisfying(
						(seconds) -> assertThat(seconds).isBetween(1L, 3600L));
				JsonNode error = OAuthTestClient.json(response);
				assertThat(error.path("error").asString()).isEqualTo("temporarily_unavailable");
				assertThat(error.path("error_description").asString())
					.startsWith("More than 3 clients registered within 3600 s; try again in ");
			});
		}
	}

	@Test
	void registerWhenNotPostThenMethodNotAllowed() {
		HttpResponse<String> response = client.get("/register", "Accept", "application/json");

		assertThat(response.statusCode()).isEqualTo(405);
	}

}
