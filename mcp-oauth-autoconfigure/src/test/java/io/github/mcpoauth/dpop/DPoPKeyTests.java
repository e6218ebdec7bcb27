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

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The claims and header of the proofs a {@link DPoPKey} signs (RFC 9449 §4.2), and the key's
 * life as a stored JWK.
 */
class DPoPKeyTests {

	private static final URI MCP = URI.create("https://mcp.example/mcp");

	private static final Instant NOW = Instant.parse("2026-07-28T10:00:00Z");

	private final DPoPKey key = DPoPKey.generate("ES256");

	@Test
	void proofHasTypeAlgorithmAndThePublicKeyOnly() throws Exception {
		SignedJWT proof = SignedJWT.parse(this.key.proof("POST", MCP, "at-1", null, NOW));

		assertThat(proof.getHeader().getType()).isEqualTo(new JOSEObjectType("dpop+jwt"));
		assertThat(proof.getHeader().getAlgorithm().getName()).isEqualTo("ES256");
		JWK jwk = proof.getHeader().getJWK();
		assertThat(jwk.isPrivate()).isFalse();
		assertThat(jwk.toJSONObject()).doesNotContainKey("d").containsEntry("kty", "EC").containsEntry("crv", "P-256");
		assertThat(jwk.computeThumbprint().toString()).isEqualTo(this.key.thumbprint());
		assertThat(proof.verify(new DefaultJWSVerifierFactory().createJWSVerifier(proof.getHeader(),
				jwk.toECKey().toPublicKey()))).isTrue();
	}

	@Test
	void proofNamesTheRequestMethodUriAndTime() throws Exception {
		JWTClaimsSet claims = claims(this.key.proof("GET", MCP, "at-1", null, NOW));

		assertThat(claims.getStringClaim("htm")).isEqualTo("GET");
		assertThat(claims.getStringClaim("htu")).isEqualTo("https://mcp.example/mcp");
		assertThat(claims.getIssueTime().toInstant()).isEqualTo(NOW);
		assertThat(claims.getClaim("nonce")).isNull();
	}

	@Test
	void proofHtuLeavesOutQueryAndFragment() throws Exception {
		URI withQuery = URI.create("https://mcp.example/mcp/sse?session=abc&x=1#frag");

		assertThat(claims(this.key.proof("GET", withQuery, "at-1", null, NOW)).getStringClaim("htu"))
			.isEqualTo("https://mcp.example/mcp/sse");
	}

	@Test
	void proofForAResourceRequestCarriesTheHashOfTheAccessToken() throws Exception {
		String accessToken = "eyJ.access.token";
		byte[] sha256 = MessageDigest.getInstance("SHA-256").digest(accessToken.getBytes(StandardCharsets.US_ASCII));

		assertThat(claims(this.key.proof("POST", MCP, accessToken, null, NOW)).getStringClaim("ath"))
			.isEqualTo(Base64.getUrlEncoder().withoutPadding().encodeToString(sha256));
	}

	@Test
	void proofForATokenRequestHasNoAth() throws Exception {
		assertThat(claims(this.key.proof("POST", URI.create("https://as.example/token"), null, null, NOW)).getClaims())
			.doesNotContainKey("ath");
	}

	@Test
	void proofCarriesTheServersNonceWhenOneIsKnown() throws Exception {
		assertThat(claims(this.key.proof("POST", MCP, "at-1", "n-42", NOW)).getStringClaim("nonce")).isEqualTo("n-42");
	}

	@Test
	void everyProofHasItsOwnJti() throws Exception {
		Set<String> ids = new HashSet<>();
		for (int i = 0; i < 200; i++) {
			String jti = claims(this.key.proof("POST", MCP, "at-1", null, NOW)).getJWTID();
			assertThat(Base64.getUrlDecoder().decode(jti)).hasSizeGreaterThanOrEqualTo(16);
			ids.add(jti);
		}
		assertThat(ids).hasSize(200);
	}

	@Test
	void keyReadBackFromItsJwkHasTheSameThumbprintAndSignsVerifiableProofs() throws Exception {
		Map<String, Object> stored = this.key.toJwk();
		DPoPKey restored = DPoPKey.fromJwk(stored);

		assertThat(stored).containsKey("d").containsEntry("alg", "ES256");
		assertThat(restored).isEqualTo(this.key);
		assertThat(restored.thumbprint()).isEqualTo(this.key.thumbprint());
		SignedJWT proof = SignedJWT.parse(restored.proof("POST", MCP, "at-1", null, NOW));
		assertThat(proof.getHeader().getJWK().computeThumbprint().toString()).isEqualTo(this.key.thumbprint());
	}

	@Test
	void rsaAndOtherCurvesCanBeGenerated() throws Exception {
		for (String algorithm : List.of("ES384", "ES512", "RS256", "PS256")) {
			DPoPKey other = DPoPKey.generate(algorithm);
			SignedJWT proof = SignedJWT.parse(other.proof("POST", MCP, null, null, NOW));
			assertThat(proof.getHeader().getAlgorithm().getName()).isEqualTo(algorithm);
			assertThat(proof.getHeader().getJWK().isPrivate()).isFalse();
		}
	}

	@Test
	void toStringShowsAlgorithmAndThumbprintButNoKeyMaterial() {
		String d = String.valueOf(this.key.toJwk().get("d"));

		assertThat(this.key.toString()).contains("ES256", this.key.thumbprint()).doesNotContain(d);
	}

	@Test
	void fromJwkWhenPublicOrUnsupportedThenRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> DPoPKey.fromJwk(this.key.publicJwk()));
		assertThatIllegalArgumentException().isThrownBy(() -> DPoPKey.generate("HS256"));
		assertThatIllegalArgumentException().isThrownBy(() -> DPoPKey.fromJwk(Map.of("kty", "oct", "k", "c2VjcmV0")));
	}

	@Test
	void chooseAlgorithmPrefersES256AndSkipsWhatThisClientCannotSign() {
		assertThat(DPoP.chooseAlgorithm(List.of("RS256", "ES256"))).isEqualTo("ES256");
		assertThat(DPoP.chooseAlgorithm(List.of("EdDSA", "RS256"))).isEqualTo("RS256");
		assertThat(DPoP.chooseAlgorithm(List.of("EdDSA"))).isNull();
		assertThat(DPoP.chooseAlgorithm(List.of())).isNull();
	}

	@Test
	void noncesAreRememberedPerServer() {
		DPoPNonces nonces = new DPoPNonces();

		assertThat(nonces.remember("a", "n1")).isTrue();
		assertThat(nonces.remember("a", "n1")).isFalse();
		assertThat(nonces.remember("a", null)).isFalse();
		assertThat(nonces.remember("b", "n2")).isTrue();
		assertThat(nonces.get("a")).isEqualTo("n1");
		assertThat(nonces.get("b")).isEqualTo("n2");
		assertThat(nonces.get("c")).isNull();
	}

	private static JWTClaimsSet claims(String proof) throws Exception {
		return SignedJWT.parse(proof).getJWTClaimsSet();
	}

}
