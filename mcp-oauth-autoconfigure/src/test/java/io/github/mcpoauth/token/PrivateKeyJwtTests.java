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

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import io.github.mcpoauth.core.McpOAuthErrorCode;
import org.junit.jupiter.api.Test;

import static io.github.mcpoauth.testsupport.McpOAuthAssertions.expectThrown;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PrivateKeyJwt} (RFC 7523 §2.2, §3).
 */
class PrivateKeyJwtTests {

	private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

	@Test
	void fromPemWhenEcP256KeyThenSignsWithEs256() throws Exception {
		KeyPair keyPair = TokenEndpointClientTests.ecKeyPair();

		String assertion = PrivateKeyJwt.fromPem(TokenEndpointClientTests.pem(keyPair), null)
			.assertion("client", "https://as.example", Clock.fixed(NOW, ZoneOffset.UTC));

		SignedJWT jwt = SignedJWT.parse(assertion);
		assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
		assertThat(jwt.getJWTClaimsSet().getIssueTime().toInstant()).isEqualTo(NOW);
		assertThat(jwt.getJWTClaimsSet().getExpirationTime().toInstant()).isEqualTo(NOW.plusSeconds(300));
	}

	@Test
	void fromPemWhenRsaKeyThenSignsWithRs256() throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		KeyPair keyPair = generator.generateKeyPair();

		String assertion = PrivateKeyJwt.fromPem(TokenEndpointClientTests.pem(keyPair), null)
			.assertion("client", "https://as.example", Clock.systemUTC());

		SignedJWT jwt = SignedJWT.parse(assertion);
		assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
		assertThat(jwt.verify(new RSASSAVerifier((RSAPublicKey) keyPair.getPublic()))).isTrue();
		assertThat(jwt.getJWTClaimsSet().getAudience()).containsExactly("https://as.example");
	}

	@Test
	void fromPemWhenNotPemThenInvalidConfiguration() {
		expectThrown(() -> PrivateKeyJwt.fromPem("-----BEGIN PRIVATE KEY-----\n%%%\n-----END PRIVATE KEY-----", null),
				McpOAuthErrorCode.INVALID_CONFIGURATION);
		expectThrown(() -> PrivateKeyJwt.fromPem("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----", null),
				McpOAuthErrorCode.INVALID_CONFIGURATION);
	}

	@Test
	void toStringThenNeverShowsTheKey() throws Exception {
		String pem = TokenEndpointClientTests.pem(TokenEndpointClientTests.ecKeyPair());
		String keyMaterial = pem.split("\n")[1];

		String text = PrivateKeyJwt.fromPem(pem, null).toString();

		assertThat(text).doesNotContain(keyMaterial).contains("ES256").contains("[redacted]");
	}

}
