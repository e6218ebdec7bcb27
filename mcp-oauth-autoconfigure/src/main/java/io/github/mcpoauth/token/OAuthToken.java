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

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
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
 * <p>Immutable, and built only through its {@link #builder() builder} (or a copy through
 * {@link #mutate()}), so that a property can be added without breaking callers:
 *
 * <pre class="code">
 * OAuthToken token = OAuthToken.builder()
 *     .accessToken("eyJhbGciOi...")
 *     .refreshToken("rt-1")
 *     .issuedAt(now)
 *     .expiresAt(now.plusSeconds(3600))
 *     .issuer("https://auth.example.com")
 *     .resource("https://mcp.example.com/mcp")
 *     .scopes(Set.of("mcp:tools"))
 *     .build();
 * OAuthToken expired = token.mutate().expiresAt(now).build();
 * </pre>
 *
 * <p>{@link #toString()} never shows the access or the refresh token, nor the DPoP private key.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-5.1">RFC 6749 §5.1</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9449#section-5">RFC 9449 §5</a>
 */
public final class OAuthToken {

	/** The default margin before expiry at which a token is treated as expired. */
	public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(60);

	/** The token type of a bearer token (RFC 6750), the builder's default. */
	public static final String BEARER = "Bearer";

	private final String accessToken;

	private final String tokenType;

	private final @Nullable String refreshToken;

	private final Instant issuedAt;

	private final @Nullable Instant expiresAt;

	private final String issuer;

	private final String resource;

	private final Set<String> scopes;

	private final @Nullable DPoPKey dpopKey;

	private OAuthToken(Builder builder) {
		Assert.hasText(builder.accessToken, "accessToken cannot be empty");
		Assert.hasText(builder.tokenType, "tokenType cannot be empty");
		Assert.notNull(builder.issuedAt, "issuedAt cannot be null");
		Assert.notNull(builder.issuer, "issuer cannot be null");
		Assert.notNull(builder.resource, "resource cannot be null");
		if (DPoP.isDPoP(builder.tokenType)) {
			Assert.notNull(builder.dpopKey, "a DPoP token needs its dpopKey");
		}
		this.accessToken = builder.accessToken;
		this.tokenType = builder.tokenType;
		this.refreshToken = builder.refreshToken;
		this.issuedAt = builder.issuedAt;
		this.expiresAt = builder.expiresAt;
		this.issuer = builder.issuer;
		this.resource = builder.resource;
		this.scopes = Set.copyOf(builder.scopes);
		this.dpopKey = builder.dpopKey;
	}

	/**
	 * A builder of a token: {@code accessToken}, {@code issuedAt}, {@code issuer} and
	 * {@code resource} must be set; the token type is {@value #BEARER} unless set, the scopes
	 * are none unless set.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * A builder that starts from this token's values, to build a changed copy.
	 * @return a new builder
	 */
	public Builder mutate() {
		return new Builder().accessToken(this.accessToken)
			.tokenType(this.tokenType)
			.refreshToken(this.refreshToken)
			.issuedAt(this.issuedAt)
			.expiresAt(this.expiresAt)
			.issuer(this.issuer)
			.resource(this.resource)
			.scopes(this.scopes)
			.dpopKey(this.dpopKey);
	}

	/**
	 * @return the access token (RFC 6749 §5.1)
	 */
	public String accessToken() {
		return this.accessToken;
	}

	/**
	 * @return the token type: {@code Bearer} (RFC 6750) or {@code DPoP} (RFC 9449 §5)
	 */
	public String tokenType() {
		return this.tokenType;
	}

	/**
	 * @return the refresh token, or {@code null} when none was issued
	 */
	public @Nullable String refreshToken() {
		return this.refreshToken;
	}

	/**
	 * @return when the token was received
	 */
	public Instant issuedAt() {
		return this.issuedAt;
	}

	/**
	 * @return absolute expiry, or {@code null} when the server gave no {@code expires_in}
	 */
	public @Nullable Instant expiresAt() {
		return this.expiresAt;
	}

	/**
	 * @return the issuer of the authorization server that issued it
	 */
	public String issuer() {
		return this.issuer;
	}

	/**
	 * @return the canonical MCP server URL it was issued for (RFC 8707 §2)
	 */
	public String resource() {
		return this.resource;
	}

	/**
	 * @return the granted scopes (the requested ones where the response omits
	 * {@code scope}), unmodifiable
	 */
	public Set<String> scopes() {
		return this.scopes;
	}

	/**
	 * @return the DPoP key of the server and principal, or {@code null} when DPoP is not used
	 */
	public @Nullable DPoPKey dpopKey() {
		return this.dpopKey;
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
		return mutate().scopes(newScopes).build();
	}

	/**
	 * A copy of this token with the given DPoP key.
	 * @param key the key, or {@code null} for none
	 * @return the copy
	 */
	public OAuthToken withDPoPKey(@Nullable DPoPKey key) {
		return mutate().dpopKey(key).build();
	}

	@Override
	public String toString() {
		return "OAuthToken[tokenType=" + this.tokenType + ", accessToken=" + Redaction.redact(this.accessToken)
				+ ", refreshToken=" + (hasRefreshToken() ? "[present]" : "[none]") + ", issuedAt=" + this.issuedAt
				+ ", expiresAt=" + this.expiresAt + ", issuer=" + this.issuer + ", resource=" + this.resource
				+ ", scopes=" + this.scopes + ((this.dpopKey != null) ? ", dpopKey=" + this.dpopKey : "") + "]";
	}

	@Override
	public boolean equals(@Nullable Object other) {
		if (this == other) {
			return true;
		}
		return other instanceof OAuthToken that && this.accessToken.equals(that.accessToken)
				&& this.tokenType.equals(that.tokenType) && Objects.equals(this.refreshToken, that.refreshToken)
				&& this.issuedAt.equals(that.issuedAt) && Objects.equals(this.expiresAt, that.expiresAt)
				&& this.issuer.equals(that.issuer) && this.resource.equals(that.resource)
				&& this.scopes.equals(that.scopes) && Objects.equals(this.dpopKey, that.dpopKey);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.accessToken, this.tokenType, this.refreshToken, this.issuedAt, this.expiresAt,
				this.issuer, this.resource, this.scopes, this.dpopKey);
	}

	/**
	 * Builds an {@link OAuthToken}; see {@link OAuthToken#builder()}.
	 */
	public static final class Builder {

		private @Nullable String accessToken;

		private String tokenType = BEARER;

		private @Nullable String refreshToken;

		private @Nullable Instant issuedAt;

		private @Nullable Instant expiresAt;

		private @Nullable String issuer;

		private @Nullable String resource;

		private Set<String> scopes = Set.of();

		private @Nullable DPoPKey dpopKey;

		private Builder() {
		}

		/**
		 * @param accessToken the access token (RFC 6749 §5.1), required
		 * @return this builder
		 */
		public Builder accessToken(String accessToken) {
			this.accessToken = accessToken;
			return this;
		}

		/**
		 * @param tokenType {@code Bearer} (the default, RFC 6750) or {@code DPoP} (RFC 9449
		 * §5, which needs a {@link #dpopKey(DPoPKey) dpopKey})
		 * @return this builder
		 */
		public Builder tokenType(String tokenType) {
			this.tokenType = tokenType;
			return this;
		}

		/**
		 * @param refreshToken the refresh token, or {@code null} when none was issued
		 * @return this builder
		 */
		public Builder refreshToken(@Nullable String refreshToken) {
			this.refreshToken = refreshToken;
			return this;
		}

		/**
		 * @param issuedAt when the token was received, required
		 * @return this builder
		 */
		public Builder issuedAt(Instant issuedAt) {
			this.issuedAt = issuedAt;
			return this;
		}

		/**
		 * @param expiresAt absolute expiry, or {@code null} when the server gave no
		 * {@code expires_in}
		 * @return this builder
		 */
		public Builder expiresAt(@Nullable Instant expiresAt) {
			this.expiresAt = expiresAt;
			return this;
		}

		/**
		 * @param issuer the issuer of the authorization server that issued the token,
		 * required
		 * @return this builder
		 */
		public Builder issuer(String issuer) {
			this.issuer = issuer;
			return this;
		}

		/**
		 * @param resource the canonical MCP server URL the token was issued for (RFC 8707
		 * §2), required
		 * @return this builder
		 */
		public Builder resource(String resource) {
			this.resource = resource;
			return this;
		}

		/**
		 * @param scopes the granted scopes (copied); none by default
		 * @return this builder
		 */
		public Builder scopes(Set<String> scopes) {
			Assert.notNull(scopes, "scopes cannot be null");
			this.scopes = scopes;
			return this;
		}

		/**
		 * @param dpopKey the DPoP key of the server and principal, or {@code null} when DPoP
		 * is not used
		 * @return this builder
		 */
		public Builder dpopKey(@Nullable DPoPKey dpopKey) {
			this.dpopKey = dpopKey;
			return this;
		}

		/**
		 * @return the token
		 * @throws IllegalArgumentException when a required value is missing, or a
		 * {@code DPoP} token has no key
		 */
		public OAuthToken build() {
			return new OAuthToken(this);
		}

	}

}
