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

import java.net.URI;
import java.util.Set;

import io.github.mcpoauth.authorization.AuthorizationResponse;
import io.github.mcpoauth.authorization.Pkce;
import io.github.mcpoauth.authorization.UserAgent;
import io.github.mcpoauth.core.McpOAuthErrorCode;
import io.github.mcpoauth.core.McpOAuthException;
import io.github.mcpoauth.core.McpServerDefinition.GrantType;
import io.github.mcpoauth.discovery.AuthorizationServerMetadata;
import io.github.mcpoauth.registration.OAuthClientRegistration;
import io.github.mcpoauth.token.OAuthToken;
import io.github.mcpoauth.token.TokenEndpointClient;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.util.Assert;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The authorization-code grant with PKCE S256 (OAuth 2.1 §4.1, RFC 7636), {@code state}
 * (RFC 6749 §10.12), the RFC 8707 {@code resource} and the RFC 9207 issuer check, for
 * servers configured with {@link GrantType#AUTHORIZATION_CODE}. A {@link UserAgent} takes
 * the user to the authorization endpoint (a browser and a loopback listener, a printed URL,
 * or a direct HTTP client) and brings the code back.
 *
 * <p>Without a user agent the grant fails with
 * {@link McpOAuthErrorCode#INTERACTION_REQUIRED}.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7636#section-4">RFC 7636 §4</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9207#section-2.4">RFC 9207 §2.4</a>
 */
public final class AuthorizationCodeGrantProvider implements GrantProvider {

	private final @Nullable UserAgent userAgent;

	private final TokenEndpointClient tokenClient;

	/**
	 * @param userAgent the user agent, or {@code null} when this application cannot involve a user
	 * @param tokenClient the token-response client for the code exchange
	 */
	public AuthorizationCodeGrantProvider(@Nullable UserAgent userAgent, TokenEndpointClient tokenClient) {
		Assert.notNull(tokenClient, "tokenClient cannot be null");
		this.userAgent = userAgent;
		this.tokenClient = tokenClient;
	}

	@Override
	public Mono<OAuthToken> obtain(GrantContext context) {
		if (context.isRefresh() || context.server().grantType() != GrantType.AUTHORIZATION_CODE) {
			return Mono.empty();
		}
		AuthorizationServerMetadata metadata = context.discovered().authorizationServer();
		UserAgent agent = this.userAgent;
		if (agent == null) {
			return Mono.error(new McpOAuthException(McpOAuthErrorCode.INTERACTION_REQUIRED, "Server '"
					+ context.server().name() + "' needs a new authorization but no user agent is configured."));
		}
		if (!metadata.supportsS256()) {
			return Mono.error(new McpOAuthException(McpOAuthErrorCode.PKCE_UNSUPPORTED, "The authorization server "
					+ metadata.issuer() + " does not list S256 in code_challenge_methods_supported."));
		}
		URI authorizationEndpoint = metadata.authorizationEndpoint();
		if (authorizationEndpoint == null) {
			return Mono.error(new McpOAuthException(McpOAuthErrorCode.INVALID_METADATA,
					"The authorization server " + metadata.issuer() + " publishes no authorization_endpoint."));
		}
		return Mono.usingWhen(agent.start(context.server().redirectUri()), (session) -> {
			URI redirectUri = session.redirectUri();
			return context.registration(redirectUri).flatMap((registration) -> {
				Pkce pkce = Pkce.generate();
				String state = Pkce.randomUrlSafe(32);
				URI authorizationUri = authorizationUri(authorizationEndpoint, registration, redirectUri,
						context.scopes(), state, pkce, context.discovered().resource());
				return session.authorize(authorizationUri)
					.map((redirect) -> AuthorizationResponse.from(redirect, state, metadata.issuer(),
							metadata.authorizationResponseIssParameterSupported()))
					.flatMap((response) -> this.tokenClient.authorizationCode(
							context.tokenRequest(registration, redirectUri), response.code(), pkce.codeVerifier(),
							authorizationEndpoint));
			});
		}, (session) -> Mono.fromRunnable(session::close));
	}

	/**
	 * The authorization request URI (RFC 6749 §4.1.1, RFC 7636 §4.3, RFC 8707 §2).
	 * @param endpoint the authorization endpoint
	 * @param registration the client registration
	 * @param redirectUri the redirect URI
	 * @param scopes the scopes, empty to omit the parameter
	 * @param state the {@code state} value
	 * @param pkce the PKCE pair
	 * @param resource the RFC 8707 resource
	 * @return the URI to send the user to
	 */
	public static URI authorizationUri(URI endpoint, OAuthClientRegistration registration, URI redirectUri,
			Set<String> scopes, String state, Pkce pkce, String resource) {
		UriComponentsBuilder builder = UriComponentsBuilder.fromUri(endpoint)
			.queryParam("response_type", "code")
			.queryParam("client_id", registration.clientId())
			.queryParam("redirect_uri", redirectUri.toString())
			.queryParam("state", state)
			.queryParam("code_challenge", pkce.codeChallenge())
			.queryParam("code_challenge_method", Pkce.METHOD)
			.queryParam("resource", resource);
		if (!scopes.isEmpty()) {
			builder.queryParam("scope", String.join(" ", scopes));
		}
		return builder.encode().build().toUri();
	}

}
