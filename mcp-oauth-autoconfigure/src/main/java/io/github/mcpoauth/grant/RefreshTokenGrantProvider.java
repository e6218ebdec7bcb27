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

package io.github.mcpoauth.grant;

import io.github.mcpoauth.token.OAuthToken;
import io.github.mcpoauth.token.TokenEndpointClient;
import reactor.core.publisher.Mono;

import org.springframework.util.Assert;

/**
 * The refresh-token grant (RFC 6749 §6, OAuth 2.1 §4.3): applies when the engine asks for
 * a refresh of a token that holds a refresh token. The request carries the RFC 8707
 * {@code resource} and no {@code scope}, so the granted scope is kept.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-6">RFC 6749 §6</a>
 */
public final class RefreshTokenGrantProvider implements GrantProvider {

	private final TokenEndpointClient tokenClient;

	/**
	 * @param tokenClient the token-response client for refresh requests
	 */
	public RefreshTokenGrantProvider(TokenEndpointClient tokenClient) {
		Assert.notNull(tokenClient, "tokenClient cannot be null");
		this.tokenClient = tokenClient;
	}

	@Override
	public Mono<OAuthToken> obtain(GrantContext context) {
		OAuthToken token = context.token();
		if (token == null || !token.hasRefreshToken()) {
			return Mono.empty();
		}
		return context.registration(context.server().redirectUri())
			.flatMap((registration) -> this.tokenClient.refresh(context.tokenRequest(registration, null), token));
	}

}
