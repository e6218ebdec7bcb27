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

package io.github.mcpoauth.sample.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.github.mcpoauth.store.EncryptedFileTokenStore;
import io.github.mcpoauth.store.TokenStore;
import io.github.mcpoauth.token.OAuthToken;
import io.github.mcpoauth.token.Redaction;

/**
 * How the command line shows a stored token: never whole (the first 6 characters of the
 * access token and a SHA-256 fingerprint, {@link Redaction#fingerprint(String)}; nothing of
 * the refresh token), its expiry in words and the backend it is kept in.
 */
final class TokenView {

	/** The status of a token that is usable as it is. */
	static final String VALID = "valid";

	/** The status of an expired (or about to expire) token that the next use refreshes. */
	static final String REFRESHABLE = "expired, refreshable";

	/** The status of an expired token that cannot be refreshed. */
	static final String EXPIRED = "expired";

	private TokenView() {
	}

	static String redacted(OAuthToken token) {
		return Redaction.fingerprint(token.accessToken());
	}

	/**
	 * @param token a token
	 * @param clock the clock that tells whether the token has expired
	 * @param clockSkew how long before its expiry the token counts as expired
	 * @return {@link #VALID}, {@link #REFRESHABLE} or {@link #EXPIRED}
	 */
	static String status(OAuthToken token, Clock clock, Duration clockSkew) {
		if (!token.isExpired(clock, clockSkew)) {
			return VALID;
		}
		return token.hasRefreshToken() ? REFRESHABLE : EXPIRED;
	}

	/**
	 * @return for example {@code 2025-11-22T12:00:00Z (in 59 min)} or
	 * {@code 2025-11-22T11:00:00Z (3 min ago)}
	 */
	static String expiry(OAuthToken token, Clock clock) {
		Instant expiresAt = token.expiresAt();
		if (expiresAt == null) {
			return "never (the server gave no expiry)";
		}
		Duration remaining = Duration.between(clock.instant(), expiresAt);
		String when = expiresAt.truncatedTo(ChronoUnit.SECONDS).toString();
		return when + (remaining.isNegative() ? " (" + Durations.words(remaining) + " ago)"
				: " (in " + Durations.words(remaining) + ")");
	}

	/**
	 * @param token a token
	 * @param clock the clock that tells whether the token has expired
	 * @param clockSkew how long before its expiry the token counts as expired
	 * @return the status and the expiry, for example {@code valid, expires in 59 min}
	 */
	static String summary(OAuthToken token, Clock clock, Duration clockSkew) {
		Instant expiresAt = token.expiresAt();
		String status = status(token, clock, clockSkew);
		if (expiresAt == null) {
			return status + ", no expiry";
		}
		Duration remaining = Duration.between(clock.instant(), expiresAt);
		if (remaining.isNegative()) {
			return status + " " + Durations.words(remaining) + " ago";
		}
		return status + ", expires in " + Durations.words(remaining);
	}

	/**
	 * Adds the lines that describe a token: the access token redacted, the type, the expiry,
	 * whether there is a refresh token, the scopes and the issuer.
	 * @param fields where to add them
	 * @param token the token
	 * @param clock the clock to tell the expiry with
	 * @return the fields, to add more
	 */
	static Fields describe(Fields fields, OAuthToken token, Clock clock) {
		return fields.add("Access token", redacted(token))
			.add("Token type", token.tokenType())
			.add("Expires", expiry(token, clock))
			.add("Refresh token", token.hasRefreshToken() ? "present" : "none")
			.add("Scopes", scopes(token))
			.add("Issuer", token.issuer());
	}

	static String scopes(OAuthToken token) {
		return token.scopes().isEmpty() ? "(none granted)" : String.join(" ", token.scopes().stream().sorted().toList());
	}

	/**
	 * @return the backend name, with the file and key source of the encrypted file
	 */
	static String backend(TokenStore store) {
		if (store instanceof EncryptedFileTokenStore file) {
			return store.backendName() + " (" + file.getStoreFile() + ", "
					+ (file.isPasswordProtected() ? "password" : "key file") + ")";
		}
		return store.backendName();
	}

}
