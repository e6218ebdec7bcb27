package io.github.mcpoauth.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * An access token (and its refresh token) held for one MCP server: what it is, where it
 * came from and until when it is good. Expiry is absolute so a token read back after a
 * restart is judged correctly.
 *
 * <p>{@link #toString()} never shows the access or the refresh token.
 *
 * @param accessToken the access token (RFC 6749 §5.1)
 * @param tokenType the token type, normally {@code Bearer} (RFC 6750)
 * @param refreshToken the refresh token, or {@code null} when none was issued
 * @param issuedAt when the token was received
 * @param expiresAt absolute expiry, or {@code null} when the server gave no {@code expires_in}
 * @param issuer the issuer of the authorization server that issued it
 * @param resource the canonical MCP server URL it was issued for (RFC 8707 §2)
 * @param scopes the granted scopes (the requested ones where the response omits {@code scope})
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-5.1">RFC 6749 §5.1</a>
 */
public record OAuthToken(String accessToken, String tokenType, @Nullable String refreshToken, Instant issuedAt,
		@Nullable Instant expiresAt, String issuer, String resource, Set<String> scopes) {

	/** The default margin before expiry at which a token is treated as expired. */
	public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(60);

	public OAuthToken {
		Assert.hasText(accessToken, "accessToken cannot be empty");
		Assert.hasText(tokenType, "tokenType cannot be empty");
		Assert.notNull(issuedAt, "issuedAt cannot be null");
		Assert.notNull(issuer, "issuer cannot be null");
		Assert.notNull(resource, "resource cannot be null");
		scopes = Set.copyOf(scopes);
	}

	/**
	 * The value of the {@code Authorization} header for this token (RFC 6750 §2.1).
	 * @return {@code "Bearer <token>"}
	 */
	public String authorizationHeader() {
		return "Bearer " + this.accessToken;
	}

	/**
	 * Whether the token is expired, or will be within {@code clockSkew}.
	 * @param clock the clock to read now from
	 * @param clockSkew the safety margin
	 * @return {@code true} when the token should no longer be sent
	 */
	public boolean isExpired(Clock clock, Duration clockSkew) {
		return this.expiresAt != null && !clock.instant().plus(clockSkew).isBefore(this.expiresAt);
	}

	public boolean hasRefreshToken() {
		return this.refreshToken != null && !this.refreshToken.isEmpty();
	}

	/**
	 * A copy of this token with the given scopes.
	 * @param newScopes the scopes
	 * @return the copy
	 */
	public OAuthToken withScopes(Set<String> newScopes) {
		return new OAuthToken(this.accessToken, this.tokenType, this.refreshToken, this.issuedAt, this.expiresAt,
				this.issuer, this.resource, newScopes);
	}

	@Override
	public String toString() {
		return "OAuthToken[tokenType=" + this.tokenType + ", accessToken=" + Redaction.redact(this.accessToken)
				+ ", refreshToken=" + (hasRefreshToken() ? "[present]" : "[none]") + ", issuedAt=" + this.issuedAt
				+ ", expiresAt=" + this.expiresAt + ", issuer=" + this.issuer + ", resource=" + this.resource
				+ ", scopes=" + this.scopes + "]";
	}

}
