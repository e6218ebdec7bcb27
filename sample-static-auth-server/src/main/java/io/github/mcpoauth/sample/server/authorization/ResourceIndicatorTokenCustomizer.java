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

package io.github.mcpoauth.sample.server.authorization;

import java.util.ArrayList;
import java.util.List;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationGrantAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * Sets the audience of access tokens to the RFC 8707 resource they were requested for,
 * which must be this server's MCP endpoint ({@code <issuer>/mcp}).
 * <p>
 * The resources considered are those of the token request (any grant) and, for the
 * authorization-code and refresh-token grants, those of the original authorization
 * request, so the audience carries over to refreshed tokens. Without any {@code resource}
 * parameter the audience defaults to the MCP endpoint. Any other resource is refused
 * with {@code invalid_target}. Out of the box Spring Authorization Server ignores the
 * parameter and uses the client id as audience.
 * <p>
 * The token also gets the {@code client_id} claim of RFC 9068 §2.2.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8707#section-2">RFC 8707 §2</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9068#section-2.2">RFC 9068 §2.2</a>
 */
public final class ResourceIndicatorTokenCustomizer implements OAuth2TokenCustomizer<JwtEncodingContext> {

	@Override
	public void customize(JwtEncodingContext context) {
		if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
			return;
		}
		List<String> requested = new ArrayList<>();
		Authentication grant = context.getAuthorizationGrant();
		if (grant instanceof OAuth2AuthorizationGrantAuthenticationToken grantToken) {
			requested.addAll(ResourceIndicators.requested(grantToken.getAdditionalParameters()));
		}
		OAuth2Authorization authorization = context.getAuthorization();
		if (authorization != null) {
			OAuth2AuthorizationRequest authorizationRequest = authorization
				.getAttribute(OAuth2AuthorizationRequest.class.getName());
			if (authorizationRequest != null) {
				requested.addAll(ResourceIndicators.requested(authorizationRequest.getAdditionalParameters()));
			}
		}
		AcceptedResources external = ResourceIndicators.external();
		if (external != null) {
			// an authorization server for other resource servers: the audience is what was asked for
			String unacceptable = external.firstUnacceptable(requested);
			if (unacceptable != null) {
				throw new OAuth2AuthenticationException(ResourceIndicators.invalidTarget(unacceptable, external.describe()));
			}
			if (!requested.isEmpty()) {
				context.getClaims().audience(requested.stream().distinct().toList());
			}
			context.getClaims().claim("client_id", context.getRegisteredClient().getClientId());
			return;
		}
		String accepted = ResourceIndicators.accepted();
		String unacceptable = ResourceIndicators.firstUnacceptable(requested, accepted);
		if (unacceptable != null) {
			throw new OAuth2AuthenticationException(ResourceIndicators.invalidTarget(unacceptable, accepted));
		}
		context.getClaims().audience(List.of(accepted));
		context.getClaims().claim("client_id", context.getRegisteredClient().getClientId());
	}

}
