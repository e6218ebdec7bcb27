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

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.mcpoauth.client.McpOAuthClient;
import io.github.mcpoauth.core.McpOAuthErrorCode;
import io.github.mcpoauth.core.McpOAuthException;
import io.github.mcpoauth.core.McpServerDefinition;
import io.github.mcpoauth.core.McpServerRegistry;
import io.github.mcpoauth.discovery.BearerChallenge.Scopes;
import io.github.mcpoauth.store.InMemoryTokenStore;
import io.github.mcpoauth.store.TokenKey;
import io.github.mcpoauth.testsupport.Engines;
import io.github.mcpoauth.testsupport.FakeAuthorizationServer;
import io.github.mcpoauth.testsupport.FakeAuthorizationServer.Response;
import io.github.mcpoauth.testsupport.MutableClock;
import io.github.mcpoauth.testsupport.RecordedRequest;
import io.github.mcpoauth.token.OAuthToken;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

import static io.github.mcpoauth.testsupport.McpOAuthAssertions.TIMEOUT;
import static io.github.mcpoauth.testsupport.McpOAuthAssertions.expectError;
import static io.github.mcpoauth.transport.McpOAuthExchangeFilterFunction.mcpServer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link McpOAuthExchangeFilterFunction} in a real {@code WebClient} against
 * {@link FakeAuthorizationServer}, which plays the MCP server and its authorization server.
 */
class McpOAuthExchangeFilterFunctionTests {

	private static final String BODY = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}";

	@RegisterExtension
	final FakeAuthorizationServer fake = FakeAuthorizationServer.startWithMetadata();

	private final McpServerDefinition server = this.fake.mcpServer();

	private final McpServerRegistry servers = new McpServerRegistry(List.of(this.server));

	private final MutableClock clock = MutableClock.now();

	private final InMemoryTokenStore store = new InMemoryTokenStore(this.clock);

	private McpOAuthClient client;

	private WebClient webClient;

	@BeforeEach
	void setUp() {
		this.fake.route("/other", (request) -> Response.json(200, Map.of("other", true)));
		this.client = client();
		this.webClient = WebClient.builder()
			.filter(new McpOAuthExchangeFilterFunction(this.client, this.servers))
			.build();
	}

	// ------------------------------------------------------------------ which requests

	@Test
	void filterWhenRequestUrlBelongsToAServerThenSendsItsBearerToken() {
		OAuthToken token = authenticate();

		assertThat(post(this.fake.mcpUrl())).isEqualTo(200);

		assertThat(this.fake.requestLines()).containsExactly("POST /mcp");
		RecordedRequest call = this.fake.lastRequest("/mcp");
		assertThat(call.header(HttpHeaders.AUTHORIZATION)).isEqualTo("Bearer " + token.accessToken());
		assertThat(call.body()).isEqualTo(BODY);
	}

	@Test
	void filterWhenRequestUrlBelongsToNoServerThenPassesItThroughUntouched() {
		authenticate();

		assertThat(post(this.fake.uri("/other"))).isEqualTo(200);

		assertThat(this.fake.requestLines()).containsExactly("POST /other");
		assertThat(this.fake.lastRequest("/other").header(HttpHeaders.AUTHORIZATION)).isNull();
	}

	@Test
	void filterWhenNoTokenIsHeldForAnotherUrlThenNeitherDiscoversNorAuthorizes() {
		assertThat(post(this.fake.uri("/other"))).isEqualTo(200);

		assertThat(this.fake.requestLines()).containsExactly("POST /other");
	}

	@Test
	void filterWhenRequestCarriesItsOwnAuthorizationThenPassesItThroughAndReturnsTheAnswer() {
		authenticate();

		int status = this.webClient.post()
			.uri(this.fake.mcpUrl())
			.header(HttpHeaders.AUTHORIZATION, "Bearer the-applications-own")
			.bodyValue(BODY)
			.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode().value()))
			.block(TIMEOUT);

		assertThat(status).isEqualTo(401);
		assertThat(this.fake.requestLines()).containsExactly("POST /mcp");
		assertThat(this.fake.lastRequest("/mcp").bearerToken()).isEqualTo("the-applications-own");
	}

	@Test
	void filterWhenAttributeNamesAServerThenAuthorizesAnyUrlForIt() {
		OAuthToken token = authenticate();

		int status = this.webClient.get()
			.uri(this.fake.uri("/other"))
			.attributes(mcpServer("fake"))
			.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode().value()))
			.block(TIMEOUT);

		assertThat(status).isEqualTo(200);
		assertThat(this.fake.lastRequest("/other").bearerToken()).isEqualTo(token.accessToken());
	}

	@Test
	void filterWhenAttributeNamesAnUnknownServerThenInvalidConfigurationWithoutARequest() {
		Mono<Integer> status = this.webClient.get()
			.uri(this.fake.mcpUrl())
			.attributes(mcpServer("github"))
			.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode().value()));

		McpOAuthException ex = expectError(status, McpOAuthErrorCode.INVALID_CONFIGURATION);

		assertThat(ex.getMessage()).contains("'github'");
		assertThat(this.fake.requests()).isEmpty();
	}

	// ------------------------------------------------------------------ 401

	@Test
	void filterWhenNoTokenYetThenTheChallengeStartsAnAuthorizationAndTheRequestIsSentAgain() {
		assertThat(post(this.fake.mcpUrl())).isEqualTo(200);

		assertThat(this.fake.requestLines()).startsWith("POST /mcp").endsWith("POST /token", "POST /mcp");
		List<RecordedRequest> calls = this.fake.requests("/mcp");
		assertThat(calls.get(0).header(HttpHeaders.AUTHORIZATION)).isNull();
		assertThat(calls.get(1).bearerToken())
			.isEqualTo(this.store.loadToken(TokenKey.of("fake")).block(TIMEOUT).accessToken());
		assertThat(calls).extracting(RecordedRequest::body).containsExactly(BODY, BODY);
	}

	@Test
	void filterWhenTheTokenIsRejectedThenRefreshesAndSendsTheRequestOnceMoreWithItsBody() {
		OAuthToken first = authenticate();
		this.fake.revokeAccessTokens();

		assertThat(post(this.fake.mcpUrl())).isEqualTo(200);

		assertThat(this.fake.requestLines()).containsExactly("POST /mcp", "POST /token", "POST /mcp");
		assertThat(this.fake.lastRequest("/token").form("grant_type")).isEqualTo("refresh_token");
		List<RecordedRequest> calls = this.fake.requests("/mcp");
		assertThat(calls).extracting(RecordedRequest::body).containsExactly(BODY, BODY);
		assertThat(calls.get(0).bearerToken()).isEqualTo(first.accessToken());
		assertThat(calls.get(1).bearerToken()).isNotEqualTo(first.accessToken())
			.isEqualTo(this.store.loadToken(TokenKey.of("fake")).block(TIMEOUT).accessToken());
	}

	@Test
	void filterWhenTheRetryIsRejectedAgainThenReturnsTheSecond401WithoutLooping() {
		authenticate();
		this.fake.route("/mcp", (request) -> new Response(401,
				Map.of("WWW-Authenticate", "Bearer error=\"invalid_token\""), ""));

		assertThat(post(this.fake.mcpUrl())).isEqualTo(401);

		assertThat(this.fake.requestLines()).containsExactly("POST /mcp", "POST /token", "POST /mcp");
	}

	// ------------------------------------------------------------------ 403

	@Test
	void filterWhenForbiddenForInsufficientScopeThenStepsUpAndSendsTheRequestAgain() {
		OAuthToken first = authenticate();
		this.fake.mcpRequiredScopes("mcp:read", "mcp:write");

		assertThat(post(this.fake.mcpUrl())).isEqualTo(200);

		assertThat(this.fake.requestLines()).startsWith("POST /mcp").endsWith("POST /token", "POST /mcp");
		assertThat(this.fake.count("/authorize")).isOne();
		assertThat(Scopes.parse(this.fake.lastRequest("/authorize").query("scope"))).contains("mcp:read",
				"mcp:write");
		List<RecordedRequest> calls = this.fake.requests("/mcp");
		assertThat(calls).extracting(RecordedRequest::body).containsExactly(BODY, BODY);
		assertThat(calls.get(0).bearerToken()).isEqualTo(first.accessToken());
		assertThat(this.store.loadToken(TokenKey.of("fake")).block(TIMEOUT).scopes()).contains("mcp:write");
	}

	@Test
	void filterWhenForbiddenForAnotherReasonThenReturnsThe403AsIs() {
		authenticate();
		this.fake.route("/mcp", (request) -> new Response(403,
				Map.of("WWW-Authenticate", "Bearer error=\"invalid_token\""), ""));

		assertThat(post(this.fake.mcpUrl())).isEqualTo(403);

		assertThat(this.fake.requestLines()).containsExactly("POST /mcp");
	}

	@Test
	void filterWhenForbiddenWithoutAChallengeThenReturnsThe403AsIs() {
		authenticate();
		this.fake.route("/mcp", (request) -> new Response(403, Map.of(), ""));

		assertThat(post(this.fake.mcpUrl())).isEqualTo(403);

		assertThat(this.fake.requestLines()).containsExactly("POST /mcp");
	}

	// ------------------------------------------------------------------ expiry and refresh

	@Test
	void filterWhenTheTokenHasExpiredThenRefreshesItBeforeSending() {
		OAuthToken first = authenticate();
		this.clock.advance(Duration.ofHours(2));

		assertThat(post(this.fake.mcpUrl())).isEqualTo(200);

		assertThat(this.fake.requestLines()).containsExactly("POST /token", "POST /mcp");
		assertThat(this.fake.lastRequest("/mcp").bearerToken()).isNotEqualTo(first.accessToken());
	}

	@Test
	void filterWhenManyConcurrentRequestsFindTheTokenExpiredThenOneTokenRequestServesThemAll() {
		authenticate();
		this.clock.advance(Duration.ofHours(2));

		List<Integer> statuses = Flux.range(0, 200)
			.flatMap((i) -> Mono.defer(() -> post(this.fake.mcpUrl(), BODY)), 200)
			.collectList()
			.block(TIMEOUT);

		assertThat(statuses).hasSize(200).containsOnly(200);
		assertThat(this.fake.count("/token")).isOne();
		String refreshed = this.store.loadToken(TokenKey.of("fake")).block(TIMEOUT).accessToken();
		assertThat(this.fake.requests("/mcp")).hasSize(200)
			.extracting(RecordedRequest::bearerToken)
			.containsOnly(refreshed);
	}

	@Test
	void filterWhenTheRefreshFailsOnTheServerThenTheRequestFailsAndTheNextOneRefreshesAgain() {
		OAuthToken first = authenticate();
		this.clock.advance(Duration.ofHours(2));
		this.fake.enqueueTokenError(500, "server_error");

		expectError(post(this.fake.mcpUrl(), BODY), McpOAuthErrorCode.TOKEN_REQUEST_FAILED);
		assertThat(this.store.loadToken(TokenKey.of("fake")).block(TIMEOUT)).isEqualTo(first);

		assertThat(post(this.fake.mcpUrl())).isEqualTo(200);
		assertThat(this.fake.tokenRequests("refresh_token")).hasSize(2)
			.extracting((request) -> request.form("refresh_token"))
			.containsOnly(first.refreshToken());
	}

	@Test
	void filterWhenTheRefreshTokenIsRefusedThenAuthorizesAgainAndTheNextRequestUsesTheNewToken() {
		OAuthToken first = authenticate();
		this.clock.advance(Duration.ofHours(2));
		this.fake.enqueueTokenError(400, "invalid_grant");

		assertThat(post(this.fake.mcpUrl())).isEqualTo(200);

		assertThat(this.fake.count("/authorize")).isOne();
		OAuthToken second = this.store.loadToken(TokenKey.of("fake")).block(TIMEOUT);
		assertThat(second.accessToken()).isNotEqualTo(first.accessToken());
		this.fake.clearRecordings();

		assertThat(post(this.fake.mcpUrl())).isEqualTo(200);
		assertThat(this.fake.requestLines()).containsExactly("POST /mcp");
		assertThat(this.fake.lastRequest("/mcp").bearerToken()).isEqualTo(second.accessToken());
	}

	@Test
	void filterWhenTheTokenEndpointIsUnreachableThenConnectionFailedAndTheStoredTokenIsKept() {
		OAuthToken first = authenticate();
		this.fake.unreachableTokenEndpoint();
		this.client = client();
		this.webClient = WebClient.builder()
			.filter(new McpOAuthExchangeFilterFunction(this.client, this.servers))
			.build();
		this.clock.advance(Duration.ofHours(2));
		this.fake.clearRecordings();

		McpOAuthException ex = expectError(post(this.fake.mcpUrl(), BODY), McpOAuthErrorCode.CONNECTION_FAILED);

		assertThat(ex.getMessage()).contains("/token");
		assertThat(this.store.loadToken(TokenKey.of("fake")).block(TIMEOUT)).isEqualTo(first);
		assertThat(this.fake.requests("/mcp")).isEmpty();
	}

	// ------------------------------------------------------------------ helpers

	private McpOAuthClient client() {
		return Engines.direct(this.store, this.clock).build();
	}

	private OAuthToken authenticate() {
		OAuthToken token = this.client.ensureAuthenticated(this.server).block(TIMEOUT);
		assertThat(token).isNotNull();
		this.fake.clearRecordings();
		return token;
	}

	private int post(URI uri) {
		return post(uri, BODY).block(TIMEOUT);
	}

	private Mono<Integer> post(URI uri, String body) {
		return this.webClient.post()
			.uri(uri)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode().value()));
	}

}
