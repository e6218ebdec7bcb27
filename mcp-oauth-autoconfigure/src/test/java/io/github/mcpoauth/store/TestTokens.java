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

package io.github.mcpoauth.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import io.github.mcpoauth.registration.OAuthClientRegistration;
import io.github.mcpoauth.token.OAuthToken;

/**
 * Tokens and registrations whose secrets are easy to search for in stored bytes.
 */
final class TestTokens {

	static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");

	static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

	static final String ISSUER = "https://as.example.com";

	private TestTokens() {
	}

	static String accessToken(String serverName) {
		return "AT-SECRET-" + serverName + "-9f8e7d6c5b4a";
	}

	static String refreshToken(String serverName) {
		return "RT-SECRET-" + serverName + "-1a2b3c4d5e6f";
	}

	static String clientSecret(String serverName) {
		return "CS-SECRET-" + serverName + "-0011223344";
	}

	static OAuthToken token(String serverName) {
		return OAuthToken.builder()
			.accessToken(accessToken(serverName))
			.refreshToken(refreshToken(serverName))
			.issuedAt(NOW)
			.expiresAt(NOW.plus(Duration.ofHours(1)))
			.issuer(ISSUER)
			.resource("https://mcp.example.com/" + serverName)
			.scopes(Set.of("read", "write"))
			.build();
	}

	/** Expired an hour ago, with no refresh token: unusable. */
	static OAuthToken expiredWithoutRefresh(String serverName) {
		return OAuthToken.builder()
			.accessToken(accessToken(serverName))
			.issuedAt(NOW.minus(Duration.ofHours(2)))
			.expiresAt(NOW.minus(Duration.ofHours(1)))
			.issuer(ISSUER)
			.resource("https://mcp.example.com/" + serverName)
			.scopes(Set.of("read"))
			.build();
	}

	/** Expired an hour ago, but refreshable. */
	static OAuthToken expiredWithRefresh(String serverName) {
		return OAuthToken.builder()
			.accessToken(accessToken(serverName))
			.refreshToken(refreshToken(serverName))
			.issuedAt(NOW.minus(Duration.ofHours(2)))
			.expiresAt(NOW.minus(Duration.ofHours(1)))
			.issuer(ISSUER)
			.resource("https://mcp.example.com/" + serverName)
			.scopes(Set.of("read"))
			.build();
	}

	static OAuthClientRegistration registration(String serverName, String issuer) {
		return new OAuthClientRegistration(issuer, "client-" + serverName, clientSecret(serverName),
				"client_secret_basic", List.of("http://127.0.0.1/callback"), null,
				OAuthClientRegistration.Source.DYNAMIC);
	}

}
