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

package io.github.mcpoauth.authorization;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A PKCE code verifier and its S256 challenge.
 *
 * @param codeVerifier 43 characters of base64url from 32 random bytes (RFC 7636 §4.1)
 * @param codeChallenge {@code BASE64URL(SHA256(code_verifier))} (RFC 7636 §4.2)
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7636">RFC 7636</a>
 */
public record Pkce(String codeVerifier, String codeChallenge) {

	/** The only method MCP clients use (RFC 7636 §4.2). */
	public static final String METHOD = "S256";

	private static final SecureRandom RANDOM = new SecureRandom();

	/**
	 * @return a fresh verifier and its challenge
	 */
	public static Pkce generate() {
		String verifier = randomUrlSafe(32);
		return new Pkce(verifier, challengeOf(verifier));
	}

	/**
	 * @param verifier a code verifier
	 * @return its S256 challenge
	 */
	public static String challengeOf(String verifier) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required of every Java platform", ex);
		}
	}

	/**
	 * @param bytes how many random bytes
	 * @return the bytes in unpadded base64url
	 */
	public static String randomUrlSafe(int bytes) {
		byte[] random = new byte[bytes];
		RANDOM.nextBytes(random);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
	}

	@Override
	public String toString() {
		return "Pkce[method=S256]";
	}

}
