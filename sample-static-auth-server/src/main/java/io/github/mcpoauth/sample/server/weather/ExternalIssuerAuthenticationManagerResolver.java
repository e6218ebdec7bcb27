package io.github.mcpoauth.sample.server.weather;

import java.util.List;
import java.util.Objects;

import jakarta.servlet.http.HttpServletRequest;

import io.github.mcpoauth.sample.server.ServerBaseUrl;

import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationManagerResolver;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.server.resource.BearerTokenErrorCodes;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.util.Assert;

/**
 * Authenticates bearer tokens at the MCP endpoint of a resource server that trusts an
 * external issuer: the {@link JwtDecoder} checks the signature with the issuer's JWKS,
 * the validity period and the issuer; then the audience must contain this server's MCP
 * endpoint URL for the request (RFC 8707: a token obtained for another resource is
 * refused with {@code invalid_token}).
 * <p>
 * The resource server holds no record of issued tokens, so a token revoked at the issuer
 * stays valid here until it expires (RFC 7009 §2 leaves this to the resource server; a
 * stricter server would introspect, RFC 7662).
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8707#section-2">RFC 8707 §2</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9068#section-4">RFC 9068 §4</a>
 */
final class ExternalIssuerAuthenticationManagerResolver implements AuthenticationManagerResolver<HttpServletRequest> {

	private final JwtDecoder jwtDecoder;

	private final ServerBaseUrl serverBaseUrl;

	ExternalIssuerAuthenticationManagerResolver(JwtDecoder jwtDecoder, ServerBaseUrl serverBaseUrl) {
		Assert.notNull(jwtDecoder, "jwtDecoder cannot be null");
		Assert.notNull(serverBaseUrl, "serverBaseUrl cannot be null");
		this.jwtDecoder = jwtDecoder;
		this.serverBaseUrl = serverBaseUrl;
	}

	@Override
	public AuthenticationManager resolve(HttpServletRequest request) {
		OAuth2TokenValidator<Jwt> audience = audienceValidator(
				ServerBaseUrl.mcpResource(this.serverBaseUrl.resolve(request)));
		JwtAuthenticationProvider provider = new JwtAuthenticationProvider((token) -> {
			Jwt jwt = this.jwtDecoder.decode(token);
			OAuth2TokenValidatorResult result = audience.validate(jwt);
			if (result.hasErrors()) {
				String description = Objects.requireNonNullElse(result.getErrors().iterator().next().getDescription(),
						"The token is not valid.");
				throw new JwtValidationException(description, result.getErrors());
			}
			return jwt;
		});
		return provider::authenticate;
	}

	static OAuth2TokenValidator<Jwt> audienceValidator(String resource) {
		OAuth2Error error = new OAuth2Error(BearerTokenErrorCodes.INVALID_TOKEN,
				"The access token was not issued for " + resource, null);
		return (jwt) -> {
			List<String> audience = jwt.getAudience();
			return (audience != null && audience.contains(resource)) ? OAuth2TokenValidatorResult.success()
					: OAuth2TokenValidatorResult.failure(error);
		};
	}

}
