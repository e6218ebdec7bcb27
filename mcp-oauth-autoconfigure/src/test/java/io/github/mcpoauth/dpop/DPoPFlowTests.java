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

package io.github.mcpoauth.dpop;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.github.mcpoauth.authorization.DirectUserAgent;
import io.github.mcpoauth.client.McpOAuthClient;
import io.github.mcpoauth.core.McpOAuthErrorCode;
import io.github.mcpoauth.core.McpServerDefinition;
import io.github.mcpoauth.core.McpServerDefinition.DPoPMode;
import io.github.mcpoauth.core.McpServerRegistry;
import io.github.mcpoauth.transport.McpOAuthHandler;
import io.github.mcpoauth.transport.McpHttpClientAuthorization;
import io.github.mcpoauth.store.EncryptedFileTokenStore;
import io.github.mcpoauth.store.TokenKey;
import io.github.mcpoauth.store.TokenStore;
import io.github.mcpoauth.store.InMemoryTokenStore;
import io.github.mcpoauth.testsupport.FakeAuthorizationServer;
import io.github.mcpoauth.testsupport.MutableClock;
import io.github.mcpoauth.testsupport.RecordedRequest;
import io.github.mcpoauth.token.OAuthToken;
import io.github.mcpoauth.transport.McpOAuthExchangeFilterFunction;
import io.modelcontextprotocol.client.transport.HttpRequestSnapshot;
import io.modelcontextprotocol.common.McpTransportContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

import static io.github.mcpoauth.testsupport.McpOAuthAssertions.TIMEOUT;
import static io.github.mcpoauth.testsupport.McpOAuthAssertions.expectError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * DPoP (RFC 9449) from end to end against {@link FakeAuthorizationServer} playing a DPoP
 * authorization server and MCP server, which verifies every proof with Nimbus's verifiers:
 * bound tokens from every grant, proofs on resource requests through the WebClient filter,
 * the handler and the SDK transport hooks, nonces from both servers, the {@code dpop}
 * settings, and the key kept across a restart.
 */
class DPoPFlowTests {

	private static final String BODY = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}";

	@RegisterExtension
	final FakeAuthorizationServer fake = FakeAuthorizationServer.startWithMetadata().dpop(true);

	private final McpServerDefinition server = this.fake.mcpServer();

	private final MutableClock clock = MutableClock.now();

	private final WebClient webClient = WebClient.create();

	@TempDir
	Path temp;

	// ------------------------------------------------------------------ token requests

	@Test
	void authorizationCodeGrantWhenServerSupportsDPoPThenTokenIsBoundToAnES256Key() throws Exception {
		OAuthToken token = engine(new InMemoryTokenStore()).ensureAuthenticated(this.server).block(TIMEOUT);

		assertThat(token.tokenType()).isEqualTo("DPoP");
		assertThat(token.isDPoP()).isTrue();
		assertThat(token.dpopKey()).isNotNull();
		assertThat(token.dpopKey().algorithm()).isEqualTo("ES256");
		assertThat(this.fake.boundKey(token.accessToken())).isEqualTo(token.dpopKey().thumbprint());
		assertThat(this.fake.boundKey(token.refreshToken())).isEqualTo(token.dpopKey().thumbprint());
		JWTClaimsSet proof = proof(this.fake.lastRequest("/token"));
		assertThat(proof.getStringClaim("htm")).isEqualTo("POST");
		assertThat(proof.getStringClaim("htu")).isEqualTo(this.fake.uri("/token").toString());
		assertThat(proof.getClaims()).doesNotContainKey("ath");
	}

	@Test
	void refreshWhenTokenIsBoundThenProvesTheSameKey() throws Exception {
		McpOAuthClient engine = engine(new InMemoryTokenStore());
		OAuthToken first = engine.ensureAuthenticated(this.server).block(TIMEOUT);
		this.clock.advance(Duration.ofHours(2));

		OAuthToken refreshed = engine.currentToken(this.server).block(TIMEOUT);

		assertThat(refreshed.accessToken()).isNotEqualTo(first.accessToken());
		assertThat(refreshed.dpopKey()).isEqualTo(first.dpopKey());
		assertThat(this.fake.boundKey(refreshed.accessToken())).isEqualTo(first.dpopKey().thumbprint());
		assertThat(this.fake.tokenRequests("refresh_token")).singleElement()
			.satisfies((request) -> assertThat(request.header("DPoP")).isNotNull());
	}

	@Test
	void clientCredentialsGrantWhenServerSupportsDPoPThenTokenIsBound() {
		McpServerDefinition service = this.server.mutate()
			.grantType(McpServerDefinition.GrantType.CLIENT_CREDENTIALS)
			.clientId("service")
			.clientSecret("secret")
			.build();

		OAuthToken token = engine(new InMemoryTokenStore()).ensureAuthenticated(service).block(TIMEOUT);

		assertThat(token.isDPoP()).isTrue();
		assertThat(this.fake.tokenRequests("client_credentials")).singleElement()
			.satisfies((request) -> assertThat(request.header("DPoP")).isNotNull());
	}

	@Test
	void tokenRequestWhenAuthorizationServerAsksForANonceThenRetriesOnceWithItAndRemembersIt() throws Exception {
		this.fake.dpopNonce("as-nonce-1");
		McpOAuthClient engine = engine(new InMemoryTokenStore());

		OAuthToken token = engine.ensureAuthenticated(this.server).block(TIMEOUT);

		assertThat(token.isDPoP()).isTrue();
		List<RecordedRequest> tokenRequests = this.fake.requests("/token");
		assertThat(tokenRequests).hasSize(2);
		assertThat(proof(tokenRequests.get(0)).getClaim("nonce")).isNull();
		assertThat(proof(tokenRequests.get(1)).getStringClaim("nonce")).isEqualTo("as-nonce-1");
		assertThat(proof(tokenRequests.get(1)).getJWTID()).isNotEqualTo(proof(tokenRequests.get(0)).getJWTID());

		this.clock.advance(Duration.ofHours(2));
		engine.currentToken(this.server).block(TIMEOUT);
		assertThat(this.fake.requests("/token")).hasSize(3);
		assertThat(proof(this.fake.lastRequest("/token")).getStringClaim("nonce")).isEqualTo("as-nonce-1");
	}

	@Test
	void tokenRequestWhenAuthorizationServerAsksForANonceTwiceThenFails() {
		for (int i = 0; i < 2; i++) {
			this.fake.enqueueTokenResponse(new FakeAuthorizationServer.Response(400,
					Map.of("Content-Type", "application/json", "DPoP-Nonce", "n-" + i),
					"{\"error\":\"use_dpop_nonce\",\"error_description\":\"again\"}"));
		}

		var error = expectError(engine(new InMemoryTokenStore()).ensureAuthenticated(this.server),
				McpOAuthErrorCode.TOKEN_REQUEST_FAILED);

		assertThat(error.getOAuthError()).isEqualTo("use_dpop_nonce");
		assertThat(this.fake.requests("/token")).hasSize(2);
	}

	// ------------------------------------------------------------------ the dpop setting

	@Test
	void dpopOffWhenServerSupportsDPoPThenSendsNoProofAndGetsABearerToken() {
		McpServerDefinition off = this.server.mutate().dpop(DPoPMode.OFF).build();
		McpOAuthClient engine = engine(new InMemoryTokenStore());

		OAuthToken token = engine.ensureAuthenticated(off).block(TIMEOUT);

		assertThat(token.tokenType()).isEqualTo("Bearer");
		assertThat(token.dpopKey()).isNull();
		assertThat(this.fake.lastRequest("/token").header("DPoP")).isNull();
		assertThat(post(engine, off)).isEqualTo(200);
		RecordedRequest call = this.fake.lastRequest("/mcp");
		assertThat(call.header(HttpHeaders.AUTHORIZATION)).isEqualTo("Bearer " + token.accessToken());
		assertThat(call.header("DPoP")).isNull();
	}

	@Test
	void dpopTurnedOffWhenTheStoredTokenIsBoundThenAuthorizesAnewForABearerToken() {
		InMemoryTokenStore store = new InMemoryTokenStore();
		engine(store).ensureAuthenticated(this.server).block(TIMEOUT);
		this.clock.advance(Duration.ofHours(2));
		McpServerDefinition off = this.server.mutate().dpop(DPoPMode.OFF).build();

		OAuthToken token = engine(store).ensureAuthenticated(off).block(TIMEOUT);

		assertThat(token.tokenType()).isEqualTo("Bearer");
		// the refresh without a proof is refused: the refresh token is bound (RFC 9449 §5)
		assertThat(this.fake.tokenRequests("refresh_token")).singleElement()
			.satisfies((request) -> assertThat(request.header("DPoP")).isNull());
		assertThat(this.fake.tokenRequests("authorization_code")).hasSize(2);
	}

	@Test
	void dpopAutoWhenServerDoesNotListAlgorithmsThenUsesBearerTokens() {
		this.fake.dpop(false);

		OAuthToken token = engine(new InMemoryTokenStore()).ensureAuthenticated(this.server).block(TIMEOUT);

		assertThat(token.tokenType()).isEqualTo("Bearer");
		assertThat(this.fake.lastRequest("/token").header("DPoP")).isNull();
	}

	@Test
	void dpopRequiredWhenServerDoesNotSupportItThenFailsBeforeAnyTokenRequest() {
		this.fake.dpop(false);
		McpServerDefinition required = this.server.mutate().dpop(DPoPMode.REQUIRED).build();

		var error = expectError(engine(new InMemoryTokenStore()).ensureAuthenticated(required),
				McpOAuthErrorCode.DPOP_UNSUPPORTED);

		assertThat(error.getMessage()).contains("dpop_signing_alg_values_supported", this.fake.issuer());
		assertThat(this.fake.count("/token")).isZero();
		assertThat(this.fake.count("/authorize")).isZero();
	}

	@Test
	void dpopRequiredWhenServerIssuesABearerTokenAnywayThenFailsAndStoresNothing() {
		Map<String, Object> metadata = this.fake.authorizationServerMetadata();
		metadata.put("dpop_signing_alg_values_supported", List.of("ES256"));
		this.fake.dpop(false).document(FakeAuthorizationServer.AS_METADATA_PATH, metadata);
		McpServerDefinition required = this.server.mutate().dpop(DPoPMode.REQUIRED).build();
		InMemoryTokenStore store = new InMemoryTokenStore();

		expectError(engine(store).ensureAuthenticated(required), McpOAuthErrorCode.DPOP_UNSUPPORTED);

		assertThat(this.fake.lastRequest("/token").header("DPoP")).isNotNull();
		assertThat(store.loadToken(TokenKey.of("fake")).blockOptional(TIMEOUT)).isEmpty();
	}

	// ------------------------------------------------------------------ resource requests

	@Test
	void webClientFilterSendsDPoPSchemeAndAFreshProofWithAthOnEveryRequest() throws Exception {
		McpOAuthClient engine = engine(new InMemoryTokenStore());
		OAuthToken token = engine.ensureAuthenticated(this.server).block(TIMEOUT);
		this.fake.clearRecordings();

		assertThat(post(engine, this.server)).isEqualTo(200);
		assertThat(post(engine, this.server)).isEqualTo(200);

		List<RecordedRequest> calls = this.fake.requests("/mcp");
		assertThat(calls).hasSize(2).allSatisfy((call) -> assertThat(call.header(HttpHeaders.AUTHORIZATION))
			.isEqualTo("DPoP " + token.accessToken()));
		JWTClaimsSet first = proof(calls.get(0));
		assertThat(first.getStringClaim("htm")).isEqualTo("POST");
		assertThat(first.getStringClaim("htu")).isEqualTo(this.fake.mcpUrl().toString());
		assertThat(first.getStringClaim("ath")).isNotBlank();
		assertThat(proof(calls.get(1)).getJWTID()).isNotEqualTo(first.getJWTID());
	}

	@Test
	void webClientFilterWhenMcpServerAsksForANonceThenRetriesOnceWithItAndKeepsIt() throws Exception {
		this.fake.mcpDPoPNonce("rs-nonce-1");
		McpOAuthClient engine = engine(new InMemoryTokenStore());
		engine.ensureAuthenticated(this.server).block(TIMEOUT);
		this.fake.clearRecordings();

		assertThat(post(engine, this.server)).isEqualTo(200);
		List<RecordedRequest> calls = this.fake.requests("/mcp");
		assertThat(calls).hasSize(2);
		assertThat(proof(calls.get(0)).getClaim("nonce")).isNull();
		assertThat(proof(calls.get(1)).getStringClaim("nonce")).isEqualTo("rs-nonce-1");
		assertThat(calls.get(1).body()).isEqualTo(BODY);
		assertThat(this.fake.count("/token")).isZero(); // a nonce is not a reason to refresh

		this.fake.clearRecordings();
		assertThat(post(engine, this.server)).isEqualTo(200);
		assertThat(this.fake.requests("/mcp")).singleElement()
			.satisfies((call) -> assertThat(proof(call).getStringClaim("nonce")).isEqualTo("rs-nonce-1"));
	}

	@Test
	void webClientFilterWhenMcpServerDoesNotAcceptDPoPThenFallsBackToBearerTokensInAutoMode() {
		this.fake.mcpBearerOnly(true);
		McpOAuthClient engine = engine(new InMemoryTokenStore());
		assertThat(engine.ensureAuthenticated(this.server).block(TIMEOUT).isDPoP()).isTrue();

		assertThat(post(engine, this.server)).isEqualTo(200);

		OAuthToken token = engine.currentToken(this.server).block(TIMEOUT);
		assertThat(token.tokenType()).isEqualTo("Bearer");
		assertThat(this.fake.lastRequest("/mcp").header(HttpHeaders.AUTHORIZATION))
			.isEqualTo("Bearer " + token.accessToken());
	}

	@Test
	void webClientFilterWhenMcpServerDoesNotAcceptDPoPAndDPoPIsRequiredThenTheRequestFails() {
		this.fake.mcpBearerOnly(true);
		McpServerDefinition required = this.server.mutate().dpop(DPoPMode.REQUIRED).build();
		McpOAuthClient engine = engine(new InMemoryTokenStore());
		engine.ensureAuthenticated(required).block(TIMEOUT);

		assertThat(post(engine, required)).isEqualTo(401);
		assertThat(engine.currentToken(required).block(TIMEOUT).isDPoP()).isTrue();
	}

	@Test
	void stolenDPoPTokenSentAsBearerIsRefusedByTheFake() {
		McpOAuthClient engine = engine(new InMemoryTokenStore());
		OAuthToken token = engine.ensureAuthenticated(this.server).block(TIMEOUT);

		Integer status = this.webClient.post()
			.uri(this.fake.mcpUrl())
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token.accessToken())
			.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode().value()))
			.block(TIMEOUT);

		assertThat(status).isEqualTo(401);
	}

	@Test
	void handlerPrepareHeadersAddsAProofForThePost() throws Exception {
		McpOAuthClient engine = engine(new InMemoryTokenStore());
		McpOAuthHandler handler = new McpOAuthHandler(engine, new McpServerRegistry(List.of(this.server)),
				WebClient.builder());

		HttpHeaders headers = handler.prepareHeaders("fake").block(TIMEOUT);

		OAuthToken token = engine.currentToken(this.server).block(TIMEOUT);
		assertThat(headers.getFirst(HttpHeaders.AUTHORIZATION)).isEqualTo("DPoP " + token.accessToken());
		JWTClaimsSet proof = SignedJWT.parse(headers.getFirst("DPoP")).getJWTClaimsSet();
		assertThat(proof.getStringClaim("htm")).isEqualTo("POST");
		assertThat(proof.getStringClaim("htu")).isEqualTo(this.fake.mcpUrl().toString());
		assertThat(handler.exchange("fake", org.springframework.http.HttpMethod.POST, this.fake.mcpUrl(),
				Map.of("jsonrpc", "2.0", "id", 1, "method", "ping"), (h) -> {
				}).block(TIMEOUT).status().value()).isEqualTo(200);
	}

	@Test
	void sdkTransportHooksSendAProofAndRetryWithTheMcpServersNonce() throws Exception {
		this.fake.mcpDPoPNonce("rs-nonce-2");
		McpOAuthClient engine = engine(new InMemoryTokenStore());
		OAuthToken token = engine.ensureAuthenticated(this.server).block(TIMEOUT);
		McpHttpClientAuthorization hooks = McpHttpClientAuthorization.of(engine, this.server);
		HttpClient http = HttpClient.newHttpClient();

		HttpRequest first = customize(hooks);
		assertThat(first.headers().firstValue("Authorization")).hasValue("DPoP " + token.accessToken());
		HttpResponse<Void> refused = http.send(first, HttpResponse.BodyHandlers.discarding());
		assertThat(refused.statusCode()).isEqualTo(401);
		Boolean retry = Mono.from(hooks.handle(snapshot(first), info(refused), McpTransportContext.EMPTY))
			.block(TIMEOUT);
		assertThat(retry).isTrue();

		HttpRequest second = customize(hooks);
		assertThat(http.send(second, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
		JWTClaimsSet proof = SignedJWT.parse(second.headers().firstValue("DPoP").orElseThrow()).getJWTClaimsSet();
		assertThat(proof.getStringClaim("nonce")).isEqualTo("rs-nonce-2");
		assertThat(proof.getStringClaim("htm")).isEqualTo("POST");
		assertThat(proof.getStringClaim("htu")).isEqualTo(this.fake.mcpUrl().toString());

		// a proof that already carried the nonce is not retried for it again
		HttpResponse.ResponseInfo again = info(401, Map.of("WWW-Authenticate",
				List.of("DPoP error=\"use_dpop_nonce\""), "DPoP-Nonce", List.of("rs-nonce-2")));
		assertThat(Mono.from(hooks.handle(snapshot(second), again, McpTransportContext.EMPTY)).block(TIMEOUT))
			.isTrue(); // handled as a rejected token instead: refreshed
		assertThat(this.fake.tokenRequests("refresh_token")).hasSize(1);
	}

	// ------------------------------------------------------------------ the key across restarts

	@Test
	void keyIsStoredWithTheTokensSoARestartedEngineKeepsTheBinding() {
		Path directory = this.temp.resolve("store");
		OAuthToken first = engine(fileStore(directory)).ensureAuthenticated(this.server).block(TIMEOUT);
		this.fake.clearRecordings();

		McpOAuthClient restarted = engine(fileStore(directory));
		assertThat(post(restarted, this.server)).isEqualTo(200); // the stored key signs the proof
		assertThat(this.fake.count("/token")).isZero();

		this.clock.advance(Duration.ofHours(2)); // the refresh token is bound to the key: it must be the same
		OAuthToken refreshed = restarted.currentToken(this.server).block(TIMEOUT);
		assertThat(refreshed.accessToken()).isNotEqualTo(first.accessToken());
		assertThat(refreshed.dpopKey()).isEqualTo(first.dpopKey());

		restarted.clearTokens(this.server).block(TIMEOUT); // a new authorization reuses the key too
		OAuthToken renewed = restarted.ensureAuthenticated(this.server).block(TIMEOUT);
		assertThat(this.fake.boundKey(renewed.accessToken())).isEqualTo(first.dpopKey().thumbprint());
	}

	@Test
	void storedTokenWithItsKeyIsReadBackFromTheFileStore() {
		Path directory = this.temp.resolve("store");
		OAuthToken token = engine(fileStore(directory)).ensureAuthenticated(this.server).block(TIMEOUT);

		OAuthToken stored = fileStore(directory).loadToken(TokenKey.of("fake")).block(TIMEOUT);

		assertThat(stored).isEqualTo(token);
		assertThat(stored.dpopKey().toJwk()).isEqualTo(token.dpopKey().toJwk());
	}

	private McpOAuthClient engine(TokenStore store) {
		return McpOAuthClient.builder()
			.webClient(this.webClient)
			.tokenStore(store)
			.userAgent(new DirectUserAgent(this.webClient))
			.clock(this.clock)
			.build();
	}

	private EncryptedFileTokenStore fileStore(Path directory) {
		return EncryptedFileTokenStore.builder(directory).clock(this.clock).build();
	}

	private Integer post(McpOAuthClient engine, McpServerDefinition definition) {
		WebClient client = WebClient.builder()
			.filter(new McpOAuthExchangeFilterFunction(engine, new McpServerRegistry(List.of(definition))))
			.build();
		return client.post()
			.uri(definition.url())
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(BODY)
			.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode().value()))
			.block(TIMEOUT);
	}

	private HttpRequest customize(McpHttpClientAuthorization hooks) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(this.fake.mcpUrl())
			.POST(HttpRequest.BodyPublishers.ofString(BODY));
		return Mono.from(hooks.customize(builder, "POST", this.fake.mcpUrl(), BODY, McpTransportContext.EMPTY))
			.block(TIMEOUT)
			.build();
	}

	private static HttpRequestSnapshot snapshot(HttpRequest request) {
		return new HttpRequestSnapshot(request.uri(), request.method(), request.headers());
	}

	private static HttpResponse.ResponseInfo info(HttpResponse<?> response) {
		return info(response.statusCode(), response.headers().map());
	}

	private static HttpResponse.ResponseInfo info(int status, Map<String, List<String>> headers) {
		return new HttpResponse.ResponseInfo() {

			@Override
			public int statusCode() {
				return status;
			}

			@Override
			public java.net.http.HttpHeaders headers() {
				return java.net.http.HttpHeaders.of(headers, (name, value) -> true);
			}

			@Override
			public HttpClient.Version version() {
				return HttpClient.Version.HTTP_1_1;
			}

		};
	}

	private static JWTClaimsSet proof(RecordedRequest request) throws Exception {
		String proof = request.header("DPoP");
		assertThat(proof).as("DPoP header of " + request.line()).isNotNull();
		return SignedJWT.parse(proof).getJWTClaimsSet();
	}

}
