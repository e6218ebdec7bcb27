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

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.github.mcpoauth.core.McpOAuthErrorCode;
import io.github.mcpoauth.core.McpOAuthException;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Client authentication with a signed JWT (RFC 7523 §2.2, {@code private_key_jwt}): the
 * assertion has {@code iss} = {@code sub} = the client id, {@code aud} = the authorization
 * server's issuer (RFC 7523 §3), a short lifetime and a unique {@code jti}. Signing uses
 * Nimbus JOSE with a PKCS#8 PEM private key (RSA or EC).
 *
 * <p>{@link #toString()} never shows the key.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7523#section-2.2">RFC 7523 §2.2</a>
 */
public final class PrivateKeyJwt {

	/** The {@code client_assertion_type} of a JWT client assertion (RFC 7523 §2.2). */
	public static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

	private static final long LIFETIME_SECONDS = 300;

	private final JWSSigner signer;

	private final JWSAlgorithm algorithm;

	private PrivateKeyJwt(JWSSigner signer, JWSAlgorithm algorithm) {
		this.signer = signer;
		this.algorithm = algorithm;
	}

	/**
	 * @param pem a PKCS#8 private key ({@code -----BEGIN PRIVATE KEY-----})
	 * @param algorithm the JWS algorithm, or {@code null} for RS256 (RSA) or ES256/ES384/ES512 (EC, by curve)
	 * @return the signer
	 * @throws McpOAuthException ({@code INVALID_CONFIGURATION}) when the key cannot be read
	 */
	public static PrivateKeyJwt fromPem(String pem, @Nullable String algorithm) {
		Assert.hasText(pem, "pem cannot be empty");
		PrivateKey key = parse(pem);
		try {
			if (key instanceof ECPrivateKey ec) {
				JWSAlgorithm alg = (algorithm != null) ? JWSAlgorithm.parse(algorithm) : switch (ec.getParams().getOrder().bitLength()) {
					case 384 -> JWSAlgorithm.ES384;
					case 521 -> JWSAlgorithm.ES512;
					default -> JWSAlgorithm.ES256;
				};
				return new PrivateKeyJwt(new ECDSASigner(ec), alg);
			}
			if (key instanceof RSAPrivateKey rsa) {
				return new PrivateKeyJwt(new RSASSASigner(rsa),
						(algorithm != null) ? JWSAlgorithm.parse(algorithm) : JWSAlgorithm.RS256);
			}
		}
		catch (JOSEException ex) {
			throw invalidKey("it cannot sign: " + ex.getMessage(), ex);
		}
		throw invalidKey("only RSA and EC keys are supported", null);
	}

	private static PrivateKey parse(String pem) {
		String base64 = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
		byte[] der;
		try {
			der = Base64.getDecoder().decode(base64);
		}
		catch (IllegalArgumentException ex) {
			throw invalidKey("it is not PEM", ex);
		}
		for (String type : List.of("EC", "RSA")) {
			try {
				return KeyFactory.getInstance(type).generatePrivate(new PKCS8EncodedKeySpec(der));
			}
			catch (GeneralSecurityException ex) {
				// try the next key type
			}
		}
		throw invalidKey("it is not an unencrypted PKCS#8 RSA or EC key ('BEGIN PRIVATE KEY')", null);
	}

	private static McpOAuthException invalidKey(String reason, @Nullable Throwable cause) {
		return new McpOAuthException(McpOAuthErrorCode.INVALID_CONFIGURATION,
				"The configured client private key cannot be used: " + reason + ".", cause);
	}

	/**
	 * Signs a client assertion.
	 * @param clientId the client id ({@code iss} and {@code sub})
	 * @param audience the authorization server's issuer ({@code aud})
	 * @param clock the clock
	 * @return the compact JWS
	 */
	public String assertion(String clientId, String audience, Clock clock) {
		Instant now = clock.instant();
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(clientId)
			.subject(clientId)
			.audience(audience)
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plusSeconds(LIFETIME_SECONDS)))
			.jwtID(UUID.randomUUID().toString())
			.build();
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(this.algorithm).type(JOSEObjectType.JWT).build(), claims);
		try {
			jwt.sign(this.signer);
		}
		catch (JOSEException ex) {
			throw new McpOAuthException(McpOAuthErrorCode.INVALID_CONFIGURATION,
					"The client assertion could not be signed with " + this.algorithm + ": " + ex.getMessage() + ".", ex);
		}
		return jwt.serialize();
	}

	@Override
	public String toString() {
		return "PrivateKeyJwt[algorithm=" + this.algorithm + ", key=[redacted]]";
	}

}
