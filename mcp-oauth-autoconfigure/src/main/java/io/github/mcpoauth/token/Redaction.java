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

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Shows secrets without giving them away: by their length only, or by a short fixed prefix
 * and a fingerprint. Never more than 6 characters of a token, whatever its length.
 */
public final class Redaction {

	/** How many leading characters of a token {@link #fingerprint(String)} shows. */
	public static final int PREFIX_LENGTH = 6;

	/** Tokens shorter than this show no prefix: 6 characters would be too large a part of them. */
	private static final int MIN_LENGTH_FOR_PREFIX = 24;

	/** Bytes of the SHA-256 digest shown, as hexadecimal: 8 characters. */
	private static final int FINGERPRINT_BYTES = 4;

	private Redaction() {
	}

	/**
	 * Redacts a secret for {@code toString()} and logs: only its length is shown.
	 * @param secret the secret
	 * @return a placeholder saying how long the secret is
	 */
	public static String redact(String secret) {
		return "[redacted " + secret.length() + " chars]";
	}

	/**
	 * A short form that tells tokens apart without showing them, as the CLI prints a token:
	 * its first 6 characters and a fingerprint, the first 8 hexadecimal digits of the SHA-256
	 * of the whole token, for example {@code eyJraW... sha256:3f9a1c2b}. A token shorter than
	 * 24 characters shows the fingerprint only. The fingerprint of a token is always the same,
	 * so two outputs show whether they name one token, and 32 bits of a digest tell nothing
	 * usable about a token of 128 bits or more.
	 * @param token the token
	 * @return the short form
	 */
	public static String fingerprint(String token) {
		String digest = "sha256:" + sha256(token);
		if (token.length() < MIN_LENGTH_FOR_PREFIX) {
			return digest;
		}
		return token.substring(0, PREFIX_LENGTH) + "... " + digest;
	}

	private static String sha256(String value) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest, 0, FINGERPRINT_BYTES);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required of every Java platform", ex);
		}
	}

}
