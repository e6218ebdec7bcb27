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

package io.github.mcpoauth.sample.server.registration;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import io.github.mcpoauth.sample.server.McpScopes;
import io.github.mcpoauth.sample.server.authorization.RegisteredClients;

import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2ClientRegistrationEndpointConfigurer;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.OAuth2ClientRegistration;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientRegistrationAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientRegistrationAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientRegistrationAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2ClientRegistrationAuthenticationConverter;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.util.Assert;
import org.springframework.util.CollectionUtils;
import org.springframework.util.StringUtils;

/**
 * Open RFC 7591 registration of public clients through Spring Authorization Server's
 * registration endpoint ({@code openRegistrationAllowed}): this class supplies what the
 * endpoint checks and what it registers.
 * <ul>
 * <li>The client metadata: at most {@code max-redirect-uris} redirect URIs and no field
 * longer than {@code max-field-length}; loopback redirect URIs on {@code 127.0.0.1} only
 * ({@code localhost} is refused, RFC 8252 §8.3); the grant types
 * {@code authorization_code} and {@code refresh_token}, the response type {@code code} and
 * the server's scopes. A refusal is 400 {@code invalid_redirect_uri} or
 * {@code invalid_client_metadata} with a description of what is wrong (RFC 7591
 * §3.2.2).</li>
 * <li>The client registered: a public client ({@code token_endpoint_auth_method}
 * {@code none}, PKCE required, no secret). A request for {@code client_secret_basic} or
 * {@code client_secret_post} gets {@code none} too, which the response says, as RFC 7591
 * §3.2.1 allows: the endpoint issues no secrets.</li>
 * </ul>
 * Relaxed for local development: no initial access token is needed, anyone who reaches the
 * port may register; {@link RegistrationRequestFilter} bounds the body and the rate.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7591#section-3">RFC 7591 §3</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8252#section-8.3">RFC 8252 §8.3</a>
 */
public final class PublicClientRegistrations {

	static final String INVALID_CLIENT_METADATA = "invalid_client_metadata";

	private static final String LOOPBACK_HOST = "127.0.0.1";

	private static final Set<String> AUTH_METHODS_REPLACED_BY_NONE = Set.of(ClientAuthenticationMethod.NONE.getValue(),
			ClientAuthenticationMethod.CLIENT_SECRET_BASIC.getValue(),
			ClientAuthenticationMethod.CLIENT_SECRET_POST.getValue());

	private static final List<String> GRANT_TYPES = List.of(AuthorizationGrantType.AUTHORIZATION_CODE.getValue(),
			AuthorizationGrantType.REFRESH_TOKEN.getValue());

	private final RegistrationLimits limits;

	private final Duration accessTokenTtl;

	private final Clock clock;

	/**
	 * @param limits the limits of what a client may register
	 * @param accessTokenTtl the access-token lifetime of registered clients
	 * @param clock the clock of {@code client_id_issued_at}
	 */
	public PublicClientRegistrations(RegistrationLimits limits, Duration accessTokenTtl, Clock clock) {
		Assert.notNull(limits, "limits cannot be null");
		Assert.notNull(accessTokenTtl, "accessTokenTtl cannot be null");
		Assert.notNull(clock, "clock cannot be null");
		this.limits = limits;
		this.accessTokenTtl = accessTokenTtl;
		this.clock = clock;
	}

	/**
	 * Opens Spring Authorization Server's registration endpoint to public clients, with the
	 * checks and the clients of this class.
	 * @param endpoint the endpoint's configurer
	 */
	public void configure(OAuth2ClientRegistrationEndpointConfigurer endpoint) {
		endpoint.openRegistrationAllowed(true)
			.clientRegistrationRequestConverter(new ClientMetadataConverter())
			.authenticationProviders((providers) -> providers.forEach((provider) -> {
				if (provider instanceof OAuth2ClientRegistrationAuthenticationProvider registration) {
					registration.setAuthenticationValidator(this::validate);
					registration.setRegisteredClientConverter(this::publicClient);
				}
			}));
	}

	/**
	 * Checks the client metadata of a registration request.
	 * @param context the request
	 * @throws OAuth2AuthenticationException with {@code invalid_redirect_uri} or
	 * {@code invalid_client_metadata}
	 */
	void validate(OAuth2ClientRegistrationAuthenticationContext context) {
		OAuth2ClientRegistration metadata = context.<OAuth2ClientRegistrationAuthenticationToken>getAuthentication()
			.getClientRegistration();
		checkLengths(metadata);
		checkRedirectUris(metadata.getRedirectUris());
		String authMethod = metadata.getTokenEndpointAuthenticationMethod();
		if (authMethod != null && !AUTH_METHODS_REPLACED_BY_NONE.contains(authMethod)) {
			throw invalid(INVALID_CLIENT_METADATA,
					"Only public clients can register here: token_endpoint_auth_method must be 'none'");
		}
		List<String> grantTypes = metadata.getGrantTypes();
		if (!CollectionUtils.isEmpty(grantTypes) && (!GRANT_TYPES.containsAll(grantTypes)
				|| !grantTypes.contains(AuthorizationGrantType.AUTHORIZATION_CODE.getValue()))) {
			throw invalid(INVALID_CLIENT_METADATA,
					"grant_types must be authorization_code, optionally with refresh_token");
		}
		List<String> responseTypes = metadata.getResponseTypes();
		if (responseTypes != null && !List.of("code").containsAll(responseTypes)) {
			throw invalid(INVALID_CLIENT_METADATA, "response_types must be [\"code\"]");
		}
		List<String> scopes = metadata.getScopes();
		if (scopes != null && !McpScopes.ALL.containsAll(scopes)) {
			throw invalid(INVALID_CLIENT_METADATA, "scope must be made of " + String.join(", ", McpScopes.ALL));
		}
	}

	/**
	 * The public client of a valid registration request.
	 * @param metadata the client metadata
	 * @return the client to register
	 */
	RegisteredClient publicClient(OAuth2ClientRegistration metadata) {
		List<String> grantTypes = metadata.getGrantTypes();
		List<String> scopes = metadata.getScopes();
		String clientName = metadata.getClientName();
		return RegisteredClients.publicClient(StringUtils.hasText(clientName) ? clientName.strip() : null,
				new LinkedHashSet<>(Objects.requireNonNull(metadata.getRedirectUris())),
				(CollectionUtils.isEmpty(grantTypes) ? GRANT_TYPES : grantTypes).stream()
					.distinct()
					.map(AuthorizationGrantType::new)
					.toList(),
				new LinkedHashSet<>(CollectionUtils.isEmpty(scopes) ? McpScopes.ALL : scopes), this.accessTokenTtl,
				this.clock.instant());
	}

	private void checkLengths(OAuth2ClientRegistration metadata) {
		List<String> redirectUris = metadata.getRedirectUris();
		int max = this.limits.maxFieldLength();
		if (redirectUris != null) {
			if (redirectUris.size() > this.limits.maxRedirectUris()) {
				throw invalid(OAuth2ErrorCodes.INVALID_REDIRECT_URI,
						redirectUris.size() + " redirect URIs; at most " + this.limits.maxRedirectUris()
								+ " are accepted (" + RegistrationLimits.CONFIG_PREFIX + ".max-redirect-uris)");
			}
			for (String redirectUri : redirectUris) {
				if (redirectUri != null && redirectUri.length() > max) {
					throw invalid(OAuth2ErrorCodes.INVALID_REDIRECT_URI, "A redirect URI of " + redirectUri.length()
							+ " characters; at most " + max + " are accepted (" + RegistrationLimits.CONFIG_PREFIX
							+ ".max-field-length)");
				}
			}
		}
		checkLength("client_name", metadata.getClientName());
		checkLength("scope", (metadata.getScopes() != null) ? String.join(" ", metadata.getScopes()) : null);
		checkLength("token_endpoint_auth_method", metadata.getTokenEndpointAuthenticationMethod());
		checkLengths("grant_types", metadata.getGrantTypes());
		checkLengths("response_types", metadata.getResponseTypes());
	}

	private void checkLengths(String field, @Nullable List<String> values) {
		if (values != null) {
			values.forEach((value) -> checkLength(field, value));
		}
	}

	private void checkLength(String field, @Nullable String value) {
		int max = this.limits.maxFieldLength();
		if (value != null && value.length() > max) {
			throw invalid(INVALID_CLIENT_METADATA, field + " is " + value.length() + " characters long; at most " + max
					+ " are accepted (" + RegistrationLimits.CONFIG_PREFIX + ".max-field-length)");
		}
	}

	/**
	 * Loopback redirect URIs on {@code 127.0.0.1} only: {@code http://127.0.0.1[:port]/...}
	 * (any port is then accepted at the authorization endpoint, RFC 8252 §7.3).
	 * {@code localhost} is refused: it may resolve to another address, or be served by
	 * another program (RFC 8252 §8.3).
	 */
	private static void checkRedirectUris(@Nullable List<String> redirectUris) {
		if (redirectUris == null || redirectUris.isEmpty()) {
			throw invalid(OAuth2ErrorCodes.INVALID_REDIRECT_URI, "redirect_uris is required");
		}
		for (String redirectUri : redirectUris) {
			URI uri = parseUri(redirectUri);
			if (uri != null && "localhost".equalsIgnoreCase(uri.getHost())) {
				throw invalid(OAuth2ErrorCodes.INVALID_REDIRECT_URI,
						"Use http://127.0.0.1" + ((uri.getPort() != -1) ? ":" + uri.getPort() : "") + "/... instead of "
								+ redirectUri + ": a loopback redirect URI names the IP address, not localhost"
								+ " (RFC 8252 §8.3)");
			}
			if (uri == null || !"http".equals(uri.getScheme()) || !LOOPBACK_HOST.equals(uri.getHost())
					|| uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
				throw invalid(OAuth2ErrorCodes.INVALID_REDIRECT_URI,
						"Only loopback redirect URIs such as http://127.0.0.1:<port>/callback are accepted, not "
								+ redirectUri);
			}
		}
	}

	private static @Nullable URI parseUri(@Nullable String value) {
		try {
			return (value != null) ? new URI(value) : null;
		}
		catch (URISyntaxException ex) {
			return null;
		}
	}

	private static OAuth2AuthenticationException invalid(String error, String description) {
		return new OAuth2AuthenticationException(new OAuth2Error(error, description, null));
	}

	/**
	 * Spring's request converter, with a body that is not client metadata reported as
	 * {@code invalid_client_metadata} (RFC 7591 §3.2.2) rather than {@code invalid_request}.
	 */
	private static final class ClientMetadataConverter implements AuthenticationConverter {

		private final AuthenticationConverter delegate = new OAuth2ClientRegistrationAuthenticationConverter();

		@Override
		public @Nullable Authentication convert(HttpServletRequest request) {
			try {
				return this.delegate.convert(request);
			}
			catch (OAuth2AuthenticationException ex) {
				throw invalid(INVALID_CLIENT_METADATA, "The request body must be a JSON object of client metadata");
			}
		}

	}

}
