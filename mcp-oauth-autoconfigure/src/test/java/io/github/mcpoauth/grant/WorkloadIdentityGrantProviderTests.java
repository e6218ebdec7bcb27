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

package io.github.mcpoauth.grant;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.github.mcpoauth.authorization.DirectUserAgent;
import io.github.mcpoauth.client.McpOAuthClient;
import io.github.mcpoauth.core.McpOAuthErrorCode;
import io.github.mcpoauth.core.McpOAuthException;
import io.github.mcpoauth.core.McpServerDefinition;
import io.github.mcpoauth.core.McpServerDefinition.GrantType;
import io.github.mcpoauth.core.WorkloadAssertionSource;
import io.github.mcpoauth.store.InMemoryTokenStore;
import io.github.mcpoauth.testsupport.FakeAuthorizationServer;
import io.github.mcpoauth.testsupport.MutableClock;
import io.github.mcpoauth.testsupport.RecordedRequest;
import io.github.mcpoauth.token.OAuthToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.web.reactive.function.client.WebClient;

import static io.github.mcpoauth.testsupport.McpOAuthAssertions.TIMEOUT;
import static io.github.mcpoauth.testsupport.McpOAuthAssertions.expectError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Workload identity federation (SEP-1933) through the engine against
 * {@link FakeAuthorizationServer}: the JWT bearer grant with the platform's assertion, read
 * anew for each grant and checked before it is sent; a refusal is final.
 */
class WorkloadIdentityGrantProviderTests {

	private static final String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";

	@RegisterExtension
	final FakeAuthorizationServer fake = FakeAuthorizationServer.startWithMetadata();

	private final MutableClock clock = MutableClock.now();

	private final WebClient webClient = WebClient.create();

	private final McpOAuthClient engine = McpOAuthClient.builder()
		.webClient(this.webClient)
		.tokenStore(new InMemoryTokenStore())
		.userAgent(new DirectUserAgent(this.webClient))
		.clock(this.clock)
		.build();

	@TempDir
	Path temp;

	@Test
	void grantPresentsTheAssertionWithTheJwtBearerGrantAndClientIdOnly() throws Exception {
		String assertion = jwt(this.clock.instant().plusSeconds(600));

		OAuthToken token = this.engine.ensureAuthenticated(server(WorkloadAssertions.of(assertion))).block(TIMEOUT);

		assertThat(token.accessToken()).isNotBlank();
		assertThat(this.fake.requestLines()).doesNotContain("POST /register", "GET /authorize");
		RecordedRequest request = this.fake.lastRequest("/token");
		assertThat(request.form("grant_type")).isEqualTo(JWT_BEARER);
		assertThat(request.form("assertion")).isEqualTo(assertion);
		assertThat(request.form("client_id")).isEqualTo("workload-1");
		assertThat(request.form("resource")).isEqualTo(this.fake.mcpUrl().toString());
		assertThat(request.basicCredentials()).isNull();
		assertThat(request.form("client_secret")).isNull();
	}

	@Test
	void everyGrantReadsTheFileAgain() throws Exception {
		Path file = this.temp.resolve("token");
		Files.writeString(file, jwt(this.clock.instant().plusSeconds(600)));
		McpServerDefinition server = server(WorkloadAssertions.file(file));
		this.engine.ensureAuthenticated(server).block(TIMEOUT);

		String rotated = jwt(this.clock.instant().plusSeconds(1200));
		Files.writeString(file, rotated);
		this.fake.issueRefreshTokens(false);
		this.engine.clearTokens(server).block(TIMEOUT);
		this.engine.ensureAuthenticated(server).block(TIMEOUT);

		List<RecordedRequest> grants = this.fake.tokenRequests(JWT_BEARER);
		assertThat(grants).hasSize(2);
		assertThat(grants.get(1).form("assertion")).isEqualTo(rotated);
	}

	@Test
	void grantWhenFileIsMissingThenFailsWithoutATokenRequest() {
		Path missing = this.temp.resolve("missing-token");

		McpOAuthException error = expectError(this.engine.ensureAuthenticated(server(WorkloadAssertions.file(missing))),
				McpOAuthErrorCode.WORKLOAD_ASSERTION_UNAVAILABLE);

		assertThat(error.getMessage()).contains(missing.toString());
		assertThat(this.fake.count("/token")).isZero();
	}

	@Test
	void grantWhenAssertionHasExpiredThenFailsBeforeSendingIt() throws Exception {
		String expired = jwt(this.clock.instant().minusSeconds(60));

		McpOAuthException error = expectError(this.engine.ensureAuthenticated(server(WorkloadAssertions.of(expired))),
				McpOAuthErrorCode.WORKLOAD_ASSERTION_UNAVAILABLE);

		assertThat(error.getMessage()).contains("expired at").doesNotContain(expired);
		assertThat(this.fake.count("/token")).isZero();
	}

	@Test
	void grantWhenAssertionIsNotAJwtThenFailsBeforeSendingIt() {
		McpOAuthException error = expectError(
				this.engine.ensureAuthenticated(server(WorkloadAssertions.of("not-a-jwt-secret-value"))),
				McpOAuthErrorCode.WORKLOAD_ASSERTION_UNAVAILABLE);

		assertThat(error.getMessage()).contains("is not a JWT").doesNotContain("not-a-jwt-secret-value");
		assertThat(this.fake.count("/token")).isZero();
	}

	@Test
	void grantWhenAssertionHasNoExpiryThenFailsBeforeSendingIt() throws Exception {
		expectError(this.engine.ensureAuthenticated(server(WorkloadAssertions.of(jwt(null)))),
				McpOAuthErrorCode.WORKLOAD_ASSERTION_UNAVAILABLE);
		assertThat(this.fake.count("/token")).isZero();
	}

	@Test
	void grantWhenRefusedThenFailsWithoutRetryOrAnotherGrant() throws Exception {
		this.fake.enqueueTokenError(400, "invalid_grant");
		McpServerDefinition server = server(WorkloadAssertions.of(jwt(this.clock.instant().plusSeconds(600))));

		McpOAuthException error = expectError(this.engine.ensureAuthenticated(server),
				McpOAuthErrorCode.TOKEN_REQUEST_FAILED);

		assertThat(error.getOAuthError()).isEqualTo("invalid_grant");
		assertThat(this.fake.requests("/token")).singleElement()
			.satisfies((request) -> assertThat(request.form("grant_type")).isEqualTo(JWT_BEARER));
		assertThat(this.fake.count("/authorize")).isZero();
		assertThat(this.fake.count("/register")).isZero();
	}

	@Test
	void providerIgnoresOtherGrantTypesAndRefreshes() throws Exception {
		WorkloadIdentityGrantProvider provider = new WorkloadIdentityGrantProvider(
				new io.github.mcpoauth.token.TokenEndpointClient(this.webClient, this.clock), this.clock);
		McpServerDefinition other = this.fake.mcpServer();
		io.github.mcpoauth.discovery.DiscoveredServer discovered = this.engine.discover(other, null).block(TIMEOUT);

		assertThat(provider.obtain(GrantContext.builder(other, "default", discovered).build()).blockOptional(TIMEOUT))
			.isEmpty();
	}

	private McpServerDefinition server(WorkloadAssertionSource source) {
		return McpServerDefinition.builder("wif", this.fake.mcpUrl())
			.grantType(GrantType.WORKLOAD_IDENTITY)
			.clientId("workload-1")
			.workloadAssertion(source)
			.scopes(Set.of("mcp:read"))
			.build();
	}

	/** A workload JWT as a platform issues it, signed with a key of its own. */
	private String jwt(Instant expiresAt) throws Exception {
		ECKey platformKey = new ECKeyGenerator(Curve.P_256).generate();
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer("https://kubernetes.default.svc")
			.subject("system:serviceaccount:tools:mcp-client")
			.audience(this.fake.issuer())
			.issueTime(Date.from(this.clock.instant().minus(Duration.ofSeconds(5))));
		if (expiresAt != null) {
			claims.expirationTime(Date.from(expiresAt));
		}
		SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.ES256), claims.build());
		jwt.sign(new ECDSASigner(platformKey));
		return jwt.serialize();
	}

}
