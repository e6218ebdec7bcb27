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

import io.github.mcpoauth.core.McpServerDefinition.GrantType;
import io.github.mcpoauth.token.OAuthToken;
import io.github.mcpoauth.token.TokenEndpointClient;
import reactor.core.publisher.Mono;

import org.springframework.util.Assert;

/**
 * The client-credentials grant (RFC 6749 §4.4), for servers configured with
 * {@link GrantType#CLIENT_CREDENTIALS}: the client authenticates with its secret
 * ({@code client_secret_basic} or {@code client_secret_post}) or a signed assertion
 * ({@code private_key_jwt}, RFC 7523 §2.2). No user is involved.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-4.4">RFC 6749 §4.4</a>
 */
public final class ClientCredentialsGrantProvider implements GrantProvider {

	private final TokenEndpointClient tokenClient;

	/**
	 * @param tokenClient the token-response client for client-credentials requests
	 */
	public ClientCredentialsGrantProvider(TokenEndpointClient tokenClient) {
		Assert.notNull(tokenClient, "tokenClient cannot be null");
		this.tokenClient = tokenClient;
	}

	@Override
	public Mono<OAuthToken> obtain(GrantContext context) {
		if (context.isRefresh() || context.server().grantType() != GrantType.CLIENT_CREDENTIALS) {
			return Mono.empty();
		}
		return context.registration(context.server().redirectUri())
			.flatMap((registration) -> this.tokenClient.clientCredentials(context.tokenRequest(registration, null)));
	}

}
