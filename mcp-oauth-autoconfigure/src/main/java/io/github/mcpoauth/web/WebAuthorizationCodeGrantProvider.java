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

package io.github.mcpoauth.web;

import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;

import io.github.mcpoauth.authorization.Pkce;
import io.github.mcpoauth.core.McpOAuthErrorCode;
import io.github.mcpoauth.core.McpOAuthException;
import io.github.mcpoauth.core.McpServerDefinition.GrantType;
import io.github.mcpoauth.discovery.AuthorizationServerMetadata;
import io.github.mcpoauth.grant.AuthorizationCodeGrantProvider;
import io.github.mcpoauth.grant.GrantContext;
import io.github.mcpoauth.grant.GrantProvider;
import io.github.mcpoauth.token.OAuthToken;
import io.github.mcpoauth.token.TokenEndpointClient;
import io.github.mcpoauth.token.TokenRequest;
import io.github.mcpoauth.web.WebAuthorizationContext.AuthorizationCallbackResponse;
import reactor.core.publisher.Mono;

import org.springframework.util.Assert;

/**
 * The authorization-code grant (OAuth 2.1 §4.1, PKCE S256 RFC 7636, RFC 8707 resource) for a
 * signed-in user of a web application, in two legs that the user's browser joins, with no
 * loopback listener:
 * <ol>
 * <li>Within a web request ({@link WebAuthorizationContext#callbackUri}), a token that needs
 * the user fails with {@link McpAuthorizationRequiredException}, which carries a new
 * authorization request: PKCE verifier, {@code state}, the application's callback as the
 * redirect URI, the resource and scopes. {@link McpAuthorizationWebFilter} keeps it in the
 * user's {@code WebSession} and redirects the browser to the authorization server.</li>
 * <li>When the response has come back to the callback and been checked, the engine is asked
 * again with the response in the context ({@link WebAuthorizationContext#response}); this
 * provider redeems the code (RFC 6749 §4.1.3), and the engine stores the tokens for that
 * user.</li>
 * </ol>
 * Outside a web request it answers empty, so the built-in
 * {@link AuthorizationCodeGrantProvider} (loopback or direct user agent) applies. The
 * authorization URL and the code exchange are those of {@link AuthorizationCodeGrantProvider}
 * and {@link TokenEndpointClient}.
 */
public final class WebAuthorizationCodeGrantProvider implements GrantProvider {

	private final TokenEndpointClient tokenClient;

	private final Clock clock;

	/**
	 * @param tokenClient the token-response client for the code exchange
	 * @param clock the clock that dates pending authorizations
	 */
	public WebAuthorizationCodeGrantProvider(TokenEndpointClient tokenClient, Clock clock) {
		Assert.notNull(tokenClient, "tokenClient cannot be null");
		Assert.notNull(clock, "clock cannot be null");
		this.tokenClient = tokenClient;
		this.clock = clock;
	}

	@Override
	public Mono<OAuthToken> obtain(GrantContext context) {
		if (context.isRefresh() || context.server().grantType() != GrantType.AUTHORIZATION_CODE) {
			return Mono.empty();
		}
		return Mono.deferContextual((reactorContext) -> {
			AuthorizationCallbackResponse response = WebAuthorizationContext.response(reactorContext);
			if (response != null && response.authorization().serverName().equals(context.server().name())
					&& response.authorization().principal().equals(context.principal())) {
				return redeem(context, response);
			}
			URI callbackUri = WebAuthorizationContext.callbackUri(reactorContext);
			return (callbackUri != null) ? authorizationRequired(context, callbackUri) : Mono.empty();
		});
	}

	private Mono<OAuthToken> authorizationRequired(GrantContext context, URI callbackUri) {
		AuthorizationServerMetadata metadata = context.discovered().authorizationServer();
		if (!metadata.supportsS256()) {
			return Mono.error(new McpOAuthException(McpOAuthErrorCode.PKCE_UNSUPPORTED, "The authorization server "
					+ metadata.issuer() + " does not list S256 in code_challenge_methods_supported."));
		}
		URI endpoint = metadata.authorizationEndpoint();
		if (endpoint == null) {
			return Mono.error(new McpOAuthException(McpOAuthErrorCode.INVALID_METADATA,
					"The authorization server " + metadata.issuer() + " publishes no authorization_endpoint."));
		}
		return context.registration(callbackUri).flatMap((registration) -> {
			Pkce pkce = Pkce.generate();
			String state = Pkce.randomUrlSafe(32);
			String resource = context.discovered().resource();
			URI authorizationUri = AuthorizationCodeGrantProvider.authorizationUri(endpoint, registration, callbackUri,
					context.scopes(), state, pkce, resource);
			PendingAuthorization pending = new PendingAuthorization(context.server().name(), context.principal(),
					state, pkce.codeVerifier(), callbackUri.toString(), authorizationUri.toString(), metadata.issuer(),
					metadata.authorizationResponseIssParameterSupported(), resource, List.copyOf(context.scopes()),
					this.clock.instant(), null);
			return Mono.error(new McpAuthorizationRequiredException(pending));
		});
	}

	/**
	 * Redeems the code for the authorization server and resource it was requested from:
	 * when discovery now names others, the code is not sent.
	 */
	private Mono<OAuthToken> redeem(GrantContext context, AuthorizationCallbackResponse response) {
		PendingAuthorization pending = response.authorization();
		AuthorizationServerMetadata metadata = context.discovered().authorizationServer();
		if (!metadata.issuer().equals(pending.issuer()) || !context.discovered().resource().equals(pending.resource())) {
			return Mono.error(new McpOAuthException(McpOAuthErrorCode.AUTHORIZATION_FAILED,
					"The authorization of MCP server '" + pending.serverName() + "' was requested from "
							+ pending.issuer() + " for " + pending.resource() + ", but the server now names "
							+ metadata.issuer() + " for " + context.discovered().resource()
							+ "; the code is not redeemed. Start again."));
		}
		URI endpoint = metadata.authorizationEndpoint();
		if (endpoint == null) {
			return Mono.error(new McpOAuthException(McpOAuthErrorCode.INVALID_METADATA,
					"The authorization server " + metadata.issuer() + " publishes no authorization_endpoint."));
		}
		URI redirectUri = URI.create(pending.redirectUri());
		return context.registration(redirectUri).flatMap((registration) -> {
			TokenRequest request = context.tokenRequest(registration, redirectUri);
			TokenRequest asRequested = new TokenRequest(request.registration(), request.issuer(),
					request.tokenEndpoint(), request.resource(), new LinkedHashSet<>(pending.scopes()),
					request.redirectUri(), request.signer());
			return this.tokenClient.authorizationCode(asRequested, response.code(), pending.codeVerifier(), endpoint);
		});
	}

}
