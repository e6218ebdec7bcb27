package io.github.mcpoauth.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import io.github.mcpoauth.dpop.DPoP;
import io.github.mcpoauth.dpop.DPoPKey;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * An access token (and its refresh token) held for one MCP server: what it is, where it
 * came from and until when it is good. Expiry is absolute so a token read back after a
 * restart is judged correctly.
 *
 * <p>A token may carry the DPoP key of its server and principal (RFC 9449): the key a
 * {@code DPoP} token is bound to, which every request with it must prove possession of, and
 * which later tokens of the same principal reuse. Stores keep it with the token, protected as
 * the token is.
 *
 * <p>{@link #toString()} never shows the access or the refresh token, nor the DPoP private key.
 *
 * @param accessToken the access token (RFC 6749 §5.1)
 * @param tokenType the token type: {@code Bearer} (RFC 6750) or {@code DPoP} (RFC 9449 §5)
 * @param refreshToken the refresh token, or {@code null} when none was issued
 * @param issuedAt when the token was received
 * @param expiresAt absolute expiry, or {@code null} when the server gave no {@code expires_in}
 * @param issuer the issuer of the authorization server that issued it
 * @param resource the canonical MCP server URL it was issued for (RFC 8707 §2)
 * @param scopes the granted scopes (the requested ones where the response omits {@code scope})
 * @param dpopKey the DPoP key of the server and principal, or {@code null} when DPoP is not used
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-5.1">RFC 6749 §5.1</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9449#section-5">RFC 9449 §5</a>
 */
public record OAuthToken(String accessToken, String tokenType, @Nullable String refreshToken, Instant issuedAt,
		@Nullable Instant expiresAt, String issuer, String resource, Set<String> scopes, @Nullable DPoPKey dpopKey) {

	/** The default margin before expiry at which a token is treated as expired. */
	public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(60);

	public OAuthToken {
		Assert.hasText(accessToken, "accessToken cannot be empty");
		Assert.hasText(tokenType, "tokenType cannot be empty");
		Assert.notNull(issuedAt, "issuedAt cannot be null");
		Assert.notNull(issuer, "issuer cannot be null");
		Assert.notNull(resource, "resource cannot be null");
		scopes = Set.copyOf(scopes);
		if (DPoP.isDPoP(tokenType)) {
			Assert.notNull(dpopKey, "a DPoP token needs its dpopKey");
		}
	}

	/**
	 * A token without DPoP key.
	 * @param accessToken the access token
	 * @param tokenType the token type
	 * @param refreshToken the refresh token, or {@code null}
	 * @param issuedAt when the token was received
	 * @param expiresAt absolute expiry, or {@code null}
	 * @param issuer the issuer of the authorization server
	 * @param resource the RFC 8707 resource it was issued for
	 * @param scopes the granted scopes
	 */
	public OAuthToken(String accessToken, String tokenType, @Nullable String refreshToken, Instant issuedAt,
			@Nullable Instant expiresAt, String issuer, String resource, Set<String> scopes) {
		this(accessToken, tokenType, refreshToken, issuedAt, expiresAt, issuer, resource, scopes, null);
	}

	/**
	 * The value of the {@code Authorization} header for this token: {@code Bearer <token>}
	 * (RFC 6750 §2.1), or {@code DPoP <token>} for a DPoP-bound token (RFC 9449 §7.1), which
	 * must travel with a fresh proof in the {@code DPoP} header (made by the engine, see
	 * {@code McpOAuthClient#dpopProof}).
	 * @return the header value
	 */
	public String authorizationHeader() {
		return isDPoP() ? DPoP.SCHEME + " " + this.accessToken : "Bearer " + this.accessToken;
	}

	/**
	 * @return whether this token is DPoP-bound ({@code token_type} {@code DPoP}): every
	 * request with it needs a proof signed with {@link #dpopKey()}
	 */
	public boolean isDPoP() {
		return DPoP.isDPoP(this.tokenType);
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
				this.issuer, this.resource, newScopes, this.dpopKey);
	}

	/**
	 * A copy of this token with the given DPoP key.
	 * @param key the key, or {@code null} for none
	 * @return the copy
	 */
	public OAuthToken withDPoPKey(@Nullable DPoPKey key) {
		return new OAuthToken(this.accessToken, this.tokenType, this.refreshToken, this.issuedAt, this.expiresAt,
				this.issuer, this.resource, this.scopes, key);
	}

	@Override
	public String toString() {
		return "OAuthToken[tokenType=" + this.tokenType + ", accessToken=" + Redaction.redact(this.accessToken)
				+ ", refreshToken=" + (hasRefreshToken() ? "[present]" : "[none]") + ", issuedAt=" + this.issuedAt
				+ ", expiresAt=" + this.expiresAt + ", issuer=" + this.issuer + ", resource=" + this.resource
				+ ", scopes=" + this.scopes + ((this.dpopKey != null) ? ", dpopKey=" + this.dpopKey : "") + "]";
	}

}
