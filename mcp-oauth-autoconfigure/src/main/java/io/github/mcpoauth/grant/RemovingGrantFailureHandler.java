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

import io.github.mcpoauth.core.McpOAuthErrorCode;
import io.github.mcpoauth.core.McpOAuthException;
import io.github.mcpoauth.registration.ClientRegistrationStore;
import io.github.mcpoauth.registration.OAuthClientRegistration;
import io.github.mcpoauth.store.TokenKey;
import io.github.mcpoauth.store.TokenStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.util.Assert;

/**
 * The default {@link GrantFailureHandler}, as the MCP authorization specification asks:
 * <ul>
 * <li>a refresh refused with {@code invalid_grant}
 * ({@link McpOAuthErrorCode#REFRESH_FAILED}) removes the refused token, and only while the
 * store still holds that very token (compare-and-delete: another process's fresh token
 * stays);</li>
 * <li>{@code invalid_client} ({@link McpOAuthErrorCode#INVALID_CLIENT}) removes a
 * dynamically registered client at that authorization server, so the next grant registers
 * anew; configured credentials are left alone (they are the application's to fix).</li>
 * </ul>
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-5.2">RFC 6749 §5.2</a>
 */
public final class RemovingGrantFailureHandler implements GrantFailureHandler {

	private static final Logger logger = LoggerFactory.getLogger(RemovingGrantFailureHandler.class);

	private final TokenStore tokens;

	private final ClientRegistrationStore registrations;

	/**
	 * @param tokens the token store
	 * @param registrations the client-registration store
	 */
	public RemovingGrantFailureHandler(TokenStore tokens, ClientRegistrationStore registrations) {
		Assert.notNull(tokens, "tokens cannot be null");
		Assert.notNull(registrations, "registrations cannot be null");
		this.tokens = tokens;
		this.registrations = registrations;
	}

	@Override
	public Mono<Void> onFailure(McpOAuthException failure, GrantContext context) {
		String server = context.server().name();
		if (failure.getErrorCode() == McpOAuthErrorCode.REFRESH_FAILED && context.token() != null) {
			return this.tokens.deleteToken(TokenKey.of(server, context.principal()), context.token())
				.doOnNext((removed) -> {
					if (removed) {
						logger.info("The refresh token of server '{}' was refused; its tokens are dropped", server);
					}
				})
				.then();
		}
		if (failure.getErrorCode() == McpOAuthErrorCode.INVALID_CLIENT) {
			String issuer = context.discovered().authorizationServer().issuer();
			return this.registrations.loadRegistration(server, issuer)
				.filter((registration) -> registration.source() == OAuthClientRegistration.Source.DYNAMIC)
				.flatMap((registration) -> {
					logger.info("The client registration of server '{}' at {} was refused; it is dropped", server,
							issuer);
					return this.registrations.deleteRegistration(server, issuer);
				})
				.then();
		}
		return Mono.empty();
	}

}
