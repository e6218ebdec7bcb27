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

package io.github.mcpoauth.transport;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.mcpoauth.authorization.DirectUserAgent;
import io.github.mcpoauth.client.McpOAuthClient;
import io.github.mcpoauth.core.McpOAuthErrorCode;
import io.github.mcpoauth.core.McpOAuthException;
import io.github.mcpoauth.core.McpServerDefinition;
import io.github.mcpoauth.core.McpServerRegistry;
import io.github.mcpoauth.protocol.McpProtocolClient;
import io.github.mcpoauth.protocol.McpResponse;
import io.github.mcpoauth.store.InMemoryTokenStore;
import io.github.mcpoauth.store.TokenKey;
import io.github.mcpoauth.testsupport.FakeAuthorizationServer;
import io.github.mcpoauth.testsupport.FakeAuthorizationServer.Response;
import io.github.mcpoauth.testsupport.FakeMcpServer;
import io.github.mcpoauth.testsupport.MutableClock;
import io.github.mcpoauth.testsupport.RecordedRequest;
import io.github.mcpoauth.token.OAuthToken;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

import static io.github.mcpoauth.testsupport.McpOAuthAssertions.TIMEOUT;
import static io.github.mcpoauth.testsupport.McpOAuthAssertions.expectError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link McpOAuthHandler} against {@link FakeAuthorizationServer}.
 */
class McpOAuthHandlerTests {

	private static final Map<String, Object> PING = Map.of("jsonrpc", "2.0", "id", 1, "method", "ping");

	private final MutableClock clock = MutableClock.now();

	private final InMemoryTokenStore store = new InMemoryTokenStore(this.clock);

	private FakeAuthorizationServer fake;

	private McpServerRegistry servers;

	private McpOAuthHandler handler;

	@BeforeEach
	void setUp() {
		this.fake = FakeAuthorizationServer.startWithMetadata();
		this.servers = new McpServerRegistry(List.of(McpServerDefinition.builder("fake", this.fake.mcpUrl()).build()));
		McpOAuthClient client = McpOAuthClient.builder()
			.webClient(WebClient.create())
			.tokenStore(this.store)
			.userAgent(new DirectUserAgent(WebClient.create()))
			.clock(this.clock)
			.build();
		this.handler = new McpOAuthHandler(client, this.servers, WebClient.builder());
	}

	@AfterEach
	void tearDown() {
		this.fake.close();
	}

	// ------------------------------------------------------------------ tokens and headers

	@Test
	void prepareHeadersThenAuthorizesAndGivesTheHeadersOfAnMcpRequest() {
		HttpHeaders headers = this.handler.prepareHeaders("fake").block(TIMEOUT);

		OAuthToken token = this.store.loadToken(TokenKey.of("fake")).block(TIMEOUT);
		assertThat(token).isNotNull();
		assertThat(headers.getFirst(HttpHeaders.AUTHORIZATION)).isEqualTo("Bearer " + token.accessToken());
		assertThat(headers.getFirst(HttpHeaders.ACCEPT)).isEqualTo("application/json, text/event-stream");
		assertThat(headers.getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
	}

	@Test
	void prepareHeadersWhenCalledAgainThenReusesTheTokenWithoutARequest() {
		this.handler.prepareHeaders("fake").block(TIMEOUT);
		this.fake.clearRecordings();

		this.handler.prepareHeaders("fake").block(TIMEOUT);

		assertThat(this.fake.requests()).isEmpty();
	}

	@Test
	void authorizationHeaderWhenNoTokenIsHeldThenEmptyWithoutAuthorizing() {
		StepVerifier.create(this.handler.authorizationHeader("fake")).expectComplete().verify(TIMEOUT);

		assertThat(this.fake.requests()).isEmpty();
	}

	@Test
	void authorizationHeaderWhenATokenIsHeldThenItsBearerHeader() {
		OAuthToken token = this.handler.ensureAuthenticated("fake").block(TIMEOUT);

		assertThat(this.handler.authorizationHeader("fake").block(TIMEOUT)).isEqualTo("Bearer " + token.accessToken());
	}

	@Test
	void ensureAuthenticatedWhenTheServerIsUnknownThenInvalidConfiguration() {
		expectError(this.handler.ensureAuthenticated("github"), McpOAuthErrorCode.INVALID_CONFIGURATION);
		expectError(this.handler.authorizationHeader("github"), McpOAuthErrorCode.INVALID_CONFIGURATION);
	}

	@Test
	void ensureAuthenticatedWithAUrlThenRegistersTheServerAndAuthorizesIt() {
		OAuthToken token = this.handler.ensureAuthenticated("adhoc", this.fake.mcpUrl(), Set.of("mcp:read")).block(TIMEOUT);

		assertThat(this.servers.get("adhoc").url()).isEqualTo(this.fake.mcpUrl());
		assertThat(this.servers.get("adhoc").scopes()).containsExactly("mcp:read");
		assertThat(this.store.loadToken(TokenKey.of("adhoc")).block(TIMEOUT)).isEqualTo(token);
	}

	@Test
	void clearThenRemovesTheTokenAndTheRegistrationSoTheNextCallRegistersAgain() {
		this.handler.ensureAuthenticated("fake").block(TIMEOUT);
		assertThat(this.store.loadRegistration("fake", this.fake.issuer()).block(TIMEOUT)).isNotNull();

		assertThat(this.handler.clear("fake").block(TIMEOUT)).isTrue();

		assertThat(this.store.loadToken(TokenKey.of("fake")).block(TIMEOUT)).isNull();
		assertThat(this.store.loadRegistration("fake", this.fake.issuer()).block(TIMEOUT)).isNull();
		StepVerifier.create(this.handler.authorizationHeader("fake")).expectComplete().verify(TIMEOUT);
		this.handler.ensureAuthenticated("fake").block(TIMEOUT);
		assertThat(this.fake.count("/register")).isEqualTo(2);
	}

	@Test
	void clearWhenNothingIsStoredThenFalse() {
		assertThat(this.handler.clear("fake").block(TIMEOUT)).isFalse();
	}

	@Test
	void clearTokensThenKeepsTheRegistration() {
		this.handler.ensureAuthenticated("fake").block(TIMEOUT);

		this.handler.clearTokens("fake").block(TIMEOUT);

		assertThat(this.store.loadToken(TokenKey.of("fake")).block(TIMEOUT)).isNull();
		assertThat(this.store.loadRegistration("fake", this.fake.issuer()).block(TIMEOUT)).isNotNull();
		this.handler.ensureAuthenticated("fake").block(TIMEOUT);
		assertThat(this.fake.count("/register")).isOne();
	}

	// ------------------------------------------------------------------ requests

	@Test
	void postWhenTheServerAnswersJsonThenOneParsedMessage() {
		this.fake.mcpResponse(new Response(200,
				Map.of("Content-Type", "application/json", "Mcp-Session-Id", "session-1"),
				"{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"tools\":[]}}"));

		McpResponse response = this.handler.post("fake", PING, null).block(TIMEOUT);

		assertThat(response.status()).isEqualTo(HttpStatus.OK);
		assertThat(response.messages()).singleElement()
			.satisfies((message) -> assertThat(message.get("result").get("tools").isArray()).isTrue());
		assertThat(response.jsonRpcResponse()).isPresent();
		assertThat(response.sessionId()).contains("session-1");
	}

	@Test
	void postThenSendsTheMessageAsJsonWithTheTokenAndTheMcpHeaders() {
		this.handler.ensureAuthenticated("fake").block(TIMEOUT);
		this.fake.clearRecordings();

		this.handler.post("fake", PING, "session-7").block(TIMEOUT);

		assertThat(this.fake.requestLines()).containsExactly("POST /mcp");
		RecordedRequest request = this.fake.lastRequest("/mcp");
		assertThat(request.bearerToken()).isEqualTo(this.store.loadToken(TokenKey.of("fake")).block(TIMEOUT).accessToken());
		assertThat(request.header("Accept")).isEqualTo("application/json, text/event-stream");
		assertThat(request.header("Content-Type")).startsWith("application/json");
		assertThat(request.header("Mcp-Session-Id")).isEqualTo("session-7");
		assertThat(request.body()).contains("\"method\":\"ping\"").contains("\"jsonrpc\":\"2.0\"");
	}

	@Test
	void postWhenNotYetAuthorizedThenTheChallengeIsAnsweredAndTheMessageSentAgain() {
		McpResponse response = this.handler.post("fake", PING, null).block(TIMEOUT);

		assertThat(response.status()).isEqualTo(HttpStatus.OK);
		assertThat(this.fake.requests("/mcp")).hasSize(2);
		assertThat(this.fake.requests("/mcp").get(1).body()).isEqualTo(this.fake.requests("/mcp").get(0).body());
	}

	@Test
	void postWhenTheServerAnswersServerSentEventsThenOneMessagePerEventWithData() {
		this.fake.mcpResponse(new Response(200, Map.of("Content-Type", "text/event-stream"),
				"id: prime\ndata:\n\n"
						+ "event: message\n"
						+ "data: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{}}\n\n"
						+ ": keep-alive\n\n"
						+ "event: message\r\ndata: {\"jsonrpc\":\"2.0\",\"id\":1,\r\ndata: \"result\":{}}\r\n\r\n"));

		McpResponse response = this.handler.post("fake", PING, null).block(TIMEOUT);

		assertThat(response.messages()).hasSize(2);
		assertThat(response.messages().get(0).get("method").asString()).isEqualTo("notifications/progress");
		JsonNode result = response.jsonRpcResponse().orElseThrow();
		assertThat(result.get("id").asInt()).isEqualTo(1);
	}

	@Test
	void postWhenTheServerAcceptsWithAnEmptyBodyThenNoMessages() {
		this.fake.mcpResponse(new Response(202, Map.of(), ""));

		McpResponse response = this.handler.post("fake", Map.of("jsonrpc", "2.0", "method", "notifications/initialized"),
				null)
			.block(TIMEOUT);

		assertThat(response.status()).isEqualTo(HttpStatus.ACCEPTED);
		assertThat(response.messages()).isEmpty();
		assertThat(response.jsonRpcResponse()).isEmpty();
	}

	@Test
	void postWhenTheBodyIsNotJsonThenInvalidResponse() {
		this.fake.mcpResponse(new Response(200, Map.of("Content-Type", "text/html"), "<html>Welcome</html>"));

		McpOAuthException ex = expectError(this.handler.post("fake", PING, null), McpOAuthErrorCode.INVALID_RESPONSE);

		assertThat(ex.getMessage()).contains("text/html");
	}

	@Test
	void postWhenAnEventsDataIsNotJsonThenInvalidResponse() {
		this.fake.mcpResponse(new Response(200, Map.of("Content-Type", "text/event-stream"), "data: not json\n\n"));

		expectError(this.handler.post("fake", PING, null), McpOAuthErrorCode.INVALID_RESPONSE);
	}

	@Test
	void postWhenTheMessageIsOfTheStatelessRevisionThenMirrorsItIntoTheRequestHeaders() {
		Map<String, Object> call = Map.of("jsonrpc", "2.0", "id", 2, "method", "tools/call", "params",
				Map.of("name", "echo", "arguments", Map.of("message", "hi"), "_meta",
						Map.of("io.modelcontextprotocol/protocolVersion", "2026-07-28",
								"io.modelcontextprotocol/clientCapabilities", Map.of())));

		this.handler.post("fake", call, null).block(TIMEOUT);

		RecordedRequest request = this.fake.lastRequest("/mcp");
		assertThat(request.header("MCP-Protocol-Version")).isEqualTo("2026-07-28");
		assertThat(request.header("Mcp-Method")).isEqualTo("tools/call");
		assertThat(request.header("Mcp-Name")).isEqualTo("echo");
	}

	@Test
	void postWhenTheMessageNamesNoProtocolVersionThenNoMirroredHeaders() {
		this.handler.post("fake", PING, null).block(TIMEOUT);

		RecordedRequest request = this.fake.lastRequest("/mcp");
		assertThat(request.header("MCP-Protocol-Version")).isNull();
		assertThat(request.header("Mcp-Method")).isNull();
	}

	// ------------------------------------------------------------------ the protocol client

	@Test
	void clientWhenTheServerChallengesThenAuthorizesAndSpeaksTheStatelessRevision() {
		FakeMcpServer mcp = new FakeMcpServer(FakeMcpServer.Era.STATELESS);
		this.fake.mcpHandler(mcp);
		McpProtocolClient client = this.handler.client("fake");

		McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("test-tool", Map.of()))
			.block(TIMEOUT);

		assertThat(result.content()).hasSize(1);
		assertThat(this.fake.count("/token")).isOne();
		String token = this.store.loadToken(TokenKey.of("fake")).block(TIMEOUT).accessToken();
		assertThat(mcp.methods()).containsExactly("server/discover", "tools/call");
		assertThat(mcp.requests()).allSatisfy((request) -> {
			assertThat(request.bearerToken()).isEqualTo(token);
			assertThat(request.header("MCP-Protocol-Version")).isEqualTo("2026-07-28");
		});
	}

	@Test
	void clientWhenTheServerIsLegacyThenInitializesThroughTheSameAuthorization() {
		FakeMcpServer mcp = new FakeMcpServer(FakeMcpServer.Era.LEGACY);
		this.fake.mcpHandler(mcp);
		McpProtocolClient client = this.handler.clientBuilder("fake").protocolVersion("2025-11-25").build();

		assertThat(client.listTools().block(TIMEOUT).tools()).hasSize(1);
		client.close().block(TIMEOUT);

		assertThat(mcp.methods()).containsExactly("initialize", "notifications/initialized", "tools/list", "DELETE");
		assertThat(this.fake.count("/token")).isOne();
	}

	@Test
	void clientWhenTheServerIsUnknownThenInvalidConfiguration() {
		assertThatExceptionOfType(McpOAuthException.class).isThrownBy(() -> this.handler.client("github"))
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(McpOAuthErrorCode.INVALID_CONFIGURATION));
	}

	@Test
	void postWhenTheServerIsUnknownThenInvalidConfigurationWithoutARequest() {
		expectError(this.handler.post("github", PING, null), McpOAuthErrorCode.INVALID_CONFIGURATION);

		assertThat(this.fake.requests()).isEmpty();
	}

}
