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

import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.mcpoauth.authorization.DirectUserAgent;
import io.github.mcpoauth.client.McpOAuthClient;
import io.github.mcpoauth.core.McpServerDefinition;
import io.github.mcpoauth.store.InMemoryTokenStore;
import io.github.mcpoauth.store.TokenKey;
import io.github.mcpoauth.testsupport.FakeAuthorizationServer;
import io.github.mcpoauth.token.OAuthToken;
import io.modelcontextprotocol.client.transport.HttpRequestSnapshot;
import io.modelcontextprotocol.common.McpTransportContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.client.WebClient;

import static io.github.mcpoauth.testsupport.McpOAuthAssertions.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link McpHttpClientAuthorization}: the hooks of the MCP SDK's HTTP transport,
 * against {@link FakeAuthorizationServer}.
 */
class McpHttpClientAuthorizationTests {

	private final InMemoryTokenStore store = new InMemoryTokenStore();

	private FakeAuthorizationServer fake;

	private McpServerDefinition server;

	private McpHttpClientAuthorization authorization;

	@BeforeEach
	void setUp() {
		this.fake = FakeAuthorizationServer.startWithMetadata();
		this.server = McpServerDefinition.builder("fake", this.fake.mcpUrl()).build();
		WebClient webClient = WebClient.create();
		McpOAuthClient client = McpOAuthClient.builder()
			.webClient(webClient)
			.tokenStore(this.store)
			.userAgent(new DirectUserAgent(webClient))
			.build();
		this.authorization = McpHttpClientAuthorization.of(client, this.server);
	}

	@AfterEach
	void tearDown() {
		this.fake.close();
	}

	@Test
	void customizeWhenATokenIsStoredThenSetsTheBearerHeader() {
		this.store.saveToken(TokenKey.of("fake"), token("stored-access")).block(TIMEOUT);

		HttpRequest request = customize();

		assertThat(request.headers().firstValue("Authorization")).hasValue("Bearer stored-access");
		assertThat(request.uri().getRawQuery()).isNull();
	}

	@Test
	void customizeWhenNoTokenThenSendsTheRequestWithoutAuthorizationAndWithoutAuthorizing() {
		HttpRequest request = customize();

		assertThat(request.headers().firstValue("Authorization")).isEmpty();
		assertThat(this.fake.requests()).isEmpty();
	}

	@Test
	void handleWhen401ThenAuthorizesAndAsksForARetryThatCarriesTheNewToken() {
		String challenge = "Bearer resource_metadata=\"" + this.fake.origin() + FakeAuthorizationServer.PRM_PATH + "\"";

		Boolean retry = Mono.from(this.authorization.handle(snapshot(null), response(401, challenge),
				McpTransportContext.EMPTY)).block(TIMEOUT);

		assertThat(retry).isTrue();
		assertThat(this.fake.count("/authorize")).isOne();
		OAuthToken token = this.store.loadToken(TokenKey.of("fake")).block(TIMEOUT);
		assertThat(customize().headers().firstValue("Authorization")).hasValue("Bearer " + token.accessToken());
	}

	@Test
	void handleWhen401ForATokenThatWasAlreadyReplacedThenRetriesWithoutATokenRequest() {
		this.store.saveToken(TokenKey.of("fake"), token("newer-access")).block(TIMEOUT);

		Boolean retry = Mono.from(this.authorization.handle(snapshot("older-access"), response(401, "Bearer"),
				McpTransportContext.EMPTY)).block(TIMEOUT);

		assertThat(retry).isTrue();
		assertThat(this.fake.requests()).isEmpty();
	}

	@Test
	void handleWhen403InsufficientScopeThenStepsUpAndAsksForARetry() {
		this.store.saveToken(TokenKey.of("fake"), token("narrow-access")).block(TIMEOUT);

		Boolean retry = Mono.from(this.authorization.handle(snapshot("narrow-access"),
				response(403, "Bearer error=\"insufficient_scope\", scope=\"mcp:write\""), McpTransportContext.EMPTY))
			.block(TIMEOUT);

		assertThat(retry).isTrue();
		assertThat(this.fake.lastRequest("/authorize").query("scope")).contains("mcp:write");
	}

	@Test
	void handleWhen403ForAnotherReasonThenDoesNotRetry() {
		Boolean retry = Mono.from(this.authorization.handle(snapshot("x"), response(403, "Bearer error=\"invalid_token\""),
				McpTransportContext.EMPTY)).block(TIMEOUT);

		assertThat(retry).isFalse();
		assertThat(this.fake.requests()).isEmpty();
	}

	@Test
	void handleWhenOtherStatusThenDoesNotRetry() {
		Boolean retry = Mono.from(this.authorization.handle(snapshot("x"), response(500, null),
				McpTransportContext.EMPTY)).block(TIMEOUT);

		assertThat(retry).isFalse();
	}

	@Test
	void maxRetriesThenAllowsANonceARefreshAndThreeStepUps() {
		assertThat(this.authorization.maxRetries()).isEqualTo(2 + McpOAuthClient.MAX_STEP_UP_ATTEMPTS);
	}

	private HttpRequest customize() {
		HttpRequest.Builder builder = HttpRequest.newBuilder(this.fake.mcpUrl());
		return Mono.from(this.authorization.customize(builder, "POST", this.fake.mcpUrl(), "{}",
				McpTransportContext.EMPTY)).block(TIMEOUT).build();
	}

	private HttpRequestSnapshot snapshot(String bearer) {
		Map<String, List<String>> headers = (bearer != null) ? Map.of("Authorization", List.of("Bearer " + bearer))
				: Map.of();
		return new HttpRequestSnapshot(this.fake.mcpUrl(), "POST", HttpHeaders.of(headers, (name, value) -> true));
	}

	private static HttpResponse.ResponseInfo response(int status, String challenge) {
		Map<String, List<String>> headers = (challenge != null) ? Map.of("WWW-Authenticate", List.of(challenge))
				: Map.of();
		return new HttpResponse.ResponseInfo() {

			@Override
			public int statusCode() {
				return status;
			}

			@Override
			public HttpHeaders headers() {
				return HttpHeaders.of(headers, (name, value) -> true);
			}

			@Override
			public HttpClient.Version version() {
				return HttpClient.Version.HTTP_1_1;
			}

		};
	}

	private OAuthToken token(String accessToken) {
		return OAuthToken.builder()
			.accessToken(accessToken)
			.refreshToken("refresh-unknown")
			.issuedAt(Instant.now())
			.expiresAt(Instant.now().plusSeconds(3600))
			.issuer(this.fake.issuer())
			.resource(this.fake.mcpUrl().toString())
			.scopes(Set.of("mcp:read"))
			.build();
	}

}
