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

package io.github.mcpoauth.token;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.github.mcpoauth.authorization.AuthorizationResponse;
import io.github.mcpoauth.authorization.Pkce;
import io.github.mcpoauth.core.McpOAuthErrorCode;
import io.github.mcpoauth.core.McpOAuthException;
import io.github.mcpoauth.discovery.BearerChallenge.Scopes;
import io.github.mcpoauth.registration.OAuthClientRegistration;
import io.github.mcpoauth.testsupport.FakeAuthorizationServer;
import io.github.mcpoauth.testsupport.RecordedRequest;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriComponentsBuilder;

import static io.github.mcpoauth.testsupport.McpOAuthAssertions.TIMEOUT;
import static io.github.mcpoauth.testsupport.McpOAuthAssertions.expectError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TokenEndpointClient} over HTTP against {@link FakeAuthorizationServer}:
 * RFC 6749 §4.1.3, §4.4, §6, RFC 7636 §4.5, RFC 8707 §2 and RFC 7523 §2.2.
 */
class TokenEndpointClientTests {

	private static final URI REDIRECT_URI = URI.create("http://127.0.0.1/callback");

	private FakeAuthorizationServer fake;

	private TokenEndpointClient client;

	private String resource;

	@BeforeEach
	void setUp() {
		this.fake = FakeAuthorizationServer.start();
		this.client = new TokenEndpointClient(WebClient.create(), Clock.systemUTC());
		this.resource = this.fake.mcpUrl().toString();
	}

	@AfterEach
	void tearDown() {
		this.fake.close();
	}

	@Test
	void authorizationCodeThenSendsCodeVerifierRedirectUriAndResource() {
		Pkce pkce = Pkce.generate();
		String code = authorize(pkce, "mcp:read");

		OAuthToken token = this.client.authorizationCode(request(registration("client_secret_basic"), Set.of("mcp:read")),
				code, pkce.codeVerifier(), this.fake.uri("/authorize")).block(TIMEOUT);

		RecordedRequest request = this.fake.lastRequest("/token");
		assertThat(request.method()).isEqualTo("POST");
		assertThat(request.header("Content-Type")).startsWith("application/x-www-form-urlencoded");
		assertThat(request.formParameters()).containsEntry("grant_type", List.of("authorization_code"))
			.containsEntry("code", List.of(code))
			.containsEntry("code_verifier", List.of(pkce.codeVerifier()))
			.containsEntry("redirect_uri", List.of(REDIRECT_URI.toString()))
			.containsEntry("resource", List.of(this.resource));
		assertThat(token.accessToken()).startsWith("access-");
		assertThat(token.refreshToken()).startsWith("refresh-");
		assertThat(token.tokenType()).isEqualToIgnoringCase("Bearer");
		assertThat(token.issuer()).isEqualTo(this.fake.issuer());
		assertThat(token.resource()).isEqualTo(this.resource);
		assertThat(token.scopes()).containsExactly("mcp:read");
		assertThat(token.expiresAt()).isNotNull();
	}

	@Test
	void authorizationCodeWhenClientSecretBasicThenSendsTheCredentialsInTheAuthorizationHeaderOnly() {
		Pkce pkce = Pkce.generate();

		this.client.authorizationCode(request(registration("client_secret_basic"), Set.of()), authorize(pkce, null),
				pkce.codeVerifier(), this.fake.uri("/authorize")).block(TIMEOUT);

		RecordedRequest request = this.fake.lastRequest("/token");
		assertThat(request.basicCredentials()).isEqualTo("app:s3cr3t");
		assertThat(request.formParameters()).doesNotContainKey("client_secret");
	}

	@Test
	void authorizationCodeWhenClientSecretPostThenSendsTheCredentialsInTheBodyOnly() {
		Pkce pkce = Pkce.generate();

		this.client.authorizationCode(request(registration("client_secret_post"), Set.of()), authorize(pkce, null),
				pkce.codeVerifier(), this.fake.uri("/authorize")).block(TIMEOUT);

		RecordedRequest request = this.fake.lastRequest("/token");
		assertThat(request.header("Authorization")).isNull();
		assertThat(request.formParameters()).containsEntry("client_id", List.of("app"))
			.containsEntry("client_secret", List.of("s3cr3t"));
	}

	@Test
	void authorizationCodeWhenPublicClientThenSendsTheClientIdOnly() {
		Pkce pkce = Pkce.generate();
		OAuthClientRegistration publicClient = new OAuthClientRegistration(this.fake.issuer(), "public-app", null,
				"none", List.of(REDIRECT_URI.toString()), null, OAuthClientRegistration.Source.DYNAMIC);

		this.client.authorizationCode(request(publicClient, Set.of()), authorize(pkce, null), pkce.codeVerifier(),
				this.fake.uri("/authorize")).block(TIMEOUT);

		RecordedRequest request = this.fake.lastRequest("/token");
		assertThat(request.header("Authorization")).isNull();
		assertThat(request.formParameters()).containsEntry("client_id", List.of("public-app"))
			.doesNotContainKeys("client_secret", "client_assertion");
	}

	@Test
	void authorizationCodeWhenCodeIsRefusedThenTokenRequestFailed() {
		McpOAuthException ex = expectError(this.client.authorizationCode(request(registration("none"), Set.of()),
				"unknown-code", Pkce.generate().codeVerifier(), this.fake.uri("/authorize")),
				McpOAuthErrorCode.TOKEN_REQUEST_FAILED);

		assertThat(ex.getOAuthError()).isEqualTo("invalid_grant");
		assertThat(ex.getMessage()).contains("/token").doesNotContain("unknown-code");
	}

	@Test
	void authorizationCodeWhenResponseHasNoExpiresInThenExpiryIsUnknown() {
		this.fake.expiresIn(null);
		Pkce pkce = Pkce.generate();

		OAuthToken token = this.client.authorizationCode(request(registration("none"), Set.of()), authorize(pkce, null),
				pkce.codeVerifier(), this.fake.uri("/authorize")).block(TIMEOUT);

		assertThat(token.expiresAt()).isNull();
		assertThat(token.isExpired(Clock.systemUTC(), OAuthToken.DEFAULT_CLOCK_SKEW)).isFalse();
	}

	@Test
	void authorizationCodeWhenClockIsInjectedThenIssueAndExpiryTimesFollowIt() {
		Instant now = Instant.parse("2030-06-01T12:00:00Z");
		TokenEndpointClient fixed = new TokenEndpointClient(WebClient.create(), Clock.fixed(now, ZoneOffset.UTC));
		Pkce pkce = Pkce.generate();

		OAuthToken token = fixed.authorizationCode(request(registration("none"), Set.of()), authorize(pkce, null),
				pkce.codeVerifier(), this.fake.uri("/authorize")).block(TIMEOUT);

		assertThat(token.issuedAt()).isEqualTo(now);
		assertThat(token.expiresAt()).isEqualTo(now.plusSeconds(3600));
	}

	@Test
	void authorizationCodeWhenResponseHasNoScopeThenKeepsTheRequestedScopes() {
		this.fake.enqueueTokenResponse(200, Map.of("access_token", "at", "token_type", "Bearer", "expires_in", 60));

		OAuthToken token = this.client.authorizationCode(request(registration("none"), Set.of("a", "b")), "code",
				"verifier", this.fake.uri("/authorize")).block(TIMEOUT);

		assertThat(token.scopes()).containsExactlyInAnyOrder("a", "b");
	}

	@Test
	void refreshThenSendsTheRefreshTokenAndResource() {
		OAuthToken token = refreshable("refresh-old");
		this.fake.enqueueTokenResponse(200, Map.of("access_token", "new-access", "token_type", "Bearer", "expires_in",
				3600, "refresh_token", "refresh-new"));

		OAuthToken refreshed = this.client.refresh(request(registration("client_secret_basic"), Set.of()), token)
			.block(TIMEOUT);

		RecordedRequest request = this.fake.lastRequest("/token");
		assertThat(request.formParameters()).containsEntry("grant_type", List.of("refresh_token"))
			.containsEntry("refresh_token", List.of("refresh-old"))
			.containsEntry("resource", List.of(this.resource))
			.doesNotContainKeys("code", "code_verifier");
		assertThat(request.basicCredentials()).isEqualTo("app:s3cr3t");
		assertThat(refreshed.accessToken()).isEqualTo("new-access");
		assertThat(refreshed.refreshToken()).isEqualTo("refresh-new");
	}

	@Test
	void refreshWhenNoNewRefreshTokenIsIssuedThenKeepsTheOldOneAndTheScopes() {
		OAuthToken token = refreshable("refresh-old");
		this.fake.enqueueTokenResponse(200, Map.of("access_token", "new-access", "token_type", "Bearer", "expires_in", 3600));

		OAuthToken refreshed = this.client.refresh(request(registration("none"), Set.of()), token).block(TIMEOUT);

		assertThat(refreshed.accessToken()).isEqualTo("new-access");
		assertThat(refreshed.refreshToken()).isEqualTo("refresh-old");
		assertThat(refreshed.scopes()).containsExactly("mcp:read");
	}

	@Test
	void refreshWhenRefreshTokenIsRejectedThenRefreshFailed() {
		this.fake.enqueueTokenError(400, "invalid_grant");

		McpOAuthException ex = expectError(
				this.client.refresh(request(registration("none"), Set.of()), refreshable("refresh-old")),
				McpOAuthErrorCode.REFRESH_FAILED);

		assertThat(ex.getOAuthError()).isEqualTo("invalid_grant");
		assertThat(ex.getMessage()).doesNotContain("refresh-old");
	}

	@Test
	void refreshWhenClientIsRejectedThenInvalidClient() {
		this.fake.enqueueTokenError(401, "invalid_client");

		McpOAuthException ex = expectError(this.client
			.refresh(request(registration("client_secret_basic"), Set.of()), refreshable("refresh-old")),
				McpOAuthErrorCode.INVALID_CLIENT);

		assertThat(ex.getOAuthError()).isEqualTo("invalid_client");
		assertThat(ex.getMessage()).doesNotContain("s3cr3t");
	}

	@Test
	void clientCredentialsWhenClientIsRejectedThenInvalidClient() {
		this.fake.enqueueTokenError(400, "unauthorized_client");

		expectError(this.client.clientCredentials(request(registration("client_secret_basic"), Set.of())),
				McpOAuthErrorCode.INVALID_CLIENT);
	}

	@Test
	void clientCredentialsWhenServerAnswersAnotherErrorThenTokenRequestFailed() {
		this.fake.enqueueTokenError(400, "invalid_scope");

		McpOAuthException ex = expectError(
				this.client.clientCredentials(request(registration("client_secret_basic"), Set.of("admin"))),
				McpOAuthErrorCode.TOKEN_REQUEST_FAILED);

		assertThat(ex.getOAuthError()).isEqualTo("invalid_scope");
	}

	@Test
	void clientCredentialsThenSendsTheGrantScopeAndResourceWithBasicCredentials() {
		OAuthToken token = this.client
			.clientCredentials(request(registration("client_secret_basic"), Set.of("mcp:read", "mcp:write")))
			.block(TIMEOUT);

		RecordedRequest request = this.fake.lastRequest("/token");
		assertThat(request.form("grant_type")).isEqualTo("client_credentials");
		assertThat(Scopes.parse(request.form("scope"))).containsExactlyInAnyOrder("mcp:read", "mcp:write");
		assertThat(request.form("resource")).isEqualTo(this.resource);
		assertThat(request.basicCredentials()).isEqualTo("app:s3cr3t");
		assertThat(token.refreshToken()).isNull();
		assertThat(token.resource()).isEqualTo(this.resource);
	}

	@Test
	void clientCredentialsWhenPrivateKeyJwtThenSendsAnAssertionSignedByTheKeyForTheIssuer() throws Exception {
		KeyPair keyPair = ecKeyPair();
		PrivateKeyJwt signer = PrivateKeyJwt.fromPem(pem(keyPair), null);
		OAuthClientRegistration registration = new OAuthClientRegistration(this.fake.issuer(), "jwt-client", null,
				"private_key_jwt", List.of(), null, OAuthClientRegistration.Source.PRE_REGISTERED);
		TokenRequest request = new TokenRequest(registration, this.fake.issuer(), this.fake.uri("/token"), this.resource,
				Set.of(), null, signer);

		this.client.clientCredentials(request).block(TIMEOUT);

		RecordedRequest recorded = this.fake.lastRequest("/token");
		assertThat(recorded.header("Authorization")).isNull();
		assertThat(recorded.formParameters()).containsEntry("client_id", List.of("jwt-client"))
			.containsEntry("client_assertion_type", List.of(PrivateKeyJwt.ASSERTION_TYPE))
			.doesNotContainKey("client_secret");
		assertThat(recorded.formParameters().get("client_assertion")).hasSize(1);
		SignedJWT assertion = SignedJWT.parse(recorded.form("client_assertion"));
		assertThat(assertion.verify(new ECDSAVerifier((ECPublicKey) keyPair.getPublic()))).isTrue();
		assertThat(assertion.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
		JWTClaimsSet claims = assertion.getJWTClaimsSet();
		assertThat(claims.getIssuer()).isEqualTo("jwt-client");
		assertThat(claims.getSubject()).isEqualTo("jwt-client");
		assertThat(claims.getAudience()).containsExactly(this.fake.issuer());
		assertThat(claims.getJWTID()).isNotBlank();
		assertThat(claims.getExpirationTime()).isAfter(claims.getIssueTime());
		assertThat(Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()))
			.isLessThanOrEqualTo(Duration.ofMinutes(5));
	}

	@Test
	void clientCredentialsWhenPrivateKeyJwtIsUsedTwiceThenEachAssertionHasItsOwnJti() throws Exception {
		PrivateKeyJwt signer = PrivateKeyJwt.fromPem(pem(ecKeyPair()), null);
		OAuthClientRegistration registration = new OAuthClientRegistration(this.fake.issuer(), "jwt-client", null,
				"private_key_jwt", List.of(), null, OAuthClientRegistration.Source.PRE_REGISTERED);
		TokenRequest request = new TokenRequest(registration, this.fake.issuer(), this.fake.uri("/token"), null,
				Set.of(), null, signer);

		this.client.clientCredentials(request).block(TIMEOUT);
		this.client.clientCredentials(request).block(TIMEOUT);

		List<String> jtis = this.fake.requests("/token").stream().map((r) -> jti(r.form("client_assertion"))).toList();
		assertThat(jtis).doesNotHaveDuplicates().hasSize(2);
	}

	@Test
	void clientCredentialsWhenPrivateKeyJwtWithoutKeyThenInvalidConfiguration() {
		OAuthClientRegistration registration = new OAuthClientRegistration(this.fake.issuer(), "jwt-client", null,
				"private_key_jwt", List.of(), null, OAuthClientRegistration.Source.PRE_REGISTERED);
		TokenRequest request = new TokenRequest(registration, this.fake.issuer(), this.fake.uri("/token"), null,
				Set.of(), null, null);

		expectError(this.client.clientCredentials(request), McpOAuthErrorCode.INVALID_CONFIGURATION);
		assertThat(this.fake.count("/token")).isZero();
	}

	@Test
	void jwtBearerThenSendsTheAssertionAsGrant() {
		String assertion = new PlainJWT(new JWTClaimsSet.Builder().issuer("https://idp.example")
			.subject("user")
			.audience(this.fake.issuer())
			.expirationTime(Date.from(Instant.now().plusSeconds(300)))
			.build()).serialize();

		OAuthToken token = this.client.jwtBearer(request(registration("client_secret_basic"), Set.of()), assertion)
			.block(TIMEOUT);

		RecordedRequest request = this.fake.lastRequest("/token");
		assertThat(request.form("grant_type")).isEqualTo("urn:ietf:params:oauth:grant-type:jwt-bearer");
		assertThat(request.form("assertion")).isEqualTo(assertion);
		assertThat(request.form("resource")).isEqualTo(this.resource);
		assertThat(token.accessToken()).startsWith("access-");
	}

	@Test
	void jwtBearerWhenAssertionIsNotAJwtThenTokenRequestFailedWithoutARequest() {
		expectError(this.client.jwtBearer(request(registration("none"), Set.of()), "not-a-jwt"),
				McpOAuthErrorCode.TOKEN_REQUEST_FAILED);
		assertThat(this.fake.count("/token")).isZero();
	}

	private String authorize(Pkce pkce, @Nullable String scope) {
		UriComponentsBuilder builder = UriComponentsBuilder.fromUri(this.fake.uri("/authorize"))
			.queryParam("response_type", "code")
			.queryParam("client_id", "app")
			.queryParam("redirect_uri", REDIRECT_URI.toString())
			.queryParam("state", "s")
			.queryParam("code_challenge", pkce.codeChallenge())
			.queryParam("code_challenge_method", "S256")
			.queryParam("resource", this.resource);
		if (scope != null) {
			builder.queryParam("scope", scope);
		}
		URI location = WebClient.create()
			.get()
			.uri(builder.encode().build().toUri())
			.exchangeToMono((response) -> response.releaseBody()
				.thenReturn(URI.create(response.headers().asHttpHeaders().getFirst("Location"))))
			.block(TIMEOUT);
		return AuthorizationResponse.from(location, "s", this.fake.issuer(), false)
			.code();
	}

	private OAuthClientRegistration registration(String method) {
		return new OAuthClientRegistration(this.fake.issuer(), "app", "none".equals(method) ? null : "s3cr3t", method,
				List.of(REDIRECT_URI.toString()), null, OAuthClientRegistration.Source.PRE_REGISTERED);
	}

	private TokenRequest request(OAuthClientRegistration registration, Set<String> scopes) {
		return new TokenRequest(registration, this.fake.issuer(), this.fake.uri("/token"), this.resource, scopes,
				REDIRECT_URI, null);
	}

	private OAuthToken refreshable(String refreshToken) {
		Instant now = Instant.now();
		return OAuthToken.builder()
			.accessToken("old-access")
			.refreshToken(refreshToken)
			.issuedAt(now.minusSeconds(3600))
			.expiresAt(now.minusSeconds(10))
			.issuer(this.fake.issuer())
			.resource(this.resource)
			.scopes(Set.of("mcp:read"))
			.build();
	}

	static KeyPair ecKeyPair() throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(new ECGenParameterSpec("secp256r1"));
		return generator.generateKeyPair();
	}

	static String pem(KeyPair keyPair) {
		String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
			.encodeToString(keyPair.getPrivate().getEncoded());
		return "-----BEGIN PRIVATE KEY-----\n" + base64 + "\n-----END PRIVATE KEY-----\n";
	}

	private static String jti(@Nullable String assertion) {
		try {
			return SignedJWT.parse(assertion).getJWTClaimsSet().getJWTID();
		}
		catch (ParseException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
