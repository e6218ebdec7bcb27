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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link OAuthToken}.
 */
class OAuthTokenTests {

	private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

	private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

	private static final String ACCESS_TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyIn0.c2lnbmF0dXJlLXNlY3JldA";

	private static final String REFRESH_TOKEN = "rt-7c4b1e0d-very-secret";

	@Test
	void isExpiredWhenExpiryIsBeyondTheSkewThenFalse() {
		assertThat(token(NOW.plusSeconds(61)).isExpired(CLOCK, Duration.ofSeconds(60))).isFalse();
	}

	@Test
	void isExpiredWhenExpiryIsWithinTheSkewThenTrue() {
		assertThat(token(NOW.plusSeconds(30)).isExpired(CLOCK, Duration.ofSeconds(60))).isTrue();
		assertThat(token(NOW.plusSeconds(60)).isExpired(CLOCK, Duration.ofSeconds(60))).isTrue();
	}

	@Test
	void isExpiredWhenNoSkewThenExpiresExactlyAtExpiresAt() {
		assertThat(token(NOW.plusMillis(1)).isExpired(CLOCK, Duration.ZERO)).isFalse();
		assertThat(token(NOW).isExpired(CLOCK, Duration.ZERO)).isTrue();
		assertThat(token(NOW.minusSeconds(1)).isExpired(CLOCK, Duration.ZERO)).isTrue();
	}

	@Test
	void isExpiredWhenExpiryIsUnknownThenNever() {
		assertThat(token(null).isExpired(Clock.fixed(Instant.MAX, ZoneOffset.UTC), OAuthToken.DEFAULT_CLOCK_SKEW))
			.isFalse();
	}

	@Test
	void authorizationHeaderThenIsTheBearerScheme() {
		assertThat(token(null).authorizationHeader()).isEqualTo("Bearer " + ACCESS_TOKEN);
	}

	@Test
	void toStringThenNeverShowsTheAccessOrRefreshToken() {
		String text = token(NOW).toString();

		assertThat(text).doesNotContain(ACCESS_TOKEN)
			.doesNotContain(ACCESS_TOKEN.substring(0, 12))
			.doesNotContain(REFRESH_TOKEN)
			.contains("[redacted " + ACCESS_TOKEN.length() + " chars]")
			.contains("refreshToken=[present]");
	}

	@Test
	void hasRefreshTokenWhenNullOrEmptyThenFalse() {
		OAuthToken none = OAuthToken.builder()
			.accessToken("a")
			.issuedAt(NOW)
			.issuer("iss")
			.resource("res")
			.build();
		OAuthToken empty = OAuthToken.builder()
			.accessToken("a")
			.refreshToken("")
			.issuedAt(NOW)
			.issuer("iss")
			.resource("res")
			.build();

		assertThat(none.hasRefreshToken()).isFalse();
		assertThat(empty.hasRefreshToken()).isFalse();
		assertThat(none.toString()).contains("refreshToken=[none]");
	}

	@Test
	void withScopesThenCopiesEverythingElse() {
		OAuthToken token = token(NOW);

		OAuthToken widened = token.withScopes(Set.of("a", "b"));

		assertThat(widened.scopes()).containsExactlyInAnyOrder("a", "b");
		assertThat(widened).usingRecursiveComparison().ignoringFields("scopes").isEqualTo(token);
	}

	@Test
	void buildWhenScopesChangeAfterwardsThenTheTokenDoesNot() {
		Set<String> scopes = new HashSet<>(Set.of("a"));
		OAuthToken token = OAuthToken.builder()
			.accessToken("a")
			.issuedAt(NOW)
			.issuer("iss")
			.resource("res")
			.scopes(scopes)
			.build();

		scopes.add("b");

		assertThat(token.scopes()).containsExactly("a");
	}

	@Test
	void buildWhenAccessTokenIsEmptyThenRejects() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> OAuthToken.builder()
				.accessToken("")
				.issuedAt(NOW)
				.issuer("iss")
				.resource("res")
				.build());
	}

	@Test
	void buildWhenARequiredValueIsMissingThenRejectsNamingIt() {
		assertThatIllegalArgumentException().isThrownBy(() -> OAuthToken.builder().issuedAt(NOW).issuer("i").resource("r").build())
			.withMessageContaining("accessToken");
		assertThatIllegalArgumentException().isThrownBy(() -> OAuthToken.builder().accessToken("a").issuer("i").resource("r").build())
			.withMessageContaining("issuedAt");
		assertThatIllegalArgumentException().isThrownBy(() -> OAuthToken.builder().accessToken("a").issuedAt(NOW).resource("r").build())
			.withMessageContaining("issuer");
		assertThatIllegalArgumentException().isThrownBy(() -> OAuthToken.builder().accessToken("a").issuedAt(NOW).issuer("i").build())
			.withMessageContaining("resource");
	}

	@Test
	void buildWhenNoTypeOrScopesAreSetThenABearerTokenWithoutScopes() {
		OAuthToken token = OAuthToken.builder().accessToken("a").issuedAt(NOW).issuer("i").resource("r").build();

		assertThat(token.tokenType()).isEqualTo(OAuthToken.BEARER);
		assertThat(token.scopes()).isEmpty();
		assertThat(token.refreshToken()).isNull();
		assertThat(token.expiresAt()).isNull();
		assertThat(token.dpopKey()).isNull();
	}

	@Test
	void mutateThenBuildsAnEqualTokenUnlessAValueChanges() {
		OAuthToken token = token(NOW.plusSeconds(300));

		OAuthToken copy = token.mutate().build();
		OAuthToken expired = token.mutate().expiresAt(NOW).build();

		assertThat(copy).isEqualTo(token).hasSameHashCodeAs(token).isNotSameAs(token);
		assertThat(expired).isNotEqualTo(token);
		assertThat(expired).usingRecursiveComparison().ignoringFields("expiresAt").isEqualTo(token);
		assertThat(expired.expiresAt()).isEqualTo(NOW);
	}

	@Test
	void redactThenShowsOnlyTheLength() {
		assertThat(Redaction.redact("abcdef")).isEqualTo("[redacted 6 chars]");
	}

	@Test
	void fingerprintThenShowsSixCharactersAndADigestWhateverTheLength() {
		String token32 = "0123456789abcdefghijklmnopqrstuv";
		String token1k = "x".repeat(1024);

		assertThat(Redaction.fingerprint(token32)).isEqualTo("012345... sha256:" + sha256Prefix(token32));
		assertThat(Redaction.fingerprint(token1k)).isEqualTo("xxxxxx... sha256:" + sha256Prefix(token1k));
		assertThat(Redaction.fingerprint(ACCESS_TOKEN)).startsWith(ACCESS_TOKEN.substring(0, 6) + "... sha256:")
			.doesNotContain(ACCESS_TOKEN.substring(0, 7))
			.doesNotContain(ACCESS_TOKEN.substring(ACCESS_TOKEN.length() - 4));
	}

	@Test
	void fingerprintWhenTokenIsShortThenShowsNoCharacterOfIt() {
		assertThat(Redaction.fingerprint("short-token")).matches("sha256:[0-9a-f]{8}");
	}

	@Test
	void fingerprintThenTellsTokensApartAndNamesOneTokenTheSameWay() {
		String one = "a".repeat(32);
		String other = "a".repeat(31) + "b";

		assertThat(Redaction.fingerprint(one)).isEqualTo(Redaction.fingerprint("a".repeat(32)))
			.isNotEqualTo(Redaction.fingerprint(other));
	}

	private static String sha256Prefix(String value) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest(value.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest).substring(0, 8);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static OAuthToken token(Instant expiresAt) {
		return OAuthToken.builder()
			.accessToken(ACCESS_TOKEN)
			.refreshToken(REFRESH_TOKEN)
			.issuedAt(NOW.minusSeconds(3600))
			.expiresAt(expiresAt)
			.issuer("https://as.example")
			.resource("https://mcp.example/mcp")
			.scopes(Set.of("mcp:read"))
			.build();
	}

}
