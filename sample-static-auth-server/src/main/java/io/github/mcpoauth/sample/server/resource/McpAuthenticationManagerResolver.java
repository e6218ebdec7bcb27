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

package io.github.mcpoauth.sample.server.resource;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

import jakarta.servlet.http.HttpServletRequest;

import io.github.mcpoauth.sample.server.ServerBaseUrl;

import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationManagerResolver;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.resource.BearerTokenErrorCodes;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.util.Assert;

/**
 * Authenticates bearer tokens at the MCP endpoint: the shared {@link JwtDecoder} checks
 * the signature and the validity period, then the issuer must be this server's base URL
 * for the request, the audience must contain its MCP endpoint URL, and the authorization
 * server must still hold the token as active: a token revoked at {@code /revoke}
 * (RFC 7009), or replaced by a refresh, is refused with {@code invalid_token} although its
 * signature and expiry are fine.
 * <p>
 * Both depend on the host the client addressed (unless {@code public-url} is set), so the
 * issuer and audience validators are chosen per request, in the way
 * {@code JwtIssuerAuthenticationManagerResolver} chooses a decoder per issuer.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8707#section-2">RFC 8707 §2</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9068#section-4">RFC 9068 §4</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7009#section-2">RFC 7009 §2</a>
 */
public final class McpAuthenticationManagerResolver implements AuthenticationManagerResolver<HttpServletRequest> {

	private final JwtDecoder jwtDecoder;

	private final ServerBaseUrl serverBaseUrl;

	private final Function<String, OAuth2TokenValidator<Jwt>> validators;

	/**
	 * Creates the resolver for the authorization server's own MCP endpoint: issuer, audience
	 * and the active check.
	 * @param jwtDecoder verifies signature and validity period
	 * @param serverBaseUrl resolves the expected issuer and audience of a request
	 * @param authorizationService the authorization server's record of the tokens it issued,
	 * which tells whether a token is still active
	 */
	public McpAuthenticationManagerResolver(JwtDecoder jwtDecoder, ServerBaseUrl serverBaseUrl,
			OAuth2AuthorizationService authorizationService) {
		this(jwtDecoder, serverBaseUrl, activeTokenValidator(authorizationService));
	}

	private McpAuthenticationManagerResolver(JwtDecoder jwtDecoder, ServerBaseUrl serverBaseUrl,
			OAuth2TokenValidator<Jwt> activeTokenValidator) {
		Assert.notNull(jwtDecoder, "jwtDecoder cannot be null");
		Assert.notNull(serverBaseUrl, "serverBaseUrl cannot be null");
		this.jwtDecoder = jwtDecoder;
		this.serverBaseUrl = serverBaseUrl;
		// the active check last: a foreign or misdirected token is reported as such
		this.validators = (baseUrl) -> new DelegatingOAuth2TokenValidator<>(new JwtIssuerValidator(baseUrl),
				audienceValidator(ServerBaseUrl.mcpResource(baseUrl)), activeTokenValidator);
	}

	private McpAuthenticationManagerResolver(JwtDecoder jwtDecoder, ServerBaseUrl serverBaseUrl) {
		Assert.notNull(jwtDecoder, "jwtDecoder cannot be null");
		Assert.notNull(serverBaseUrl, "serverBaseUrl cannot be null");
		this.jwtDecoder = jwtDecoder;
		this.serverBaseUrl = serverBaseUrl;
		this.validators = (baseUrl) -> audienceValidator(ServerBaseUrl.mcpResource(baseUrl));
	}

	/**
	 * Creates the resolver for a resource server that trusts an external issuer (the
	 * {@code resource-server} role): the {@link JwtDecoder} checks the signature with the
	 * issuer's JWKS, the validity period and the issuer; then the audience must contain this
	 * server's MCP endpoint URL for the request (RFC 8707: a token obtained for another
	 * resource is refused with {@code invalid_token}).
	 * <p>
	 * Such a server holds no record of issued tokens, so a token revoked at the issuer stays
	 * valid here until it expires (RFC 7009 §2 leaves this to the resource server; a stricter
	 * server would introspect, RFC 7662).
	 * @param jwtDecoder verifies signature, validity period and issuer
	 * @param serverBaseUrl resolves the expected audience of a request
	 * @return the resolver
	 */
	public static McpAuthenticationManagerResolver forExternalIssuer(JwtDecoder jwtDecoder,
			ServerBaseUrl serverBaseUrl) {
		return new McpAuthenticationManagerResolver(jwtDecoder, serverBaseUrl);
	}

	@Override
	public AuthenticationManager resolve(HttpServletRequest request) {
		OAuth2TokenValidator<Jwt> validator = this.validators.apply(this.serverBaseUrl.resolve(request));
		JwtAuthenticationProvider provider = new JwtAuthenticationProvider((token) -> {
			Jwt jwt = this.jwtDecoder.decode(token);
			OAuth2TokenValidatorResult result = validator.validate(jwt);
			if (result.hasErrors()) {
				String description = Objects.requireNonNullElse(result.getErrors().iterator().next().getDescription(),
						"The token is not valid.");
				throw new JwtValidationException(description, result.getErrors());
			}
			return jwt;
		});
		return provider::authenticate;
	}

	private static OAuth2TokenValidator<Jwt> audienceValidator(String resource) {
		OAuth2Error error = new OAuth2Error(BearerTokenErrorCodes.INVALID_TOKEN,
				"The access token was not issued for " + resource, null);
		return (jwt) -> {
			List<String> audience = jwt.getAudience();
			return (audience != null && audience.contains(resource)) ? OAuth2TokenValidatorResult.success()
					: OAuth2TokenValidatorResult.failure(error);
		};
	}

	/**
	 * The token must be the current access token of an authorization the authorization
	 * server holds, and not invalidated: revoking an access token or its refresh token
	 * (RFC 7009 §2.1) invalidates it, and a refresh replaces it.
	 */
	private static OAuth2TokenValidator<Jwt> activeTokenValidator(OAuth2AuthorizationService authorizationService) {
		OAuth2Error error = new OAuth2Error(BearerTokenErrorCodes.INVALID_TOKEN,
				"The access token has been revoked or is no longer active", null);
		return (jwt) -> {
			OAuth2Authorization authorization = authorizationService.findByToken(jwt.getTokenValue(),
					OAuth2TokenType.ACCESS_TOKEN);
			OAuth2Authorization.Token<OAuth2AccessToken> accessToken = (authorization != null)
					? authorization.getAccessToken() : null;
			return (accessToken != null && accessToken.isActive()) ? OAuth2TokenValidatorResult.success()
					: OAuth2TokenValidatorResult.failure(error);
		};
	}

}
