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

package io.github.mcpoauth.registration;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link OAuthClientRegistration}.
 */
class OAuthClientRegistrationTests {

	private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

	private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

	@Test
	void toStringThenNeverShowsTheSecret() {
		OAuthClientRegistration registration = registration("very-secret-value-123", null);

		assertThat(registration.toString()).doesNotContain("very-secret-value-123")
			.contains("[redacted]")
			.contains("client-1");
		assertThat(registration("", null).toString()).contains("[redacted]");
	}

	@Test
	void toStringWhenPublicClientThenSaysThereIsNoSecret() {
		assertThat(registration(null, null).toString()).contains("clientSecret=[none]");
	}

	@Test
	void isSecretExpiredWhenExpiryHasPassedThenTrue() {
		assertThat(registration("s", NOW.minusSeconds(1)).isSecretExpired(CLOCK)).isTrue();
		assertThat(registration("s", NOW).isSecretExpired(CLOCK)).isTrue();
	}

	@Test
	void isSecretExpiredWhenExpiryIsAheadOrAbsentOrZeroThenFalse() {
		assertThat(registration("s", NOW.plusSeconds(1)).isSecretExpired(CLOCK)).isFalse();
		assertThat(registration("s", null).isSecretExpired(CLOCK)).isFalse();
		assertThat(registration("s", Instant.EPOCH).isSecretExpired(CLOCK)).isFalse();
	}

	@Test
	void constructorWhenRedirectUrisChangeAfterwardsThenTheRegistrationDoesNot() {
		List<String> uris = new ArrayList<>(List.of("http://127.0.0.1/callback"));
		OAuthClientRegistration registration = new OAuthClientRegistration("https://as.example", "client-1", null,
				"none", uris, null, OAuthClientRegistration.Source.DYNAMIC);

		uris.add("https://evil.example");

		assertThat(registration.redirectUris()).containsExactly("http://127.0.0.1/callback");
	}

	@Test
	void constructorWhenClientIdIsEmptyThenRejects() {
		assertThatIllegalArgumentException().isThrownBy(() -> new OAuthClientRegistration("https://as.example", "",
				null, "none", List.of(), null, OAuthClientRegistration.Source.DYNAMIC));
	}

	private static OAuthClientRegistration registration(String secret, Instant expiresAt) {
		return new OAuthClientRegistration("https://as.example", "client-1", secret, "client_secret_basic",
				List.of("http://127.0.0.1/callback"), expiresAt, OAuthClientRegistration.Source.DYNAMIC);
	}

}
