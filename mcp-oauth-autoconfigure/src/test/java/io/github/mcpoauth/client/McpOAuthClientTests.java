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

package io.github.mcpoauth.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import io.github.mcpoauth.authorization.DirectUserAgent;
import io.github.mcpoauth.authorization.LoopbackUserAgent;
import io.github.mcpoauth.authorization.UserAgent;
import io.github.mcpoauth.core.McpOAuthErrorCode;
import io.github.mcpoauth.core.McpOAuthException;
import io.github.mcpoauth.core.McpServerDefinition;
import io.github.mcpoauth.discovery.BearerChallenge;
import io.github.mcpoauth.discovery.BearerChallenge.Scopes;
import io.github.mcpoauth.registration.OAuthClientRegistration;
import io.github.mcpoauth.store.InMemoryTokenStore;
import io.github.mcpoauth.store.McpOAuthStore;
import io.github.mcpoauth.store.TokenKey;
import io.github.mcpoauth.store.TokenStore;
import io.github.mcpoauth.testsupport.DelegatingTokenStore;
import io.github.mcpoauth.testsupport.FakeAuthorizationServer;
import io.github.mcpoauth.testsupport.MutableClock;
import io.github.mcpoauth.testsupport.RecordedRequest;
import io.github.mcpoauth.token.OAuthToken;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

import org.springframework.web.reactive.function.client.WebClient;

import static io.github.mcpoauth.testsupport.FakeAuthorizationServer.AS_METADATA_PATH;
import static io.github.mcpoauth.testsupport.FakeAuthorizationServer.PRM_PATH;
import static io.github.mcpoauth.testsupport.McpOAuthAssertions.TIMEOUT;
import static io.github.mcpoauth.testsupport.McpOAuthAssertions.expectError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * End-to-end tests of {@link McpOAuthClient} over HTTP against
 * {@link FakeAuthorizationServer}, which plays both the MCP server and its authorization
 * server; the user agent is a {@link DirectUserAgent}.
 */
class McpOAuthClientTests {

	@RegisterExtension
	final FakeAuthorizationServer fake = FakeAuthorizationServer.startWithMetadata();

	private final McpServerDefinition server = this.fake.mcpServer();

	private final MutableClock clock = MutableClock.now();

	private final InMemoryTokenStore store = new InMemoryTokenStore();

	private final WebClient webClient = WebClient.create();

	private final McpOAuthClient client = client(this.store, new DirectUserAgent(this.webClient));

	// ------------------------------------------------------------------ first authorization

	@Test
	void ensureAuthenticatedWhenNothingIsStoredThenDiscoversRegistersAuthorizesAndStoresTheToken() {
		OAuthToken token = authenticate();

		assertThat(this.fake.requestLines()).containsExactly("GET " + PRM_PATH, "GET " + AS_METADATA_PATH,
				"POST /register", "GET /authorize", "POST /token");
		OAuthClientRegistration registration = this.store.loadRegistration("fake", this.fake.issuer()).block(TIMEOUT);
		assertThat(registration).isNotNull();
		assertThat(registration.source()).isEqualTo(OAuthClientRegistration.Source.DYNAMIC);

		RecordedRequest authorize = this.fake.lastRequest("/authorize");
		assertThat(authorize.query("response_type")).isEqualTo("code");
		assertThat(authorize.query("client_id")).isEqualTo(registration.clientId());
		assertThat(authorize.query("redirect_uri")).isEqualTo("http://127.0.0.1/callback");
		assertThat(authorize.query("code_challenge_method")).isEqualTo("S256");
		assertThat(authorize.query("code_challenge")).matches("[A-Za-z0-9_-]{43}");
		assertThat(authorize.query("state")).matches("[A-Za-z0-9_-]{43}");
		assertThat(authorize.query("resource")).isEqualTo(this.fake.mcpUrl().toString());
		assertThat(Scopes.parse(authorize.query("scope"))).containsExactly("mcp:read", "offline_access");

		RecordedRequest tokenRequest = this.fake.lastRequest("/token");
		assertThat(tokenRequest.form("grant_type")).isEqualTo("authorization_code");
		assertThat(FakeAuthorizationServer.s256(tokenRequest.form("code_verifier")))
			.isEqualTo(authorize.query("code_challenge"));
		assertThat(tokenRequest.form("redirect_uri")).isEqualTo(authorize.query("redirect_uri"));
		assertThat(tokenRequest.form("resource")).isEqualTo(this.fake.mcpUrl().toString());
		assertThat(tokenRequest.basicCredentials())
			.isEqualTo(registration.clientId() + ":" + registration.clientSecret());

		assertThat(token.issuer()).isEqualTo(this.fake.issuer());
		assertThat(token.resource()).isEqualTo(this.fake.mcpUrl().toString());
		assertThat(token.scopes()).containsExactlyInAnyOrder("mcp:read", "offline_access");
		assertThat(token.hasRefreshToken()).isTrue();
		assertThat(this.store.loadToken(TokenKey.of("fake")).block(TIMEOUT)).isEqualTo(token);
	}

	@Test
	void ensureAuthenticatedWhenABrowserIsUsedThenTheRedirectArrivesOnTheLoopbackListener() {
		HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
		List<HttpResponse<String>> pages = new CopyOnWriteArrayList<>();
		LoopbackUserAgent userAgent = new LoopbackUserAgent((authorizationUri) -> browser
			.sendAsync(HttpRequest.newBuilder(authorizationUri).build(), HttpResponse.BodyHandlers.ofString())
			.thenAccept(pages::add));

		OAuthToken token = client(this.store, userAgent).ensureAuthenticated(this.server).block(TIMEOUT);

		URI redirectUri = URI.create(this.fake.lastRequest("/authorize").query("redirect_uri"));
		assertThat(redirectUri.getHost()).isEqualTo("127.0.0.1");
		assertThat(redirectUri.getPort()).isPositive();
		assertThat(this.store.loadRegistration("fake", this.fake.issuer()).block(TIMEOUT).redirectUris())
			.containsExactly(redirectUri.toString());
		assertThat(this.fake.lastRequest("/token").form("redirect_uri")).isEqualTo(redirectUri.toString());
		assertThat(token.accessToken()).startsWith("access-");
		await(() -> assertThat(pages).singleElement().satisfies((page) -> {
			assertThat(page.statusCode()).isEqualTo(200);
			assertThat(page.body()).contains("Authorization complete");
		}));
	}

	@Test
	void ensureAuthenticatedWhenCalledAgainThenUsesTheCachedTokenWithoutARequest() {
		OAuthToken first = authenticate();
		this.fake.clearRecordings();

		OAuthToken second = authenticate();

		assertThat(second).isEqualTo(first);
		assertThat(this.fake.requests()).isEmpty();
	}

	@Test
	void ensureAuthenticatedWhenAValidTokenIsStoredThenResumesWithoutAnyRequest() {
		OAuthToken stored = token("stored-access", "stored-refresh", this.clock.instant().plusSeconds(3600));
		this.store.saveToken(TokenKey.of("fake"), stored).block(TIMEOUT);

		assertThat(authenticate()).isEqualTo(stored);
		assertThat(this.fake.requests()).isEmpty();
	}

	@Test
	void authorizationHeaderThenIsTheBearerSchemeWithTheCurrentToken() {
		String header = this.client.authorizationHeader(this.server).block(TIMEOUT);

		assertThat(header).isEqualTo("Bearer " + this.store.loadToken(TokenKey.of("fake")).block(TIMEOUT).accessToken());
	}

	// ------------------------------------------------------------------ refresh

	@Test
	void ensureAuthenticatedWhenTokenHasExpiredThenRefreshesItWithoutAuthorizing() {
		OAuthToken first = authenticate();
		this.clock.advance(Duration.ofHours(2));
		this.fake.clearRecordings();

		OAuthToken refreshed = authenticate();

		assertThat(this.fake.requestLines()).containsExactly("POST /token");
		RecordedRequest refresh = this.fake.lastRequest("/token");
		assertThat(refresh.form("grant_type")).isEqualTo("refresh_token");
		assertThat(refresh.form("refresh_token")).isEqualTo(first.refreshToken());
		assertThat(refresh.form("resource")).isEqualTo(this.fake.mcpUrl().toString());
		assertThat(refreshed.accessToken()).isNotEqualTo(first.accessToken());
		assertThat(refreshed.refreshToken()).isNotEqualTo(first.refreshToken());
		assertThat(this.store.loadToken(TokenKey.of("fake")).block(TIMEOUT)).isEqualTo(refreshed);
	}

	@Test
	void currentTokenWhenAnotherCallerRefreshedBeforeItReachedTheRefreshThenUsesTheNewTokenWithoutASecondRefresh() {
		OAuthToken first = authenticate();
		this.clock.advance(Duration.ofHours(2));
		this.fake.clearRecordings();
		// assembled while the expired token is cached, subscribed after another caller's refresh
		Mono<OAuthToken> late = this.client.currentToken(this.server);
		OAuthToken refreshed = this.client.currentToken(this.server).block(TIMEOUT);

		OAuthToken token = late.block(TIMEOUT);

		assertThat(refreshed.refreshToken()).isNotEqualTo(first.refreshToken());
		assertThat(token).isEqualTo(refreshed);
		assertThat(this.fake.tokenRequests("refresh_token")).hasSize(1);
		assertThat(this.store.loadToken(TokenKey.of("fake")).block(TIMEOUT)).isEqualTo(refreshed);
	}

	@Test
	void currentTokenWhenAnotherCallerRefreshedAfterItLoadedTheTokenThenUsesTheNewTokenWithoutASecondRefresh() {
		OAuthToken first = authenticate();
		this.clock.advance(Duration.ofHours(2));
		this.fake.clearRecordings();
		Sinks.Empty<Void> firstLoadHeld = Sinks.empty();
		McpOAuthClient engine = client(new FirstLoadHeldTokenStore(this.store, firstLoadHeld.asMono()), null);
		// the late caller has loaded the expired token but reaches the refresh only after ...
		CompletableFuture<OAuthToken> late = engine.currentToken(this.server).toFuture();
		// ... another caller has refreshed it, which rotated the refresh token
		OAuthToken refreshed = engine.currentToken(this.server).block(TIMEOUT);
		firstLoadHeld.tryEmitEmpty();

		OAuthToken token = Mono.fromFuture(late).block(TIMEOUT);

		assertThat(refreshed.refreshToken()).isNotEqualTo(first.refreshToken());
		assertThat(token).isEqualTo(refreshed);
		assertThat(this.fake.tokenRequests("refresh_token")).hasSize(1);
		assertThat(this.store.loadToken(TokenKey.of("fake")).block(TIMEOUT)).isEqualTo(refreshed);
	}

	@Test
	void ensureAuthenticatedWhenExpiredTokenHasNoRefreshTokenThenAuthorizesAgain() {
		this.fake.issueRefreshTokens(false);
		authenticate();
		this.clock.advance(Duration.ofHours(2));

		authenticate();

		assertThat(this.fake.count("/authorize")).isEqualTo(2);
		assertThat(this.fake.tokenRequests("refresh_token")).isEmpty();
	}

	@Test
	void ensureAuthenticatedWhenRefreshTokenIsRejectedThenDropsTheTokensAndAuthorizesAgain() {
		OAuthToken first = authenticate();
		this.clock.advance(Duration.ofHours(2));
		this.fake.enqueueTokenError(400, "invalid_grant");

		OAuthToken second = authenticate();

		assertThat(this.fake.tokenRequests("refresh_token")).hasSize(1);
		assertThat(this.fake.count("/authorize")).isEqualTo(2);
		assertThat(second.accessToken()).isNotEqualTo(first.accessToken());
		assertThat(this.store.loadToken(TokenKey.of("fake")).block(TIMEOUT)).isEqualTo(second);
	}

	@Test
	void refreshWhenTokenRejectedThenReauthorizes() {
		OAuthToken first = authenticate();
		this.fake.enqueueTokenError(400, "invalid_grant");

		OAuthToken second = this.client.handleUnauthorized(this.server, null, first.accessToken()).block(TIMEOUT);

		assertThat(this.fake.tokenRequests("refresh_token")).hasSize(1);
		assertThat(this.fake.count("/authorize")).isEqualTo(2);
		assertThat(second.accessToken()).isNotEqualTo(first.accessToken());
	}

	@Test
	void handleUnauthorizedWhenRefreshIsRejectedAndNobodyCanAuthorizeThenTheTokensAreDropped() {
		this.store.saveToken(TokenKey.of("fake"), token("old-access", "unknown-refresh", this.clock.instant().plusSeconds(3600)))
			.block(TIMEOUT);
		McpOAuthClient headless = client(this.store, null);

		expectError(headless.handleUnauthorized(this.server, null, "old-access"), McpOAuthErrorCode.INTERACTION_REQUIRED);

		assertThat(this.fake.tokenRequests("refresh_token")).hasSize(1);
		assertThat(this.store.loadToken(TokenKey.of("fake")).block(TIMEOUT)).isNull();
		expectError(headless.ensureAuthenticated(this.server), McpOAuthErrorCode.INTERACTION_REQUIRED);
	}

	@Test
	void currentTokenWhenRefreshIsRejectedThenEmptyAndTheTokensAreDropped() {
		this.store.saveToken(TokenKey.of("fake"), token("old-access", "unknown-refresh", this.clock.instant().minusSeconds(10)))
			.block(TIMEOUT);

		StepVerifier.create(this.client.currentToken(this.server)).expectComplete().verify(TIMEOUT);

		assertThat(this.store.loadToken(TokenKey.of("fake")).block(TIMEOUT)).isNull();
		assertThat(this.fake.count("/authorize")).isZero();
	}

	@Test
	void ensureAuthenticatedWhenStoredTokenComesFromAnotherAuthorizationServerThenDoesNotRefreshItThere() {
		OAuthToken foreign = OAuthToken.builder()
			.accessToken("foreign-access")
			.refreshToken("foreign-refresh")
			.issuedAt(this.clock.instant())
			.expiresAt(this.clock.instant().minusSeconds(10))
			.issuer("https://old-issuer.example")
			.resource(this.fake.mcpUrl().toString())
			.build();
		this.store.saveToken(TokenKey.of("fake"), foreign).block(TIMEOUT);

		OAuthToken token = authenticate();

		assertThat(this.fake.tokenRequests("refresh_token")).isEmpty();
		assertThat(this.fake.count("/authorize")).isOne();
		assertThat(token.issuer()).isEqualTo(this.fake.issuer());
	}

	// ------------------------------------------------------------------ 401 handling

	@Test
	void handleUnauthorizedWhenTokenWasAlreadyReplacedThenReturnsTheNewOneWithoutARequest() {
		OAuthToken current = authenticate();
		this.fake.clearRecordings();

		OAuthToken token = this.client.handleUnauthorized(this.server, null, "an-older-access-token").block(TIMEOUT);

		assertThat(token).isEqualTo(current);
		assertThat(this.fake.requests()).isEmpty();
	}

	@Test
	void handleUnauthorizedWhenNoTokenYetThenAuthorizesWithTheChallengedScope() {
		BearerChallenge challenge = challenge("Bearer resource_metadata=\"" + this.fake.origin() + PRM_PATH
				+ "\", scope=\"mcp:write\"");

		OAuthToken token = this.client.handleUnauthorized(this.server, challenge, null).block(TIMEOUT);

		assertThat(Scopes.parse(this.fake.lastRequest("/authorize").query("scope"))).containsExactly("mcp:write",
				"offline_access");
		assertThat(token.scopes()).contains("mcp:write");
	}

	@Test
	void unauthorizedResponseThenAuthorizesAndTheRetryWithTheBearerTokenSucceeds() {
		McpResponse unauthorized = callMcp(null);
		assertThat(unauthorized.status()).isEqualTo(401);
		BearerChallenge challenge = BearerChallenge.parse(unauthorized.challenges()).orElseThrow();

		OAuthToken token = this.client.handleUnauthorized(this.server, challenge, null).block(TIMEOUT);
		McpResponse retried = callMcp(token);

		assertThat(retried.status()).isEqualTo(200);
		RecordedRequest call = this.fake.lastRequest("/mcp");
		assertThat(call.bearerToken()).isEqualTo(token.accessToken());
		assertThat(call.rawQuery()).isNull();
	}

	@Test
	void unauthorizedResponseForAnIssuedTokenThenRefreshesAndTheRetrySucceeds() {
		OAuthToken first = authenticate();
		this.fake.revokeAccessTokens();
		McpResponse rejected = callMcp(first);
		assertThat(rejected.status()).isEqualTo(401);

		OAuthToken refreshed = this.client
			.handleUnauthorized(this.server, BearerChallenge.parse(rejected.challenges()).orElseThrow(),
					first.accessToken())
			.block(TIMEOUT);

		assertThat(callMcp(refreshed).status()).isEqualTo(200);
		assertThat(this.fake.tokenRequests("refresh_token")).hasSize(1);
		assertThat(this.fake.count("/authorize")).isOne();
	}

	@Test
	void handleUnauthorizedWhenAThousandRequestsFailAtOnceThenOneTokenRequestServesThemAll() {
		OAuthToken first = authenticate();
		this.fake.tokenDelay(Duration.ofMillis(300));
		this.fake.clearRecordings();

		List<OAuthToken> tokens = Flux.range(0, 1000)
			.flatMap((i) -> this.client.handleUnauthorized(this.server, null, first.accessToken()), 1000)
			.collectList()
			.block(TIMEOUT);

		assertThat(tokens).hasSize(1000);
		assertThat(tokens).extracting(OAuthToken::accessToken).containsOnly(tokens.get(0).accessToken());
		assertThat(tokens.get(0).accessToken()).isNotEqualTo(first.accessToken());
		assertThat(this.fake.requestLines()).containsExactly("POST /token");
	}

	@Test
	void handleUnauthorizedWhenTheSharedRefreshFailsThenEveryCallerSeesItAndTheNextAttemptTriesAgain() {
		OAuthToken first = authenticate();
		this.fake.tokenDelay(Duration.ofMillis(300));
		this.fake.enqueueTokenError(400, "temporarily_unavailable");
		this.fake.clearRecordings();

		List<String> outcomes = Flux.range(0, 1000)
			.flatMap((i) -> this.client.handleUnauthorized(this.server, null, first.accessToken())
				.map((token) -> "token")
				.onErrorResume(McpOAuthException.class, (ex) -> Mono.just(ex.getErrorCode().name())), 1000)
			.collectList()
			.block(TIMEOUT);

		assertThat(outcomes).hasSize(1000).containsOnly(McpOAuthErrorCode.TOKEN_REQUEST_FAILED.name());
		assertThat(this.fake.count("/token")).isOne();

		this.fake.tokenDelay(Duration.ZERO);
		OAuthToken next = this.client.handleUnauthorized(this.server, null, first.accessToken()).block(TIMEOUT);

		assertThat(next.accessToken()).isNotEqualTo(first.accessToken());
		assertThat(this.fake.count("/token")).isEqualTo(2);
	}

	// ------------------------------------------------------------------ 403 step-up

	@Test
	void forbiddenResponseWithInsufficientScopeThenReauthorizesWithTheUnionOfScopesAndTheRetrySucceeds() {
		OAuthToken first = authenticate();
		this.fake.mcpRequiredScopes("mcp:read", "mcp:write");
		McpResponse forbidden = callMcp(first);
		assertThat(forbidden.status()).isEqualTo(403);
		this.fake.clearRecordings();

		OAuthToken stepped = this.client
			.handleForbidden(this.server, BearerChallenge.parse(forbidden.challenges()).orElseThrow(),
					first.accessToken())
			.block(TIMEOUT);

		assertThat(this.fake.requestLines()).containsExactly("GET /authorize", "POST /token");
		assertThat(Scopes.parse(this.fake.lastRequest("/authorize").query("scope")))
			.containsExactlyInAnyOrder("mcp:read", "offline_access", "mcp:write");
		assertThat(this.fake.lastRequest("/token").form("grant_type")).isEqualTo("authorization_code");
		assertThat(stepped.scopes()).contains("mcp:read", "mcp:write");
		assertThat(callMcp(stepped).status()).isEqualTo(200);
	}

	@Test
	void handleForbiddenWhenChallengeAddsNoNewScopeThenInsufficientScopeWithoutAnotherAuthorization() {
		OAuthToken first = authenticate();
		this.fake.clearRecordings();

		McpOAuthException ex = expectError(this.client.handleForbidden(this.server,
				challenge("Bearer error=\"insufficient_scope\", scope=\"mcp:read\""), first.accessToken()),
				McpOAuthErrorCode.INSUFFICIENT_SCOPE);

		assertThat(ex.getMessage()).contains("mcp:read");
		assertThat(this.fake.requests()).isEmpty();
	}

	@Test
	void handleForbiddenWhenStepUpsGoOnOverTimeThenNoLifetimeCapButAChallengeAddingNothingFails() {
		authenticate();
		for (int i = 1; i <= McpOAuthClient.MAX_STEP_UP_ATTEMPTS + 1; i++) {
			OAuthToken current = this.store.loadToken(TokenKey.of("fake")).block(TIMEOUT);
			this.client.handleForbidden(this.server,
					challenge("Bearer error=\"insufficient_scope\", scope=\"extra:" + i + "\""), current.accessToken())
				.block(TIMEOUT);
		}
		assertThat(this.fake.count("/authorize")).isEqualTo(2 + McpOAuthClient.MAX_STEP_UP_ATTEMPTS);

		expectError(this.client.handleForbidden(this.server,
				challenge("Bearer error=\"insufficient_scope\", scope=\"extra:1\""), "any"),
				McpOAuthErrorCode.INSUFFICIENT_SCOPE);

		assertThat(this.fake.count("/authorize")).isEqualTo(2 + McpOAuthClient.MAX_STEP_UP_ATTEMPTS);
	}

	@Test
	void handleForbiddenWhenNotAboutScopeThenEmpty() {
		authenticate();
		this.fake.clearRecordings();

		StepVerifier.create(this.client.handleForbidden(this.server, challenge("Bearer error=\"invalid_token\""), "x"))
			.expectComplete()
			.verify(TIMEOUT);
		StepVerifier.create(this.client.handleForbidden(this.server, null, "x")).expectComplete().verify(TIMEOUT);
		assertThat(this.fake.requests()).isEmpty();
	}

	// ------------------------------------------------------------------ refusals

	@Test
	void ensureAuthenticatedWhenNoUserAgentThenInteractionRequiredWithoutAuthorizationRequest() {
		McpOAuthClient headless = client(this.store, null);

		expectError(headless.ensureAuthenticated(this.server), McpOAuthErrorCode.INTERACTION_REQUIRED);

		assertThat(this.fake.count("/authorize")).isZero();
		assertThat(this.fake.count("/token")).isZero();
	}

	@Test
	void ensureAuthenticatedWhenAuthorizationServerDoesNotSupportS256ThenPkceUnsupported() {
		Map<String, Object> metadata = this.fake.authorizationServerMetadata();
		metadata.put("code_challenge_methods_supported", List.of("plain"));
		this.fake.document(AS_METADATA_PATH, metadata);

		McpOAuthException ex = expectError(this.client.ensureAuthenticated(this.server),
				McpOAuthErrorCode.PKCE_UNSUPPORTED);

		assertThat(ex.getMessage()).contains(this.fake.issuer());
		assertThat(this.fake.count("/authorize")).isZero();
	}

	@Test
	void ensureAuthenticatedWhenAuthorizationServerPublishesNoPkceMethodsThenPkceUnsupported() {
		Map<String, Object> metadata = this.fake.authorizationServerMetadata();
		metadata.remove("code_challenge_methods_supported");
		this.fake.document(AS_METADATA_PATH, metadata);

		expectError(this.client.ensureAuthenticated(this.server), McpOAuthErrorCode.PKCE_UNSUPPORTED);
		assertThat(this.fake.count("/authorize")).isZero();
	}

	@Test
	void ensureAuthenticatedWhenProtectedResourceMetadataIsForAnotherServerThenResourceMismatchBeforeAuthorizing() {
		Map<String, Object> prm = this.fake.protectedResourceMetadata();
		prm.put("resource", "https://other.example/mcp");
		this.fake.document(PRM_PATH, prm);

		expectError(this.client.ensureAuthenticated(this.server), McpOAuthErrorCode.RESOURCE_MISMATCH);

		assertThat(this.fake.requestLines()).containsExactly("GET " + PRM_PATH);
	}

	@Test
	void ensureAuthenticatedWhenAuthorizationResponseHasAnotherStateThenStateMismatchWithoutTokenRequest() {
		this.fake.authorizationStateOverride("forged");

		expectError(this.client.ensureAuthenticated(this.server), McpOAuthErrorCode.STATE_MISMATCH);

		assertThat(this.fake.count("/token")).isZero();
	}

	@Test
	void ensureAuthenticatedWhenAuthorizationResponseNamesAnotherIssuerThenIssuerResponseMismatch() {
		this.fake.authorizationIss("https://evil.example");

		expectError(this.client.ensureAuthenticated(this.server), McpOAuthErrorCode.ISSUER_RESPONSE_MISMATCH);

		assertThat(this.fake.count("/token")).isZero();
	}

	@Test
	void ensureAuthenticatedWhenServerPromisesIssButOmitsItThenIssuerResponseMismatch() {
		Map<String, Object> metadata = this.fake.authorizationServerMetadata();
		metadata.put("authorization_response_iss_parameter_supported", true);
		this.fake.document(AS_METADATA_PATH, metadata);

		expectError(this.client.ensureAuthenticated(this.server), McpOAuthErrorCode.ISSUER_RESPONSE_MISMATCH);
	}

	@Test
	void ensureAuthenticatedWhenServerSendsTheRightIssThenSucceeds() {
		Map<String, Object> metadata = this.fake.authorizationServerMetadata();
		metadata.put("authorization_response_iss_parameter_supported", true);
		this.fake.document(AS_METADATA_PATH, metadata);
		this.fake.authorizationIss(this.fake.issuer());

		assertThat(authenticate().accessToken()).startsWith("access-");
	}

	@Test
	void ensureAuthenticatedWhenUserDeniesThenAccessDenied() {
		this.fake.authorizationError("access_denied");

		McpOAuthException ex = expectError(this.client.ensureAuthenticated(this.server), McpOAuthErrorCode.ACCESS_DENIED);

		assertThat(ex.getOAuthError()).isEqualTo("access_denied");
		assertThat(this.fake.count("/token")).isZero();
	}

	@Test
	void ensureAuthenticatedWhenServerShowsALoginPageThenInteractionRequired() {
		this.fake.loginPage(true);

		expectError(this.client.ensureAuthenticated(this.server), McpOAuthErrorCode.INTERACTION_REQUIRED);
	}

	@Test
	void ensureAuthenticatedWhenClientIsRejectedThenDropsTheRegistrationAndRegistersAgainNextTime() {
		this.fake.enqueueTokenError(401, "invalid_client");

		expectError(this.client.ensureAuthenticated(this.server), McpOAuthErrorCode.INVALID_CLIENT);

		assertThat(this.store.loadRegistration("fake", this.fake.issuer()).block(TIMEOUT)).isNull();
		authenticate();
		assertThat(this.fake.count("/register")).isEqualTo(2);
	}

	@Test
	void ensureAuthenticatedWhenServerIsUnreachableThenDiscoveryFailed() {
		this.fake.close();

		McpOAuthException ex = expectError(this.client.ensureAuthenticated(this.server),
				McpOAuthErrorCode.DISCOVERY_FAILED);

		assertThat(ex.getMessage()).contains(this.fake.mcpUrl().toString());
	}

	@Test
	void ensureAuthenticatedWhenStorageFailsThenStorageFailed() {
		TokenStore failing = new FailingTokenStore(this.store);

		expectError(client(failing, new DirectUserAgent(this.webClient)).ensureAuthenticated(this.server),
				McpOAuthErrorCode.STORAGE_FAILED);
	}

	// ------------------------------------------------------------------ RFC 8707

	@Test
	void resourceIndicatorIsSentOnTheAuthorizationTokenAndRefreshRequests() {
		authenticate();
		this.clock.advance(Duration.ofHours(2));
		authenticate();

		String resource = this.fake.mcpUrl().toString();
		assertThat(this.fake.lastRequest("/authorize").queryParameters().get("resource")).containsExactly(resource);
		assertThat(this.fake.tokenRequests("authorization_code")).singleElement()
			.satisfies((request) -> assertThat(request.formParameters().get("resource")).containsExactly(resource));
		assertThat(this.fake.tokenRequests("refresh_token")).singleElement()
			.satisfies((request) -> assertThat(request.formParameters().get("resource")).containsExactly(resource));
	}

	@Test
	void ensureAuthenticatedWhenResourceIsConfiguredThenRequestsTokensForIt() {
		McpServerDefinition server = this.server.mutate().resource(this.fake.origin()).build();

		OAuthToken token = this.client.ensureAuthenticated(server).block(TIMEOUT);

		assertThat(this.fake.lastRequest("/authorize").query("resource")).isEqualTo(this.fake.origin());
		assertThat(this.fake.lastRequest("/token").form("resource")).isEqualTo(this.fake.origin());
		assertThat(token.resource()).isEqualTo(this.fake.origin());
	}

	// ------------------------------------------------------------------ other grants and registrations

	@Test
	void ensureAuthenticatedWhenPreRegisteredThenUsesTheConfiguredClientWithoutRegistering() {
		McpServerDefinition server = this.server.mutate().clientId("configured").clientSecret("configured-secret").build();

		this.client.ensureAuthenticated(server).block(TIMEOUT);

		assertThat(this.fake.count("/register")).isZero();
		assertThat(this.fake.lastRequest("/authorize").query("client_id")).isEqualTo("configured");
		assertThat(this.fake.lastRequest("/token").basicCredentials()).isEqualTo("configured:configured-secret");
	}

	@Test
	void ensureAuthenticatedWhenScopesAreConfiguredThenRequestsThoseInsteadOfTheDiscoveredOnes() {
		McpServerDefinition server = this.server.mutate().scopes(Set.of("custom:scope")).build();

		this.client.ensureAuthenticated(server).block(TIMEOUT);

		assertThat(this.fake.lastRequest("/authorize").query("scope")).isEqualTo("custom:scope");
	}

	@Test
	void ensureAuthenticatedWhenClientCredentialsGrantThenRequestsATokenWithoutAUser() {
		McpServerDefinition server = this.server.mutate()
			.grantType(McpServerDefinition.GrantType.CLIENT_CREDENTIALS)
			.clientId("service")
			.clientSecret("service-secret")
			.build();

		OAuthToken token = client(this.store, null).ensureAuthenticated(server).block(TIMEOUT);

		assertThat(this.fake.requestLines()).containsExactly("GET " + PRM_PATH, "GET " + AS_METADATA_PATH,
				"POST /token");
		RecordedRequest request = this.fake.lastRequest("/token");
		assertThat(request.form("grant_type")).isEqualTo("client_credentials");
		assertThat(request.form("resource")).isEqualTo(this.fake.mcpUrl().toString());
		assertThat(request.basicCredentials()).isEqualTo("service:service-secret");
		assertThat(token.accessToken()).startsWith("access-");
	}

	@Test
	void ensureAuthenticatedWhenCrossAppAccessThenExchangesTheIdTokenAtTheIdentityProviderThenPresentsTheGrant() {
		String idJag = new PlainJWT(new JWTClaimsSet.Builder().issuer("https://idp.example")
			.subject("alice")
			.audience(this.fake.issuer())
			.build()).serialize();
		this.fake.document("/idp/token", Map.of("access_token", idJag, "issued_token_type",
				"urn:ietf:params:oauth:token-type:id-jag", "token_type", "N_A"));
		McpServerDefinition server = this.server.mutate()
			.grantType(McpServerDefinition.GrantType.CROSS_APP_ACCESS)
			.clientId("app")
			.clientSecret("app-secret")
			.crossApp(new McpServerDefinition.CrossAppAccess(this.fake.uri("/idp/token"), "alice-id-token",
					"idp-client", "idp-secret"))
			.build();

		OAuthToken token = client(this.store, null).ensureAuthenticated(server).block(TIMEOUT);

		RecordedRequest exchange = this.fake.lastRequest("/idp/token");
		assertThat(exchange.form("grant_type")).isEqualTo("urn:ietf:params:oauth:grant-type:token-exchange");
		assertThat(exchange.form("requested_token_type")).isEqualTo("urn:ietf:params:oauth:token-type:id-jag");
		assertThat(exchange.form("subject_token")).isEqualTo("alice-id-token");
		assertThat(exchange.form("subject_token_type")).isEqualTo("urn:ietf:params:oauth:token-type:id_token");
		assertThat(exchange.form("audience")).isEqualTo(this.fake.issuer());
		assertThat(exchange.form("resource")).isEqualTo(this.fake.mcpUrl().toString());
		assertThat(exchange.basicCredentials()).isEqualTo("idp-client:idp-secret");
		RecordedRequest grant = this.fake.lastRequest("/token");
		assertThat(grant.form("grant_type")).isEqualTo("urn:ietf:params:oauth:grant-type:jwt-bearer");
		assertThat(grant.form("assertion")).isEqualTo(idJag);
		assertThat(grant.basicCredentials()).isEqualTo("app:app-secret");
		assertThat(token.accessToken()).startsWith("access-");
	}

	@Test
	void ensureAuthenticatedWhenIdentityProviderRefusesTheExchangeThenTokenRequestFailed() {
		this.fake.route("/idp/token",
				(request) -> FakeAuthorizationServer.Response.json(400, Map.of("error", "invalid_grant")));
		McpServerDefinition server = this.server.mutate()
			.grantType(McpServerDefinition.GrantType.CROSS_APP_ACCESS)
			.clientId("app")
			.crossApp(new McpServerDefinition.CrossAppAccess(this.fake.uri("/idp/token"), "expired-id-token",
					"idp-client", null))
			.build();

		McpOAuthException ex = expectError(client(this.store, null).ensureAuthenticated(server),
				McpOAuthErrorCode.TOKEN_REQUEST_FAILED);

		assertThat(ex.getOAuthError()).isEqualTo("invalid_grant");
		assertThat(ex.getMessage()).doesNotContain("expired-id-token");
		assertThat(this.fake.lastRequest("/idp/token").form("client_id")).isEqualTo("idp-client");
		assertThat(this.fake.count("/token")).isZero();
	}

	@Test
	void clearTokensThenTheNextCallAuthorizesAgain() {
		authenticate();

		this.client.clearTokens(this.server).block(TIMEOUT);
		authenticate();

		assertThat(this.fake.count("/authorize")).isEqualTo(2);
		assertThat(this.fake.count("/register")).isOne();
	}

	// ------------------------------------------------------------------ helpers

	/**
	 * A token store whose first {@code loadToken} answers only once {@code release}
	 * completes, to order concurrent callers.
	 */
	private static final class FirstLoadHeldTokenStore extends DelegatingTokenStore {

		private final Mono<Void> release;

		private final AtomicInteger loads = new AtomicInteger();

		FirstLoadHeldTokenStore(McpOAuthStore delegate, Mono<Void> release) {
			super(delegate);
			this.release = release;
		}

		@Override
		public Mono<OAuthToken> loadToken(TokenKey key) {
			Mono<OAuthToken> token = super.loadToken(key);
			return (this.loads.getAndIncrement() == 0) ? token.delayUntil((loaded) -> this.release) : token;
		}

	}

	private McpOAuthClient client(TokenStore store, @Nullable UserAgent userAgent) {
		return McpOAuthClient.builder()
			.webClient(this.webClient)
			.tokenStore(store)
			.userAgent(userAgent)
			.clock(this.clock)
			.build();
	}

	private OAuthToken authenticate() {
		OAuthToken token = this.client.ensureAuthenticated(this.server).block(TIMEOUT);
		assertThat(token).isNotNull();
		return token;
	}

	private OAuthToken token(String accessToken, String refreshToken, Instant expiresAt) {
		return OAuthToken.builder()
			.accessToken(accessToken)
			.refreshToken(refreshToken)
			.issuedAt(this.clock.instant())
			.expiresAt(expiresAt)
			.issuer(this.fake.issuer())
			.resource(this.fake.mcpUrl().toString())
			.scopes(Set.of("mcp:read"))
			.build();
	}

	private McpResponse callMcp(@Nullable OAuthToken token) {
		return this.webClient.post()
			.uri(this.fake.mcpUrl())
			.headers((headers) -> {
				if (token != null) {
					headers.set("Authorization", token.authorizationHeader());
				}
			})
			.bodyValue("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}")
			.exchangeToMono((response) -> response.releaseBody()
				.thenReturn(new McpResponse(response.statusCode().value(),
						response.headers().header("WWW-Authenticate"))))
			.block(TIMEOUT);
	}

	private static void await(Runnable assertion) {
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		while (true) {
			try {
				assertion.run();
				return;
			}
			catch (AssertionError ex) {
				if (System.nanoTime() > deadline) {
					throw ex;
				}
				try {
					Thread.sleep(20);
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					throw ex;
				}
			}
		}
	}

	private static BearerChallenge challenge(String header) {
		return BearerChallenge.parse(List.of(header)).orElseThrow();
	}

	private record McpResponse(int status, List<String> challenges) {
	}

	/** Stores registrations, but fails to store tokens. */
	private static final class FailingTokenStore extends DelegatingTokenStore {

		FailingTokenStore(McpOAuthStore delegate) {
			super(delegate);
		}

		@Override
		public Mono<Void> saveToken(TokenKey key, OAuthToken token) {
			return Mono.error(new McpOAuthException(McpOAuthErrorCode.STORAGE_FAILED, "The disk is full."));
		}

		@Override
		public String backendName() {
			return "failing";
		}

	}

}
