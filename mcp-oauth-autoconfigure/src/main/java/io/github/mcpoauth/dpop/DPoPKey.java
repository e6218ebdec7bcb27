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
import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.oauth2.sdk.dpop.DPoPProofFactory;
import com.nimbusds.oauth2.sdk.dpop.DefaultDPoPProofFactory;
import com.nimbusds.oauth2.sdk.id.JWTID;
import com.nimbusds.oauth2.sdk.token.DPoPAccessToken;
import com.nimbusds.openid.connect.sdk.Nonce;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The key pair a client proves possession of with DPoP (RFC 9449): tokens issued for a proof
 * signed with it are bound to its public key's thumbprint ({@code cnf.jkt}, RFC 9449 §6), and
 * every later request with such a token carries a fresh proof signed with it.
 *
 * <p>Proofs are made by Nimbus's {@link DefaultDPoPProofFactory}: header {@code typ}
 * {@code dpop+jwt}, the algorithm, and the <em>public</em> key as {@code jwk}; claims
 * {@code jti} (random, 128 bits), {@code htm}, {@code htu} (without query and fragment),
 * {@code iat}, {@code ath} (the SHA-256 of the access token, for resource requests) and
 * {@code nonce} when the server gave one (RFC 9449 §4.2).
 *
 * <p>The key travels with the tokens it binds ({@code OAuthToken#dpopKey()}), so stores keep it
 * as they keep tokens. {@link #toString()} shows the algorithm and the thumbprint, never the
 * private key.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9449#section-4.2">RFC 9449 §4.2</a>
 */
public final class DPoPKey {

	/** Random bytes in a proof's {@code jti}: more than the 96 bits RFC 9449 §11.1 and Nimbus ask for. */
	private static final int JTI_BYTES = 16;

	private final JWK jwk;

	private final JWSAlgorithm algorithm;

	private final String thumbprint;

	private final DPoPProofFactory proofs;

	private DPoPKey(JWK jwk) {
		Assert.isTrue(jwk.isPrivate(), "a DPoP key needs its private part");
		Assert.notNull(jwk.getAlgorithm(), "a DPoP key needs its algorithm (alg)");
		this.jwk = jwk;
		this.algorithm = JWSAlgorithm.parse(jwk.getAlgorithm().getName());
		Assert.isTrue(DPoP.ALGORITHMS.contains(this.algorithm.getName()),
				() -> "unsupported DPoP algorithm " + this.algorithm);
		try {
			this.thumbprint = jwk.computeThumbprint().toString();
			this.proofs = new DefaultDPoPProofFactory(jwk, this.algorithm);
		}
		catch (JOSEException ex) {
			throw new IllegalArgumentException("Not a usable " + this.algorithm + " key: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Generates a key pair for an algorithm: a P-256, P-384 or P-521 EC key for ES256, ES384
	 * and ES512, a 2048-bit RSA key for the RS and PS algorithms. Generating an RSA key takes
	 * tens of milliseconds: call this off event-loop threads.
	 * @param algorithm one of {@link DPoP#ALGORITHMS}
	 * @return the new key
	 */
	public static DPoPKey generate(String algorithm) {
		Assert.isTrue(DPoP.ALGORITHMS.contains(algorithm), () -> "unsupported DPoP algorithm " + algorithm);
		JWSAlgorithm alg = JWSAlgorithm.parse(algorithm);
		try {
			JWK jwk = switch (algorithm) {
				case "ES256" -> new ECKeyGenerator(Curve.P_256).algorithm(alg).keyUse(KeyUse.SIGNATURE).generate();
				case "ES384" -> new ECKeyGenerator(Curve.P_384).algorithm(alg).keyUse(KeyUse.SIGNATURE).generate();
				case "ES512" -> new ECKeyGenerator(Curve.P_521).algorithm(alg).keyUse(KeyUse.SIGNATURE).generate();
				default -> new RSAKeyGenerator(RSAKeyGenerator.MIN_KEY_SIZE_BITS).algorithm(alg)
					.keyUse(KeyUse.SIGNATURE)
					.generate();
			};
			return new DPoPKey(jwk);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Cannot generate a " + algorithm + " key", ex);
		}
	}

	/**
	 * Reads a key back from the private JWK of {@link #toJwk()}.
	 * @param jwk the JSON members of the private JWK (RFC 7517), with {@code alg}
	 * @return the key
	 * @throws IllegalArgumentException when it is not a private EC or RSA key with a supported {@code alg}
	 */
	public static DPoPKey fromJwk(Map<String, Object> jwk) {
		try {
			JWK parsed = JWK.parse(jwk);
			if (!(parsed instanceof ECKey) && !(parsed instanceof RSAKey)) {
				throw new IllegalArgumentException("a DPoP key must be an EC or RSA key");
			}
			return new DPoPKey(parsed);
		}
		catch (ParseException ex) {
			// the message could quote key material: do not repeat it
			throw new IllegalArgumentException("not a JSON Web Key");
		}
	}

	/**
	 * The key pair as a private JWK, to keep it with the tokens it binds. It holds the
	 * private key: store it only where tokens are stored.
	 * @return the JSON members of the private JWK
	 */
	public Map<String, Object> toJwk() {
		return this.jwk.toJSONObject();
	}

	/**
	 * @return the public key as a JWK (what every proof carries in its header)
	 */
	public Map<String, Object> publicJwk() {
		return this.jwk.toPublicJWK().toJSONObject();
	}

	/**
	 * @return the JWS algorithm proofs are signed with, for example {@code ES256}
	 */
	public String algorithm() {
		return this.algorithm.getName();
	}

	/**
	 * @return the base64url SHA-256 thumbprint of the public key (RFC 7638), the {@code jkt}
	 * that bound tokens carry in {@code cnf} (RFC 9449 §6.1)
	 */
	public String thumbprint() {
		return this.thumbprint;
	}

	/**
	 * Signs a fresh proof for one HTTP request (RFC 9449 §4.2).
	 * @param method the request method ({@code htm})
	 * @param uri the request URI; its query and fragment are left out of {@code htu}
	 * @param accessToken the access token the request carries, for {@code ath} (resource
	 * requests), or {@code null} (token requests)
	 * @param nonce the server's last {@code DPoP-Nonce}, or {@code null}
	 * @param issuedAt the proof's {@code iat}
	 * @return the compact JWS, the value of the {@code DPoP} header
	 */
	public String proof(String method, URI uri, @Nullable String accessToken, @Nullable String nonce,
			Instant issuedAt) {
		Assert.hasText(method, "method cannot be empty");
		Assert.notNull(uri, "uri cannot be null");
		Assert.notNull(issuedAt, "issuedAt cannot be null");
		try {
			return this.proofs
				.createDPoPJWT(new JWTID(JTI_BYTES), method, DPoP.htu(uri), Date.from(issuedAt),
						(accessToken != null) ? new DPoPAccessToken(accessToken) : null,
						(nonce != null) ? new Nonce(nonce) : null)
				.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Cannot sign a DPoP proof with the " + this.algorithm + " key", ex);
		}
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return (other instanceof DPoPKey key) && this.thumbprint.equals(key.thumbprint)
				&& this.algorithm.equals(key.algorithm);
	}

	@Override
	public int hashCode() {
		return this.thumbprint.hashCode();
	}

	@Override
	public String toString() {
		return "DPoPKey[alg=" + this.algorithm + ", jkt=" + this.thumbprint + "]";
	}

}
