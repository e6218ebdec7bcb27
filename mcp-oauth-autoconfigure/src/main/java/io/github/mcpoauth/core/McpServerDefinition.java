package io.github.mcpoauth.core;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * One MCP server the application talks to, and how the client authorizes with it.
 * Built from configuration ({@code mcp.oauth.servers.<name>}) or in code with
 * {@link #builder(String, URI)}.
 *
 * <p>{@link #toString()} never shows the client secret or private key.
 *
 * @param name the name the application uses for the server, and the storage key
 * @param url the MCP endpoint URL
 * @param scopes scopes to request instead of the discovered ones, empty to follow the specification's choice
 * @param grantType how to obtain tokens
 * @param clientId a pre-registered client id, or {@code null} to register
 * @param clientSecret the pre-registered client's secret, or {@code null}
 * @param clientAuthenticationMethod the token-endpoint authentication method, or {@code null} to choose
 * from what the authorization server supports
 * @param clientPrivateKey a PEM (PKCS#8) private key for {@code private_key_jwt}, or {@code null}
 * @param clientPrivateKeyAlgorithm the JWS algorithm for the private key ({@code RS256}, {@code ES256} ...), or {@code null} to infer it
 * @param clientMetadataUrl the https URL of this client's Client ID Metadata Document, or {@code null}
 * @param clientName the name sent with dynamic registration
 * @param redirectUri the loopback redirect URI; port 0 picks a free port
 * @param resource the RFC 8707 resource to request instead of the discovered one, or {@code null}
 * @param crossApp settings of the cross-app access grant, or {@code null}
 * @param issuer the authorization-server issuer the pre-registered credentials belong to,
 * or {@code null} to bind them to the first issuer they are used with (MCP SEP-2352)
 * @param dpop whether tokens are bound to a DPoP key (RFC 9449)
 * @param workloadAssertion where the workload's identity assertion is read, for the
 * workload identity grant, or {@code null}
 */
public record McpServerDefinition(String name, URI url, Set<String> scopes, GrantType grantType,
		@Nullable String clientId, @Nullable String clientSecret, @Nullable String clientAuthenticationMethod,
		@Nullable String clientPrivateKey, @Nullable String clientPrivateKeyAlgorithm, @Nullable String clientMetadataUrl,
		String clientName, URI redirectUri, @Nullable String resource, @Nullable CrossAppAccess crossApp,
		@Nullable String issuer, DPoPMode dpop, @Nullable WorkloadAssertionSource workloadAssertion) {

	/** The default loopback redirect URI: any free port on 127.0.0.1 (RFC 8252 §7.3). */
	public static final URI DEFAULT_REDIRECT_URI = URI.create("http://127.0.0.1:0/callback");

	public McpServerDefinition {
		Assert.hasText(name, "name cannot be empty");
		Assert.notNull(url, "url cannot be null");
		Assert.isTrue(url.isAbsolute() && url.getHost() != null, () -> "url must be an absolute http(s) URL: " + url);
		Assert.notNull(grantType, "grantType cannot be null");
		Assert.notNull(redirectUri, "redirectUri cannot be null");
		Assert.notNull(dpop, "dpop cannot be null");
		scopes = Set.copyOf(new LinkedHashSet<>(scopes));
		if (grantType == GrantType.CROSS_APP_ACCESS) {
			Assert.notNull(crossApp, "crossApp cannot be null for the cross-app access grant");
		}
		if (grantType == GrantType.WORKLOAD_IDENTITY) {
			Assert.notNull(workloadAssertion, "workloadAssertion cannot be null for the workload identity grant");
		}
	}

	public static Builder builder(String name, URI url) {
		return new Builder(name, url);
	}

	public Builder mutate() {
		return new Builder(this);
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

		public Builder scopes(Set<String> scopes) {
			this.scopes = scopes;
			return this;
		}

		public Builder grantType(GrantType grantType) {
			this.grantType = grantType;
			return this;
		}

		public Builder clientId(@Nullable String clientId) {
			this.clientId = clientId;
			return this;
		}

		public Builder clientSecret(@Nullable String clientSecret) {
			this.clientSecret = clientSecret;
			return this;
		}

		public Builder clientAuthenticationMethod(@Nullable String method) {
			this.clientAuthenticationMethod = method;
			return this;
		}

		public Builder clientPrivateKey(@Nullable String pem, @Nullable String algorithm) {
			this.clientPrivateKey = pem;
			this.clientPrivateKeyAlgorithm = algorithm;
			return this;
		}

		public Builder clientMetadataUrl(@Nullable String clientMetadataUrl) {
			this.clientMetadataUrl = clientMetadataUrl;
			return this;
		}

		public Builder clientName(String clientName) {
			this.clientName = clientName;
			return this;
		}

		public Builder redirectUri(URI redirectUri) {
			this.redirectUri = redirectUri;
			return this;
		}

		public Builder resource(@Nullable String resource) {
			this.resource = resource;
			return this;
		}

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

		public McpServerDefinition build() {
			return new McpServerDefinition(this.name, this.url, this.scopes, this.grantType, this.clientId,
					this.clientSecret, this.clientAuthenticationMethod, this.clientPrivateKey,
					this.clientPrivateKeyAlgorithm, this.clientMetadataUrl, this.clientName, this.redirectUri,
					this.resource, this.crossApp, this.issuer, this.dpop, this.workloadAssertion);
		}

	}

}
