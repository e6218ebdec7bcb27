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

package io.github.mcpoauth.core;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * One MCP server the application talks to, and how the client authorizes with it.
 * Built from configuration ({@code mcp.oauth.servers.<name>}) or in code with
 * {@link #builder(String, URI)}, the only way to make one, so that a setting can be added
 * without breaking callers:
 *
 * <pre class="code">
 * McpServerDefinition server = McpServerDefinition.builder("sample", URI.create("https://mcp.example.com/mcp"))
 *     .scopes(Set.of("mcp:tools"))
 *     .dpop(McpServerDefinition.DPoPMode.AUTO)
 *     .build();
 * McpServerDefinition moved = server.mutate().clientId("static-client").clientSecret(secret).build();
 * </pre>
 *
 * <p>Immutable. {@link #toString()} never shows the client secret or private key.
 */
public final class McpServerDefinition {

	/** The default loopback redirect URI: any free port on 127.0.0.1 (RFC 8252 §7.3). */
	public static final URI DEFAULT_REDIRECT_URI = URI.create("http://127.0.0.1:0/callback");

	private final String name;

	private final URI url;

	private final Set<String> scopes;

	private final GrantType grantType;

	private final @Nullable String clientId;

	private final @Nullable String clientSecret;

	private final @Nullable String clientAuthenticationMethod;

	private final @Nullable String clientPrivateKey;

	private final @Nullable String clientPrivateKeyAlgorithm;

	private final @Nullable String clientMetadataUrl;

	private final String clientName;

	private final URI redirectUri;

	private final @Nullable String resource;

	private final @Nullable CrossAppAccess crossApp;

	private final @Nullable String issuer;

	private final DPoPMode dpop;

	private final @Nullable WorkloadAssertionSource workloadAssertion;

	private McpServerDefinition(Builder builder) {
		Assert.hasText(builder.name, "name cannot be empty");
		Assert.notNull(builder.url, "url cannot be null");
		Assert.isTrue(builder.url.isAbsolute() && builder.url.getHost() != null,
				() -> "url must be an absolute http(s) URL: " + builder.url);
		Assert.notNull(builder.scopes, "scopes cannot be null");
		Assert.notNull(builder.grantType, "grantType cannot be null");
		Assert.notNull(builder.redirectUri, "redirectUri cannot be null");
		Assert.notNull(builder.dpop, "dpop cannot be null");
		if (builder.grantType == GrantType.CROSS_APP_ACCESS) {
			Assert.notNull(builder.crossApp, "crossApp cannot be null for the cross-app access grant");
		}
		if (builder.grantType == GrantType.WORKLOAD_IDENTITY) {
			Assert.notNull(builder.workloadAssertion, "workloadAssertion cannot be null for the workload identity grant");
		}
		this.scopes = Set.copyOf(new LinkedHashSet<>(builder.scopes));
		this.name = builder.name;
		this.url = builder.url;
		this.grantType = builder.grantType;
		this.clientId = builder.clientId;
		this.clientSecret = builder.clientSecret;
		this.clientAuthenticationMethod = builder.clientAuthenticationMethod;
		this.clientPrivateKey = builder.clientPrivateKey;
		this.clientPrivateKeyAlgorithm = builder.clientPrivateKeyAlgorithm;
		this.clientMetadataUrl = builder.clientMetadataUrl;
		this.clientName = builder.clientName;
		this.redirectUri = builder.redirectUri;
		this.resource = builder.resource;
		this.crossApp = builder.crossApp;
		this.issuer = builder.issuer;
		this.dpop = builder.dpop;
		this.workloadAssertion = builder.workloadAssertion;
	}

	/**
	 * A builder of a server definition: the authorization-code grant, scopes from the
	 * server's challenge and metadata, dynamic registration and DPoP when the authorization
	 * server supports it, unless set otherwise.
	 * @param name the name the application uses for the server, and the storage key
	 * @param url the MCP endpoint URL
	 * @return a new builder
	 */
	public static Builder builder(String name, URI url) {
		return new Builder(name, url);
	}

	/**
	 * A builder that starts from this definition's values, to build a changed copy.
	 * @return a new builder
	 */
	public Builder mutate() {
		return new Builder(this);
	}

	/**
	 * @return the name the application uses for the server, and the storage key
	 */
	public String name() {
		return this.name;
	}

	/**
	 * @return the MCP endpoint URL
	 */
	public URI url() {
		return this.url;
	}

	/**
	 * @return the scopes to request instead of the discovered ones (unmodifiable), empty to follow the specification's choice
	 */
	public Set<String> scopes() {
		return this.scopes;
	}

	/**
	 * @return how tokens are obtained
	 */
	public GrantType grantType() {
		return this.grantType;
	}

	/**
	 * @return a pre-registered client id, or {@code null} to register
	 */
	public @Nullable String clientId() {
		return this.clientId;
	}

	/**
	 * @return the pre-registered client's secret, or {@code null}
	 */
	public @Nullable String clientSecret() {
		return this.clientSecret;
	}

	/**
	 * @return the token-endpoint authentication method, or {@code null} to choose from what the
	 * authorization server supports
	 */
	public @Nullable String clientAuthenticationMethod() {
		return this.clientAuthenticationMethod;
	}

	/**
	 * @return a PEM (PKCS#8) private key for {@code private_key_jwt}, or {@code null}
	 */
	public @Nullable String clientPrivateKey() {
		return this.clientPrivateKey;
	}

	/**
	 * @return the JWS algorithm for the private key ({@code RS256}, {@code ES256} ...), or
	 * {@code null} to infer it
	 */
	public @Nullable String clientPrivateKeyAlgorithm() {
		return this.clientPrivateKeyAlgorithm;
	}

	/**
	 * @return the https URL of this client's Client ID Metadata Document, or {@code null}
	 */
	public @Nullable String clientMetadataUrl() {
		return this.clientMetadataUrl;
	}

	/**
	 * @return the name sent with dynamic registration
	 */
	public String clientName() {
		return this.clientName;
	}

	/**
	 * @return the loopback redirect URI; port 0 picks a free port
	 */
	public URI redirectUri() {
		return this.redirectUri;
	}

	/**
	 * @return the RFC 8707 resource to request instead of the discovered one, or {@code null}
	 */
	public @Nullable String resource() {
		return this.resource;
	}

	/**
	 * @return settings of the cross-app access grant, or {@code null}
	 */
	public @Nullable CrossAppAccess crossApp() {
		return this.crossApp;
	}

	/**
	 * @return the authorization-server issuer the pre-registered credentials belong to, or
	 * {@code null} to bind them to the first issuer they are used with (MCP SEP-2352)
	 */
	public @Nullable String issuer() {
		return this.issuer;
	}

	/**
	 * @return whether tokens are bound to a DPoP key (RFC 9449)
	 */
	public DPoPMode dpop() {
		return this.dpop;
	}

	/**
	 * @return where the workload's identity assertion is read, for the workload identity
	 * grant, or {@code null}
	 */
	public @Nullable WorkloadAssertionSource workloadAssertion() {
		return this.workloadAssertion;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		if (this == other) {
			return true;
		}
		return other instanceof McpServerDefinition that && this.name.equals(that.name) && this.url.equals(that.url)
				&& this.scopes.equals(that.scopes) && this.grantType.equals(that.grantType)
				&& Objects.equals(this.clientId, that.clientId)
				&& Objects.equals(this.clientSecret, that.clientSecret)
				&& Objects.equals(this.clientAuthenticationMethod, that.clientAuthenticationMethod)
				&& Objects.equals(this.clientPrivateKey, that.clientPrivateKey)
				&& Objects.equals(this.clientPrivateKeyAlgorithm, that.clientPrivateKeyAlgorithm)
				&& Objects.equals(this.clientMetadataUrl, that.clientMetadataUrl)
				&& this.clientName.equals(that.clientName) && this.redirectUri.equals(that.redirectUri)
				&& Objects.equals(this.resource, that.resource) && Objects.equals(this.crossApp, that.crossApp)
				&& Objects.equals(this.issuer, that.issuer) && this.dpop.equals(that.dpop)
				&& Objects.equals(this.workloadAssertion, that.workloadAssertion);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.name, this.url, this.scopes, this.grantType, this.clientId, this.clientSecret, this.clientAuthenticationMethod, this.clientPrivateKey, this.clientPrivateKeyAlgorithm, this.clientMetadataUrl, this.clientName, this.redirectUri, this.resource, this.crossApp, this.issuer, this.dpop, this.workloadAssertion);
	}

	@Override
	public String toString() {
		return "McpServerDefinition[name=" + this.name + ", url=" + this.url + ", grantType=" + this.grantType
				+ ", clientId=" + this.clientId + ", clientSecret=" + ((this.clientSecret != null) ? "[redacted]" : "[none]")
				+ ", clientPrivateKey=" + ((this.clientPrivateKey != null) ? "[redacted]" : "[none]") + ", scopes="
				+ this.scopes + ", redirectUri=" + this.redirectUri + ", resource=" + this.resource + ", issuer="
				+ this.issuer + ", dpop=" + this.dpop
				+ ((this.workloadAssertion != null) ? ", workloadAssertion=" + this.workloadAssertion : "") + "]";
	}

	/** How tokens are obtained for a server. */
	public enum GrantType {

		/** Authorization code with PKCE, through a user agent (RFC 6749 §4.1, RFC 7636). */
		AUTHORIZATION_CODE,

		/** The client's own credentials, no user (RFC 6749 §4.4). */
		CLIENT_CREDENTIALS,

		/** Enterprise-managed authorization: RFC 8693 token exchange at the identity provider, then RFC 7523. */
		CROSS_APP_ACCESS,

		/**
		 * Workload identity federation (MCP SEP-1933): the JWT bearer grant (RFC 7523 §2.1) with
		 * the identity assertion the platform issues to the workload.
		 */
		WORKLOAD_IDENTITY

	}

	/**
	 * Whether tokens are bound to a DPoP key (RFC 9449): each token request then carries a
	 * proof, and each request with a bound token a fresh proof and {@code Authorization: DPoP}.
	 */
	public enum DPoPMode {

		/**
		 * DPoP when the authorization server lists {@code dpop_signing_alg_values_supported}
		 * (RFC 9449 §5.1) with an algorithm this client signs with; bearer tokens otherwise.
		 */
		AUTO,

		/**
		 * DPoP always: fail ({@code DPOP_UNSUPPORTED}) rather than use a bearer token when the
		 * authorization server does not support it or issues a bearer token anyway.
		 */
		REQUIRED,

		/** Never DPoP: bearer tokens (RFC 6750), no proofs. */
		OFF

	}

	/**
	 * Settings of the cross-app access grant: the identity provider's token endpoint, the
	 * user's identity assertion (an ID token) and the client's credentials at the identity provider.
	 *
	 * @param idpTokenEndpoint the identity provider's token endpoint
	 * @param idToken the user's ID token (the subject token of the exchange)
	 * @param idpClientId the client id at the identity provider
	 * @param idpClientSecret the client secret at the identity provider, or {@code null}
	 */
	public record CrossAppAccess(URI idpTokenEndpoint, String idToken, String idpClientId,
			@Nullable String idpClientSecret) {

		@Override
		public String toString() {
			return "CrossAppAccess[idpTokenEndpoint=" + this.idpTokenEndpoint + ", idpClientId=" + this.idpClientId
					+ ", idToken=[redacted], idpClientSecret=[redacted]]";
		}

	}

	/** Builds a {@link McpServerDefinition}. */
	public static final class Builder {

		private final String name;

		private final URI url;

		private Set<String> scopes = Set.of();

		private GrantType grantType = GrantType.AUTHORIZATION_CODE;

		private @Nullable String clientId;

		private @Nullable String clientSecret;

		private @Nullable String clientAuthenticationMethod;

		private @Nullable String clientPrivateKey;

		private @Nullable String clientPrivateKeyAlgorithm;

		private @Nullable String clientMetadataUrl;

		private String clientName = "mcp-oauth";

		private URI redirectUri = DEFAULT_REDIRECT_URI;

		private @Nullable String resource;

		private @Nullable CrossAppAccess crossApp;

		private @Nullable String issuer;

		private DPoPMode dpop = DPoPMode.AUTO;

		private @Nullable WorkloadAssertionSource workloadAssertion;

		private Builder(String name, URI url) {
			this.name = name;
			this.url = url;
		}

		private Builder(McpServerDefinition d) {
			this(d.name, d.url);
			this.scopes = d.scopes;
			this.grantType = d.grantType;
			this.clientId = d.clientId;
			this.clientSecret = d.clientSecret;
			this.clientAuthenticationMethod = d.clientAuthenticationMethod;
			this.clientPrivateKey = d.clientPrivateKey;
			this.clientPrivateKeyAlgorithm = d.clientPrivateKeyAlgorithm;
			this.clientMetadataUrl = d.clientMetadataUrl;
			this.clientName = d.clientName;
			this.redirectUri = d.redirectUri;
			this.resource = d.resource;
			this.crossApp = d.crossApp;
			this.issuer = d.issuer;
			this.dpop = d.dpop;
			this.workloadAssertion = d.workloadAssertion;
		}

		/**
		 * @param scopes the scopes to request instead of the discovered ones; empty (the default) to
		 * follow the server's challenge and metadata
		 * @return this builder
		 */
		public Builder scopes(Set<String> scopes) {
			this.scopes = scopes;
			return this;
		}

		/**
		 * @param grantType how tokens are obtained (default {@link GrantType#AUTHORIZATION_CODE})
		 * @return this builder
		 */
		public Builder grantType(GrantType grantType) {
			this.grantType = grantType;
			return this;
		}

		/**
		 * @param clientId a pre-registered client id, or {@code null} (the default) to register
		 * @return this builder
		 */
		public Builder clientId(@Nullable String clientId) {
			this.clientId = clientId;
			return this;
		}

		/**
		 * @param clientSecret the pre-registered client's secret, or {@code null}
		 * @return this builder
		 */
		public Builder clientSecret(@Nullable String clientSecret) {
			this.clientSecret = clientSecret;
			return this;
		}

		/**
		 * @param method the token-endpoint authentication method ({@code client_secret_basic},
		 * {@code client_secret_post}, {@code private_key_jwt}, {@code none}), or {@code null}
		 * to choose from what the authorization server supports
		 * @return this builder
		 */
		public Builder clientAuthenticationMethod(@Nullable String method) {
			this.clientAuthenticationMethod = method;
			return this;
		}

		/**
		 * @param pem a PEM (PKCS#8) private key for {@code private_key_jwt} (RFC 7523 §2.2), or
		 * {@code null}
		 * @param algorithm its JWS algorithm ({@code RS256}, {@code ES256} ...), or {@code null}
		 * to infer it from the key
		 * @return this builder
		 */
		public Builder clientPrivateKey(@Nullable String pem, @Nullable String algorithm) {
			this.clientPrivateKey = pem;
			this.clientPrivateKeyAlgorithm = algorithm;
			return this;
		}

		/**
		 * @param clientMetadataUrl the https URL of this client's Client ID Metadata Document, or
		 * {@code null}
		 * @return this builder
		 */
		public Builder clientMetadataUrl(@Nullable String clientMetadataUrl) {
			this.clientMetadataUrl = clientMetadataUrl;
			return this;
		}

		/**
		 * @param clientName the name sent with dynamic registration (default {@code mcp-oauth})
		 * @return this builder
		 */
		public Builder clientName(String clientName) {
			this.clientName = clientName;
			return this;
		}

		/**
		 * @param redirectUri the loopback redirect URI (default {@link #DEFAULT_REDIRECT_URI}); port
		 * 0 picks a free port
		 * @return this builder
		 */
		public Builder redirectUri(URI redirectUri) {
			this.redirectUri = redirectUri;
			return this;
		}

		/**
		 * @param resource the RFC 8707 resource to request instead of the discovered one, or
		 * {@code null}
		 * @return this builder
		 */
		public Builder resource(@Nullable String resource) {
			this.resource = resource;
			return this;
		}

		/**
		 * @param crossApp settings of the cross-app access grant, or {@code null}
		 * @return this builder
		 */
		public Builder crossApp(@Nullable CrossAppAccess crossApp) {
			this.crossApp = crossApp;
			return this;
		}

		/**
		 * Pins the pre-registered credentials to one authorization server: they are never
		 * sent to another (MCP SEP-2352).
		 * @param issuer the issuer, compared as a plain string, or {@code null} to bind the
		 * credentials to the first issuer they are used with
		 * @return this builder
		 */
		public Builder issuer(@Nullable String issuer) {
			this.issuer = issuer;
			return this;
		}

		/**
		 * @param dpop whether tokens are bound to a DPoP key (default {@link DPoPMode#AUTO})
		 * @return this builder
		 */
		public Builder dpop(DPoPMode dpop) {
			this.dpop = dpop;
			return this;
		}

		/**
		 * Where the workload identity grant reads the workload's assertion, anew for each
		 * grant. Set {@link GrantType#WORKLOAD_IDENTITY} too.
		 * @param source the source, see {@code io.github.mcpoauth.grant.WorkloadAssertions}
		 * @return this builder
		 */
		public Builder workloadAssertion(@Nullable WorkloadAssertionSource source) {
			this.workloadAssertion = source;
			return this;
		}

		/**
		 * @return the server definition
		 * @throws IllegalArgumentException when a value is missing or invalid, such as a URL
		 * that is not absolute, or the cross-app access or workload identity grant without
		 * its settings
		 */
		public McpServerDefinition build() {
			return new McpServerDefinition(this);
		}

	}

}
