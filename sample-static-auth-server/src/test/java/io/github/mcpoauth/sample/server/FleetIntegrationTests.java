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

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.mcpoauth.sample.server.OAuthTestClient.Pkce;
import io.github.mcpoauth.testsupport.PostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.web.util.UriComponentsBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Two instances of the sample server on one PostgreSQL database ({@code --database-url}),
 * with one signing key ({@code --signing-key}) behind one issuer ({@code --public-url}),
 * driven over HTTP: a code issued by one is redeemed at the other, its token is accepted by
 * both {@code /mcp} endpoints, a refresh works at either, a client registered at one is
 * known to the other, and a token revoked at one is refused at the other within the
 * active-token cache's lifetime.
 */
class FleetIntegrationTests {

	private static final String PUBLIC_URL = "http://mcp.fleet.test";

	private static final String RESOURCE = PUBLIC_URL + "/mcp";

	private static final String CLIENT_ID = StaticServerProperties.DEFAULT_CLIENT_ID;

	private static final String CLIENT_SECRET = StaticServerProperties.DEFAULT_CLIENT_SECRET;

	private static final Duration CACHE = Duration.ofSeconds(1);

	@RegisterExtension
	static final PostgresServer postgres = new PostgresServer();

	@TempDir
	static Path temp;

	private static StaticAuthServer first;

	private static StaticAuthServer second;

	@BeforeAll
	static void startTwoInstancesOnOneDatabase() throws Exception {
		String database = postgres.createDatabase("mcp_static_fleet");
		Path signingKey = writeSigningKey(temp.resolve("signing-key.pem"));
		String[] args = { "--port=0", "--database-url=" + postgres.jdbcUrl(database),
				"--database-username=" + PostgresServer.USER, "--database-password=" + PostgresServer.PASSWORD,
				"--signing-key=" + signingKey, "--public-url=" + PUBLIC_URL, "--dynamic-registration",
				"--mcp.static.active-token-cache-ttl=" + CACHE.toMillis() + "ms" };
		first = StaticAuthServer.start(args);
		second = StaticAuthServer.start(args);
	}

	@AfterAll
	static void stopInstances() {
		if (first != null) {
			first.close();
		}
		if (second != null) {
			second.close();
		}
	}

	@Test
	void everyInstancePublishesTheSameIssuerAndSigningKey() {
		JsonNode firstKeys = OAuthTestClient.json(client(first).get("/jwks", "Accept", "application/json"));
		JsonNode secondKeys = OAuthTestClient.json(client(second).get("/jwks", "Accept", "application/json"));

		assertThat(firstKeys).isEqualTo(secondKeys);
		assertThat(firstKeys.path("keys")).hasSize(1);
		assertThat(OAuthTestClient.json(client(second).get("/.well-known/oauth-authorization-server"))
			.path("issuer")
			.asString()).isEqualTo(PUBLIC_URL);
	}

	@Test
	void codeIssuedByOneInstanceIsRedeemedAtTheOtherAndItsTokenIsAcceptedByBoth() {
		JsonNode tokens = authorizeAtFirstRedeemAtSecond();
		String accessToken = tokens.path("access_token").asString();

		assertThat(mcp(first, accessToken)).isEqualTo(200);
		assertThat(mcp(second, accessToken)).isEqualTo(200);
	}

	@Test
	void refreshWorksAtEitherInstanceAndAUsedRefreshTokenIsRefusedAtBoth() {
		String refreshToken = authorizeAtFirstRedeemAtSecond().path("refresh_token").asString();

		JsonNode atFirst = refresh(first, refreshToken);
		JsonNode atSecond = refresh(second, atFirst.path("refresh_token").asString());

		assertThat(mcp(first, atSecond.path("access_token").asString())).isEqualTo(200);
		HttpResponse<String> replayed = client(second).token(CLIENT_ID, CLIENT_SECRET,
				Map.of("grant_type", "refresh_token", "refresh_token", refreshToken));
		assertThat(replayed.statusCode()).isEqualTo(400);
		assertThat(replayed.body()).contains("invalid_grant");
	}

	@Test
	void tokenRevokedAtOneInstanceIsRefusedThereAtOnceAndAtTheOtherWithinTheCacheLifetime() throws Exception {
		String accessToken = authorizeAtFirstRedeemAtSecond().path("access_token").asString();
		assertThat(mcp(second, accessToken)).as("accepted, and now cached by the second instance").isEqualTo(200);
		assertThat(mcp(first, accessToken)).isEqualTo(200);

		HttpResponse<String> revoked = client(first).postForm("/revoke", Map.of("token", accessToken), "Authorization",
				OAuthTestClient.basic(CLIENT_ID, CLIENT_SECRET));
		assertThat(revoked.statusCode()).isEqualTo(200);
		long revokedAt = System.nanoTime();

		assertThat(mcp(first, accessToken)).as("refused at once where it was revoked").isEqualTo(401);
		int status;
		do {
			status = mcp(second, accessToken);
			if (status != 401) {
				Thread.sleep(100);
			}
		}
		while (status != 401 && System.nanoTime() - revokedAt < Duration.ofSeconds(10).toNanos());
		assertThat(status).isEqualTo(401);
		assertThat(Duration.ofNanos(System.nanoTime() - revokedAt)).as("refused at the other within the cache lifetime")
			.isLessThan(CACHE.plusSeconds(2));
	}

	@Test
	void clientRegisteredAtOneInstanceAuthorizesAtTheOther() {
		String redirectUri = "http://127.0.0.1:53682/callback";
		HttpResponse<String> registration = client(first).postJson("/register",
				"{\"redirect_uris\":[\"" + redirectUri + "\"],\"token_endpoint_auth_method\":\"none\","
						+ "\"client_name\":\"fleet test\"}");
		assertThat(registration.statusCode()).as(registration.body()).isEqualTo(201);
		String clientId = OAuthTestClient.json(registration).path("client_id").asString();

		Pkce pkce = Pkce.generate();
		URI callback = client(second).authorize(authorizationUrl(clientId, redirectUri, pkce), "demo", "demo");
		String code = OAuthTestClient.queryParameters(callback).get("code");
		Map<String, String> form = new LinkedHashMap<>(Map.of("grant_type", "authorization_code", "code", code,
				"redirect_uri", redirectUri, "code_verifier", pkce.verifier(), "resource", RESOURCE));
		form.put("client_id", clientId);
		HttpResponse<String> token = client(first).postForm("/token", form);

		assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
		assertThat(mcp(second, OAuthTestClient.json(token).path("access_token").asString())).isEqualTo(200);
	}

	@Test
	void databaseDownAtStartUpThenTheErrorNamesTheUrlWithoutItsPassword() throws Exception {
		int closed;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closed = socket.getLocalPort();
		}
		String url = "jdbc:postgresql://127.0.0.1:" + closed + "/mcp?password=s3cr3t-in-url";

		assertThatException()
			.isThrownBy(() -> StaticAuthServer.start("--port=0", "--database-url=" + url, "--database-username=app",
					"--database-password=s3cr3t-flag"))
			.satisfies((ex) -> {
				String messages = messages(ex);
				assertThat(messages).contains("Could not use the database jdbc:postgresql://127.0.0.1:" + closed
						+ "/mcp?password=[redacted] as app")
					.contains("Check --database-url")
					.doesNotContain("s3cr3t-in-url", "s3cr3t-flag");
			});
	}

	private JsonNode authorizeAtFirstRedeemAtSecond() {
		Pkce pkce = Pkce.generate();
		String redirectUri = "http://127.0.0.1:54321/callback";
		URI callback = client(first).authorize(authorizationUrl(CLIENT_ID, redirectUri, pkce), "demo", "demo");
		Map<String, String> parameters = OAuthTestClient.queryParameters(callback);
		assertThat(parameters).containsKey("code");

		HttpResponse<String> token = client(second).token(CLIENT_ID, CLIENT_SECRET,
				Map.of("grant_type", "authorization_code", "code", parameters.get("code"), "redirect_uri", redirectUri,
						"code_verifier", pkce.verifier(), "resource", RESOURCE));
		assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
		return OAuthTestClient.json(token);
	}

	private static JsonNode refresh(StaticAuthServer server, String refreshToken) {
		HttpResponse<String> refreshed = client(server).token(CLIENT_ID, CLIENT_SECRET,
				Map.of("grant_type", "refresh_token", "refresh_token", refreshToken, "resource", RESOURCE));
		assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
		return OAuthTestClient.json(refreshed);
	}

	private static int mcp(StaticAuthServer server, String accessToken) {
		return client(server)
			.postJson("/mcp", OAuthTestClient.initializeRequest(), "Authorization", "Bearer " + accessToken, "Accept",
					"application/json, text/event-stream")
			.statusCode();
	}

	private static OAuthTestClient client(StaticAuthServer server) {
		return new OAuthTestClient(server.baseUrl());
	}

	private static String authorizationUrl(String clientId, String redirectUri, Pkce pkce) {
		return UriComponentsBuilder.fromUriString("/authorize")
			.queryParam("response_type", "code")
			.queryParam("client_id", clientId)
			.queryParam("redirect_uri", redirectUri)
			.queryParam("scope", "mcp:tools")
			.queryParam("state", "fleet")
			.queryParam("code_challenge", pkce.challenge())
			.queryParam("code_challenge_method", "S256")
			.queryParam("resource", RESOURCE)
			.encode()
			.build()
			.toUriString();
	}

	private static Path writeSigningKey(Path file) throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
			.encodeToString(generator.generateKeyPair().getPrivate().getEncoded());
		return Files.writeString(file, "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n");
	}

	private static String messages(Throwable ex) {
		StringBuilder all = new StringBuilder();
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			all.append(cause.getMessage()).append('\n');
		}
		return all.toString();
	}

}
