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

import java.util.function.Consumer;

import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;

/**
 * Refuses an authorization request whose RFC 8707 {@code resource} is not this server's
 * MCP endpoint, with an {@code invalid_target} error sent to the (already validated)
 * redirect URI, before the user is asked to log in.
 * <p>
 * Runs after Spring Authorization Server's own redirect-URI and scope validation.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8707#section-2">RFC 8707 §2</a>
 */
final class ResourceIndicatorAuthorizationRequestValidator
		implements Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> {

	@Override
	public void accept(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
		OAuth2AuthorizationCodeRequestAuthenticationToken authorizationRequest = context.getAuthentication();
		AcceptedResources external = ResourceIndicators.external();
		if (external != null) {
			String unacceptable = external
				.firstUnacceptable(ResourceIndicators.requested(authorizationRequest.getAdditionalParameters()));
			if (unacceptable != null) {
				throw new OAuth2AuthorizationCodeRequestAuthenticationException(
						ResourceIndicators.invalidTarget(unacceptable, external.describe()), authorizationRequest);
			}
			return;
		}
		String accepted = ResourceIndicators.accepted();
		String unacceptable = ResourceIndicators
			.firstUnacceptable(ResourceIndicators.requested(authorizationRequest.getAdditionalParameters()), accepted);
		if (unacceptable != null) {
			throw new OAuth2AuthorizationCodeRequestAuthenticationException(
					ResourceIndicators.invalidTarget(unacceptable, accepted), authorizationRequest);
		}
	}

}
