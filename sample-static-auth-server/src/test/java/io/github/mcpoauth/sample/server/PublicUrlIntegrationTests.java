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

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code --public-url}, every advertised URL, the issuer and the audience use the
 * fixed external base URL, whatever host the request used.
 */
class PublicUrlIntegrationTests {

	private static final String PUBLIC_URL = "https://mcp.example.com";

	private static StaticAuthServer server;

	private static OAuthTestClient client;

	@BeforeAll
	static void startServer() {
		server = StaticAuthServer.start("--port", "0", "--public-url", PUBLIC_URL + "/");
		client = new OAuthTestClient(server.baseUrl());
	}

	@AfterAll
	static void stopServer() {
		if (server != null) {
			server.close();
		}
	}

	@Test
	void metadataWhenPublicUrlThenIssuerAndEndpointsUseIt() {
		JsonNode metadata = OAuthTestClient.json(client.get("/.well-known/oauth-authorization-server"));
		JsonNode resource = OAuthTestClient.json(client.get("/.well-known/oauth-protected-resource/mcp"));

		assertThat(metadata.path("issuer").asString()).isEqualTo(PUBLIC_URL);
		assertThat(metadata.path("token_endpoint").asString()).isEqualTo(PUBLIC_URL + "/token");
		assertThat(resource.path("resource").asString()).isEqualTo(PUBLIC_URL + "/mcp");
		assertThat(resource.path("authorization_servers").get(0).asString()).isEqualTo(PUBLIC_URL);
	}

	@Test
	void mcpWhenNoTokenThenChallengePointsAtPublicMetadata() {
		HttpResponse<String> response = client.postJson("/mcp", OAuthTestClient.initializeRequest());

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer resource_metadata=\""
				+ PUBLIC_URL + "/.well-known/oauth-protected-resource/mcp\", scope=\"mcp:tools\"");
	}

	@Test
	void tokenWhenPublicUrlThenAudienceIsPublicMcpUrlAndAcceptedLocally() {
		HttpResponse<String> token = client.token(StaticServerProperties.DEFAULT_CLIENT_ID,
				StaticServerProperties.DEFAULT_CLIENT_SECRET,
				Map.of("grant_type", "client_credentials", "scope", "mcp:tools", "resource", PUBLIC_URL + "/mcp"));
		assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
		String accessToken = OAuthTestClient.json(token).path("access_token").asString();

		HttpResponse<String> response = client.postJson("/mcp", OAuthTestClient.initializeRequest(),
				"Authorization", "Bearer " + accessToken, "Accept", "application/json, text/event-stream");

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
	}

}
