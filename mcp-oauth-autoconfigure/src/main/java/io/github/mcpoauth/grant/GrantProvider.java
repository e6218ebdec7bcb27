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
import reactor.core.publisher.Mono;

/**
 * Knows how to obtain a token with one OAuth grant. The engine
 * ({@link io.github.mcpoauth.client.McpOAuthClient}) decides <em>when</em> a token is needed
 * and asks its providers in order; the first that applies to the {@link GrantContext}
 * obtains the token, the others answer empty. A new grant is a new provider, registered on
 * {@link io.github.mcpoauth.client.McpOAuthClientBuilder#grantProvider(GrantProvider)} or
 * declared as a bean: the engine does not change.
 *
 * <p>Providers do not store the token and do not decide what a refusal removes: the engine
 * saves what they return, and its {@link GrantFailureHandler} handles refusals.
 *
 * <pre>{@code
 * GrantProvider partnerAssertion = (context) -> (context.isRefresh() || !context.server().name().equals("partner"))
 *         ? Mono.empty()   // not this provider's: the next one is asked
 *         : context.registration(context.server().redirectUri())
 *             .flatMap((registration) -> tokens.jwtBearer(context.tokenRequest(registration, null), assertion));
 * McpOAuthClient engine = McpOAuthClient.builder().grantProvider(partnerAssertion).build();
 * }</pre>
 * The {@linkplain io.github.mcpoauth.grant package documentation} shows the whole provider;
 * the examples are compiled by {@code JavadocExamplesTests}.
 */
@FunctionalInterface
public interface GrantProvider {

	/**
	 * Obtains a token when this provider applies to the context.
	 * @param context the server, principal, discovered metadata, scopes and, for a refresh,
	 * the token to refresh
	 * @return the token, empty when this provider does not handle the context, or an error
	 * ({@link io.github.mcpoauth.core.McpOAuthException}) when the grant failed
	 */
	Mono<OAuthToken> obtain(GrantContext context);

}
