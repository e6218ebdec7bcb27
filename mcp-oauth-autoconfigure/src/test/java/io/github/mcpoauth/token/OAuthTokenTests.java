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
		OAuthToken none = new OAuthToken("a", "Bearer", null, NOW, null, "iss", "res", Set.of());
		OAuthToken empty = new OAuthToken("a", "Bearer", "", NOW, null, "iss", "res", Set.of());

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
	void constructorWhenScopesChangeAfterwardsThenTheTokenDoesNot() {
		Set<String> scopes = new HashSet<>(Set.of("a"));
		OAuthToken token = new OAuthToken("a", "Bearer", null, NOW, null, "iss", "res", scopes);

		scopes.add("b");

		assertThat(token.scopes()).containsExactly("a");
	}

	@Test
	void constructorWhenAccessTokenIsEmptyThenRejects() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new OAuthToken("", "Bearer", null, NOW, null, "iss", "res", Set.of()));
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
		return new OAuthToken(ACCESS_TOKEN, "Bearer", REFRESH_TOKEN, NOW.minusSeconds(3600), expiresAt,
				"https://as.example", "https://mcp.example/mcp", Set.of("mcp:read"));
	}

}
