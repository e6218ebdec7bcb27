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

package io.github.mcpoauth.discovery;

import java.net.URI;
import java.util.List;
import java.util.Map;

import io.github.mcpoauth.core.EndpointSchemes;
import io.github.mcpoauth.core.McpOAuthErrorCode;
import io.github.mcpoauth.core.McpOAuthException;
import org.jspecify.annotations.Nullable;

/**
 * Authorization-server metadata (RFC 8414 §2), also read from OpenID Connect Discovery
 * documents, plus the MCP-relevant extensions {@code client_id_metadata_document_supported}
 * and {@code dpop_signing_alg_values_supported} (RFC 9449 §5.1).
 *
 * <p>Its endpoints are checked when it is created: each must be {@code https}, or {@code http}
 * on a loopback host ({@link EndpointSchemes}), so that a server cannot send the browser to a
 * {@code javascript:} or {@code file:} URL, or a token request in clear text to another host.
 *
 * <p>Construction fails with {@link McpOAuthException} ({@link McpOAuthErrorCode#INSECURE_ENDPOINT})
 * when an endpoint is refused by {@link EndpointSchemes}.
 *
 * @param issuer the issuer identifier
 * @param authorizationEndpoint the authorization endpoint, {@code null} for servers that only issue tokens
 * @param tokenEndpoint the token endpoint
 * @param registrationEndpoint the RFC 7591 registration endpoint, or {@code null}
 * @param scopesSupported the scopes the server supports, empty when not published
 * @param grantTypesSupported the grant types, empty when not published
 * @param codeChallengeMethodsSupported the PKCE methods (RFC 7636 §4.3), empty when not published
 * @param tokenEndpointAuthMethodsSupported the client authentication methods, empty when not published
 * (RFC 8414 then means {@code client_secret_basic})
 * @param clientIdMetadataDocumentSupported whether URLs may be used as {@code client_id}
 * @param authorizationResponseIssParameterSupported whether responses carry {@code iss} (RFC 9207 §3)
 * @param legacyDefaults whether these are the 2025-03-26 default endpoints, not a fetched document
 * @param dpopSigningAlgValuesSupported the DPoP proof algorithms the server accepts (RFC 9449 §5.1),
 * empty when it does not support DPoP
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8414#section-2">RFC 8414 §2</a>
 */
public record AuthorizationServerMetadata(String issuer, @Nullable URI authorizationEndpoint, URI tokenEndpoint,
		@Nullable URI registrationEndpoint, List<String> scopesSupported, List<String> grantTypesSupported,
		List<String> codeChallengeMethodsSupported, List<String> tokenEndpointAuthMethodsSupported,
		boolean clientIdMetadataDocumentSupported, boolean authorizationResponseIssParameterSupported,
		boolean legacyDefaults, List<String> dpopSigningAlgValuesSupported) {

	public AuthorizationServerMetadata {
		if (authorizationEndpoint != null) {
			EndpointSchemes.check(authorizationEndpoint, "authorization endpoint of " + issuer);
		}
		EndpointSchemes.check(tokenEndpoint, "token endpoint of " + issuer);
		if (registrationEndpoint != null) {
			EndpointSchemes.check(registrationEndpoint, "registration endpoint of " + issuer);
		}
		scopesSupported = List.copyOf(scopesSupported);
		grantTypesSupported = List.copyOf(grantTypesSupported);
		codeChallengeMethodsSupported = List.copyOf(codeChallengeMethodsSupported);
		tokenEndpointAuthMethodsSupported = List.copyOf(tokenEndpointAuthMethodsSupported);
		dpopSigningAlgValuesSupported = List.copyOf(dpopSigningAlgValuesSupported);
	}

	/**
	 * Metadata of a server without DPoP.
	 * @param issuer the issuer identifier
	 * @param authorizationEndpoint the authorization endpoint, or {@code null}
	 * @param tokenEndpoint the token endpoint
	 * @param registrationEndpoint the registration endpoint, or {@code null}
	 * @param scopesSupported the scopes
	 * @param grantTypesSupported the grant types
	 * @param codeChallengeMethodsSupported the PKCE methods
	 * @param tokenEndpointAuthMethodsSupported the client authentication methods
	 * @param clientIdMetadataDocumentSupported whether URLs may be used as {@code client_id}
	 * @param authorizationResponseIssParameterSupported whether responses carry {@code iss}
	 * @param legacyDefaults whether these are the 2025-03-26 default endpoints
	 */
	public AuthorizationServerMetadata(String issuer, @Nullable URI authorizationEndpoint, URI tokenEndpoint,
			@Nullable URI registrationEndpoint, List<String> scopesSupported, List<String> grantTypesSupported,
			List<String> codeChallengeMethodsSupported, List<String> tokenEndpointAuthMethodsSupported,
			boolean clientIdMetadataDocumentSupported, boolean authorizationResponseIssParameterSupported,
			boolean legacyDefaults) {
		this(issuer, authorizationEndpoint, tokenEndpoint, registrationEndpoint, scopesSupported, grantTypesSupported,
				codeChallengeMethodsSupported, tokenEndpointAuthMethodsSupported, clientIdMetadataDocumentSupported,
				authorizationResponseIssParameterSupported, legacyDefaults, List.of());
	}

	/**
	 * Reads the metadata from its JSON members.
	 * @param json the parsed document
	 * @param source where it was read, for error messages
	 * @return the metadata
	 */
	public static AuthorizationServerMetadata from(Map<String, Object> json, URI source) {
		return new AuthorizationServerMetadata(Json.requiredString(json, "issuer", source),
				Json.optionalUri(json, "authorization_endpoint", source),
				Json.requiredUri(json, "token_endpoint", source), Json.optionalUri(json, "registration_endpoint", source),
				Json.stringList(json, "scopes_supported", source), Json.stringList(json, "grant_types_supported", source),
				Json.stringList(json, "code_challenge_methods_supported", source),
				Json.stringList(json, "token_endpoint_auth_methods_supported", source),
				Boolean.TRUE.equals(json.get("client_id_metadata_document_supported")),
				Boolean.TRUE.equals(json.get("authorization_response_iss_parameter_supported")), false,
				Json.stringList(json, "dpop_signing_alg_values_supported", source));
	}

	/**
	 * The endpoints a 2025-03-26 MCP server is assumed to have when it publishes no metadata:
	 * {@code /authorize}, {@code /token} and {@code /register} at the server's origin, with PKCE S256.
	 * @param origin the MCP server's origin ({@code scheme://host[:port]})
	 * @return the default metadata
	 */
	public static AuthorizationServerMetadata legacyDefaults(String origin) {
		return new AuthorizationServerMetadata(origin, URI.create(origin + "/authorize"), URI.create(origin + "/token"),
				URI.create(origin + "/register"), List.of(), List.of("authorization_code", "refresh_token"),
				List.of("S256"), List.of(), false, false, true);
	}

	public boolean supportsS256() {
		return this.codeChallengeMethodsSupported.contains("S256");
	}

	/**
	 * @return whether the server issues DPoP-bound tokens: it lists proof algorithms (RFC 9449 §5.1)
	 */
	public boolean supportsDPoP() {
		return !this.dpopSigningAlgValuesSupported.isEmpty();
	}

	public boolean supportsScope(String scope) {
		return this.scopesSupported.contains(scope);
	}

	/**
	 * Whether the server accepts a client authentication method. An absent list means
	 * {@code client_secret_basic} only (RFC 8414 §2).
	 * @param method the method name
	 * @return whether it is supported
	 */
	public boolean supportsAuthMethod(String method) {
		if (this.tokenEndpointAuthMethodsSupported.isEmpty()) {
			return "client_secret_basic".equals(method);
		}
		return this.tokenEndpointAuthMethodsSupported.contains(method);
	}

}
