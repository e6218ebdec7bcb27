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

package io.github.mcpoauth.integration.starter;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.IntStream;

import io.github.mcpoauth.core.McpServerDefinition;
import io.github.mcpoauth.core.McpServerRegistry;
import io.github.mcpoauth.transport.McpOAuthHandler;
import io.github.mcpoauth.protocol.McpResponse;
import io.github.mcpoauth.integration.FormLoginUserAgent;
import io.github.mcpoauth.transport.McpHttpClientTransports;
import io.github.mcpoauth.transport.McpWebClientTransports;
import io.github.mcpoauth.sample.server.StaticAuthServer;
import io.github.mcpoauth.store.TokenKey;
import io.github.mcpoauth.store.TokenStore;
import io.github.mcpoauth.token.OAuthToken;
import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Spring Boot application with only the starter and {@code application-starter-it.yml}
 * calls the real sample server, started in-process on a random port, through both MCP
 * transports. Tokens are made to expire on the server side by revoking them at the sample
 * server's {@code /revoke} endpoint (RFC 7009), and on the client side by storing a copy
 * whose expiry has passed; the engine's token requests are counted on its own
 * {@code WebClient}.
 */
class StarterIntegrationTests {

	private static final String SERVER = "sample";

	private static final String CLIENT_ID = "static-mcp-client-001";

	private static final String CLIENT_SECRET = "your-secret-key-change-this-in-production";

	private static final int CONCURRENT_CALLS = 1000;

	private static final Duration TIMEOUT = Duration.ofMinutes(2);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@TempDir
	static Path tokenDirectory;

	private static StaticAuthServer server;

	private static ConfigurableApplicationContext application;

	private static TokenRequests tokenRequests;

	private static FormLoginUserAgent user;

	private static McpOAuthHandler handler;

	private static TokenStore tokenStore;

	private int loginsBefore;

	@BeforeAll
	static void startServerAndApplication() {
		// the sample server's own context needs no MCP client
		server = StaticAuthServer.start("--port=0", "--mcp.oauth.enabled=false");
		application = new SpringApplicationBuilder(StarterTestApplication.class).profiles("starter-it")
			.properties("starter-it.sample-mcp-url=" + server.mcpUrl(), "starter-it.token-directory=" + tokenDirectory)
			.run();
		tokenRequests = application.getBean(TokenRequests.class);
		user = application.getBean(FormLoginUserAgent.class);
		handler = application.getBean(McpOAuthHandler.class);
		tokenStore = application.getBean(TokenStore.class);
	}

	@AfterAll
	static void stopApplicationAndServer() {
		if (application != null) {
			application.close();
		}
		if (server != null) {
			server.close();
		}
	}

	/** Each test starts signed in, with nothing counted yet. */
	@BeforeEach
	void signIn() {
		handler.clearTokens(SERVER).block(TIMEOUT);
		handler.ensureAuthenticated(SERVER).block(TIMEOUT);
		resetCounts();
	}

	@Test
	void signedInTokenIsBoundToTheApplicationsDPoPKey() {
		OAuthToken token = tokenStore.loadToken(TokenKey.of(SERVER)).block(TIMEOUT);

		// the sample server's authorization server lists dpop_signing_alg_values_supported: dpop auto binds
		assertThat(token.tokenType()).isEqualTo("DPoP");
		assertThat(token.dpopKey().algorithm()).isEqualTo("ES256");
		assertThat(handler.prepareHeaders(SERVER).block(TIMEOUT).getFirst("DPoP")).isNotBlank();
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(Transport.class)
	void callToolWhenSignedInThenEchoesAndTellsTheTime(Transport transport) {
		try (McpSyncClient mcp = transport.syncClient()) {
			mcp.initialize();

			assertEchoes(mcp.callTool(echo("Hello, World!")), "Hello, World!");
			CallToolResult time = mcp.callTool(new CallToolRequest("get_time", Map.of()));
			assertThat(time.isError()).isNotEqualTo(Boolean.TRUE);
			assertThat(structured(time)).containsOnlyKeys("current_time", "timezone", "timestamp", "formatted")
				.containsEntry("timezone", "UTC");
		}
		assertThat(tokenRequests.tokenRequests()).isZero();
		assertThat(logins()).isZero();
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(Transport.class)
	void callToolWhenNoTokenStoredThenSignsInOnceThroughTheFormAndCalls(Transport transport) {
		handler.clearTokens(SERVER).block(TIMEOUT);

		try (McpSyncClient mcp = transport.syncClient()) {
			mcp.initialize();

			assertEchoes(mcp.callTool(echo("first call")), "first call");
		}
		assertThat(logins()).isEqualTo(1);
		assertThat(tokenRequests.authorizations()).isEqualTo(1);
		assertThat(tokenRequests.tokenRequests()).isEqualTo(1);
		OAuthToken stored = tokenStore.loadToken(TokenKey.of(SERVER)).block(TIMEOUT);
		assertThat(stored).isNotNull();
		assertThat(stored.resource()).isEqualTo(server.mcpUrl());
		assertThat(stored.hasRefreshToken()).isTrue();
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(Transport.class)
	void callToolWhenTokenRevokedOnServerThenRefreshesOnceAndRetriesTransparently(Transport transport) {
		try (McpSyncClient mcp = transport.syncClient()) {
			mcp.initialize();
			assertEchoes(mcp.callTool(echo("before")), "before");
			OAuthToken revoked = revokeCurrentAccessToken();

			assertEchoes(mcp.callTool(echo("after")), "after");
			assertEchoes(mcp.callTool(echo("and again")), "and again");

			assertRefreshedOnceWithoutLogin(revoked);
		}
	}

	@Test
	void webClientPostWhenTokenRevokedThenBodyIsSentAgainAfterTheRefresh() {
		WebClient webClient = application.getBean(WebClient.Builder.class).build();
		ResponseEntity<String> initialized = post(webClient, null, initializeMessage());
		assertThat(initialized.getStatusCode().value()).isEqualTo(200);
		String session = initialized.getHeaders().getFirst(McpResponse.SESSION_ID_HEADER);
		assertThat(session).isNotBlank();
		post(webClient, session, Map.of("jsonrpc", "2.0", "method", "notifications/initialized"));
		OAuthToken revoked = revokeCurrentAccessToken();
		String message = "sent twice " + UUID.randomUUID();

		ResponseEntity<String> answer = post(webClient, session, echoMessage(7, message));

		assertThat(answer.getStatusCode().value()).isEqualTo(200);
		JsonNode response = jsonRpcResponse(answer);
		assertThat(response.path("id").asInt()).isEqualTo(7);
		assertThat(response.path("result").path("structuredContent").path("echo").asString()).isEqualTo(message);
		assertRefreshedOnceWithoutLogin(revoked);
	}

	@Test
	void handlerPostWhenTokenRevokedThenAnswerToTheResentBodyIsParsed() {
		McpResponse initialized = handler.post(SERVER, initializeMessage(), null).block(TIMEOUT);
		String session = initialized.sessionId().orElseThrow();
		handler.post(SERVER, Map.of("jsonrpc", "2.0", "method", "notifications/initialized"), session).block(TIMEOUT);
		OAuthToken revoked = revokeCurrentAccessToken();
		String message = "parsed " + UUID.randomUUID();

		McpResponse answer = handler.post(SERVER, echoMessage(8, message), session).block(TIMEOUT);

		assertThat(answer.status().value()).isEqualTo(200);
		assertThat(answer.jsonRpcResponse()).hasValueSatisfying((response) -> assertThat(
				response.path("result").path("structuredContent").path("echo").asString())
			.isEqualTo(message));
		assertRefreshedOnceWithoutLogin(revoked);
	}

	@Test
	void thousandConcurrentCallsWhenTokenExpiredOnClientThenOneRefreshAndNoFailure() {
		Runnable restore = bearerTokens();
		McpAsyncClient mcp = asyncWebClientMcp();
		try {
			mcp.initialize().block(TIMEOUT);
			OAuthToken valid = tokenStore.loadToken(TokenKey.of(SERVER)).block(TIMEOUT);
			OAuthToken expired = valid.mutate().expiresAt(Instant.now().minusSeconds(1)).build();
			handler.clearTokens(SERVER).block(TIMEOUT); // also forgets the engine's copy in memory
			tokenStore.saveToken(TokenKey.of(SERVER), expired).block(TIMEOUT);
			resetCounts();

			assertAllEcho(callConcurrently(mcp));

			assertRefreshedOnceWithoutLogin(valid);
		}
		finally {
			mcp.closeGracefully().block(TIMEOUT);
			restore.run();
		}
	}

	@Test
	void thousandConcurrentCallsWhenTokenRevokedOnServerThenOneRefreshAndNoFailure() {
		Runnable restore = bearerTokens();
		McpAsyncClient mcp = asyncWebClientMcp();
		try {
			mcp.initialize().block(TIMEOUT);
			OAuthToken revoked = revokeCurrentAccessToken();

			assertAllEcho(callConcurrently(mcp));

			assertRefreshedOnceWithoutLogin(revoked);
		}
		finally {
			mcp.closeGracefully().block(TIMEOUT);
			restore.run();
		}
	}

	/**
	 * Switches the server to bearer tokens ({@code dpop: off}) and signs in again, for a burst
	 * of a thousand calls: with DPoP every call carries a proof, and Spring Security's replay
	 * cache, which the sample server's authorization and resource servers share, takes at most
	 * 1,000 proofs per key within its window ({@code DPoPProofReplayValidator.InMemoryCache}),
	 * then refuses with {@code invalid_dpop_proof} (docs/dpop.md). The other tests run with
	 * DPoP-bound tokens.
	 * @return what puts the DPoP setting back
	 */
	private static Runnable bearerTokens() {
		McpServerRegistry registry = application.getBean(McpServerRegistry.class);
		McpServerDefinition dpop = registry.get(SERVER);
		registry.register(dpop.mutate().dpop(McpServerDefinition.DPoPMode.OFF).build());
		handler.clearTokens(SERVER).block(TIMEOUT);
		assertThat(handler.ensureAuthenticated(SERVER).block(TIMEOUT).isDPoP()).isFalse();
		return () -> registry.register(dpop);
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(Transport.class)
	void callToolWhenRefreshTokenRevokedThenSignsInAgainAndTheStoreKeepsWorking(Transport transport) {
		try (McpSyncClient mcp = transport.syncClient()) {
			mcp.initialize();
			OAuthToken old = tokenStore.loadToken(TokenKey.of(SERVER)).block(TIMEOUT);
			// revoking the refresh token invalidates its access token too
			revoke(old.refreshToken(), "refresh_token");
			assertRefusedByServer(old.accessToken());
			resetCounts();

			assertEchoes(mcp.callTool(echo("after a new login")), "after a new login");

			assertThat(tokenRequests.refreshes()).as("refused refresh").isEqualTo(1);
			assertThat(tokenRequests.authorizations()).isEqualTo(1);
			assertThat(logins()).isEqualTo(1);
			assertThat(tokenRequests.tokenRequests()).isEqualTo(2);
			OAuthToken fresh = tokenStore.loadToken(TokenKey.of(SERVER)).block(TIMEOUT);
			assertThat(fresh.accessToken()).isNotEqualTo(old.accessToken());
			assertThat(fresh.refreshToken()).isNotEqualTo(old.refreshToken());
		}
		resetCounts();
		for (Transport other : Transport.values()) {
			try (McpSyncClient mcp = other.syncClient()) {
				mcp.initialize();

				assertEchoes(mcp.callTool(echo("from the store")), "from the store");
			}
		}
		assertThat(tokenRequests.tokenRequests()).isZero();
		assertThat(logins()).isZero();
	}

	private static List<String> callConcurrently(McpAsyncClient mcp) {
		return Flux.range(0, CONCURRENT_CALLS)
			.flatMap((i) -> mcp.callTool(echo("call " + i))
				.map(StarterIntegrationTests::echoed)
				.onErrorResume((ex) -> Mono.just("failed: " + ex)), CONCURRENT_CALLS)
			.collectList()
			.block(TIMEOUT);
	}

	private static void assertAllEcho(List<String> echoed) {
		assertThat(echoed).filteredOn((text) -> text.startsWith("failed")).isEmpty();
		assertThat(echoed).containsExactlyInAnyOrderElementsOf(
				IntStream.range(0, CONCURRENT_CALLS).mapToObj((i) -> "call " + i).toList());
	}

	/** Exactly one token request, a refresh, and a new access and refresh token in the store. */
	private void assertRefreshedOnceWithoutLogin(OAuthToken before) {
		assertThat(tokenRequests.tokenRequests()).as("token requests").isEqualTo(1);
		assertThat(tokenRequests.refreshes()).as("refreshes").isEqualTo(1);
		assertThat(tokenRequests.authorizations()).as("new authorizations").isZero();
		assertThat(logins()).as("logins").isZero();
		OAuthToken after = tokenStore.loadToken(TokenKey.of(SERVER)).block(TIMEOUT);
		assertThat(after.accessToken()).isNotEqualTo(before.accessToken());
		assertThat(after.refreshToken()).isNotEqualTo(before.refreshToken());
		assertThat(handler.authorizationHeader(SERVER).block(TIMEOUT)).isEqualTo(after.authorizationHeader());
	}

	/**
	 * Revokes the stored access token at the sample server, which refuses it from then on
	 * although it has not expired.
	 */
	private OAuthToken revokeCurrentAccessToken() {
		OAuthToken current = tokenStore.loadToken(TokenKey.of(SERVER)).block(TIMEOUT);
		revoke(current.accessToken(), "access_token");
		assertRefusedByServer(current.accessToken());
		resetCounts();
		return current;
	}

	/** RFC 7009 §2.1: a client-authenticated POST to the revocation endpoint. */
	private static void revoke(String token, String tokenTypeHint) {
		ResponseEntity<Void> response = WebClient.create(server.baseUrl())
			.post()
			.uri("/revoke")
			.headers((headers) -> headers.setBasicAuth(CLIENT_ID, CLIENT_SECRET))
			.body(BodyInserters.fromFormData("token", token).with("token_type_hint", tokenTypeHint))
			.retrieve()
			.toBodilessEntity()
			.block(TIMEOUT);
		assertThat(response.getStatusCode().value()).isEqualTo(200);
	}

	/** The token, sent by a client without the MCP filter, gets 401 {@code invalid_token}. */
	private static void assertRefusedByServer(String accessToken) {
		ResponseEntity<Void> response = WebClient.create()
			.post()
			.uri(server.mcpUrl())
			.headers((headers) -> headers.setBearerAuth(accessToken))
			.accept(MediaType.APPLICATION_JSON, MediaType.TEXT_EVENT_STREAM)
			.bodyValue(initializeMessage())
			.exchangeToMono((answer) -> answer.toBodilessEntity())
			.block(TIMEOUT);
		assertThat(response.getStatusCode().value()).isEqualTo(401);
		assertThat(response.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).contains("error=\"invalid_token\"");
	}

	private static ResponseEntity<String> post(WebClient webClient, String session, Object message) {
		return webClient.post()
			.uri(server.mcpUrl())
			.headers((headers) -> {
				if (session != null) {
					headers.set(McpResponse.SESSION_ID_HEADER, session);
				}
			})
			.contentType(MediaType.APPLICATION_JSON)
			.accept(MediaType.APPLICATION_JSON, MediaType.TEXT_EVENT_STREAM)
			.bodyValue(message)
			.retrieve()
			.toEntity(String.class)
			.block(TIMEOUT);
	}

	/** The JSON-RPC response of an answer in JSON or Server-Sent Events. */
	private static JsonNode jsonRpcResponse(ResponseEntity<String> answer) {
		MediaType contentType = answer.getHeaders().getContentType();
		if (contentType != null && MediaType.TEXT_EVENT_STREAM.isCompatibleWith(contentType)) {
			return answer.getBody()
				.lines()
				.filter((line) -> line.startsWith("data:"))
				.map((line) -> JSON.readTree(line.substring("data:".length()).strip()))
				.filter((message) -> message.has("id"))
				.reduce((first, second) -> second)
				.orElseThrow();
		}
		return JSON.readTree(answer.getBody());
	}

	private static Map<String, Object> initializeMessage() {
		return Map.of("jsonrpc", "2.0", "id", 1, "method", "initialize", "params",
				Map.of("protocolVersion", "2025-06-18", "capabilities", Map.of(), "clientInfo",
						Map.of("name", "starter-it", "version", "1.0")));
	}

	private static Map<String, Object> echoMessage(int id, String message) {
		return Map.of("jsonrpc", "2.0", "id", id, "method", "tools/call", "params",
				Map.of("name", "echo", "arguments", Map.of("message", message)));
	}

	private static CallToolRequest echo(String message) {
		return new CallToolRequest("echo", Map.of("message", message));
	}

	private static void assertEchoes(CallToolResult result, String message) {
		assertThat(result.isError()).isNotEqualTo(Boolean.TRUE);
		assertThat(structured(result)).containsEntry("echo", message).containsEntry("length", message.length());
	}

	private static String echoed(CallToolResult result) {
		return String.valueOf(structured(result).get("echo"));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> structured(CallToolResult result) {
		assertThat(result.structuredContent()).isInstanceOf(Map.class);
		return (Map<String, Object>) result.structuredContent();
	}

	private static McpAsyncClient asyncWebClientMcp() {
		return McpClient.async(Transport.WEBCLIENT.transport()).requestTimeout(TIMEOUT).build();
	}

	private void resetCounts() {
		tokenRequests.reset();
		this.loginsBefore = user.logins();
	}

	private int logins() {
		return user.logins() - this.loginsBefore;
	}

	/** The two authorized transports the starter builds. */
	enum Transport {

		/** {@code WebClientStreamableHttpTransport} with the exchange filter. */
		WEBCLIENT((name) -> application.getBean(McpWebClientTransports.class).transport(name)),

		/** The SDK's {@code HttpClientStreamableHttpTransport} with its authorization hooks. */
		HTTPCLIENT((name) -> application.getBean(McpHttpClientTransports.class).transport(name));

		private final Function<String, McpClientTransport> factory;

		Transport(Function<String, McpClientTransport> factory) {
			this.factory = factory;
		}

		McpClientTransport transport() {
			return this.factory.apply(SERVER);
		}

		McpSyncClient syncClient() {
			return McpClient.sync(transport()).requestTimeout(Duration.ofSeconds(30)).build();
		}

	}

}
