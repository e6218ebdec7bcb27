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

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.github.mcpoauth.sample.server.McpScopes;
import io.github.mcpoauth.sample.server.StaticServerProperties;

import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.util.Assert;

/**
 * Factories for the clients of the sample server: the statically registered confidential
 * client and the public clients of open dynamic registration.
 */
public final class RegisteredClients {

	/**
	 * The loopback redirect URI registered for the static client. Spring Authorization
	 * Server accepts it with any port (RFC 8252 §7.3).
	 *
	 * @see <a href="https://www.rfc-editor.org/rfc/rfc8252#section-7.3">RFC 8252 §7.3</a>
	 */
	public static final String LOOPBACK_REDIRECT_URI = "http://127.0.0.1/callback";

	/**
	 * How long a refresh token may be used. Each use rotates it.
	 */
	public static final Duration REFRESH_TOKEN_TTL = Duration.ofDays(1);

	private RegisteredClients() {
	}

	/**
	 * The statically registered confidential client: {@code client_secret_basic} and
	 * {@code client_secret_post}; authorization code with PKCE S256 required (RFC 7636),
	 * rotating refresh tokens and client credentials; no consent screen.
	 * @param properties the server properties (client id, secret, extra redirect URIs,
	 * token lifetime)
	 * @return the registered client
	 * @see <a href="https://www.rfc-editor.org/rfc/rfc7636">RFC 7636</a>
	 */
	public static RegisteredClient staticClient(StaticServerProperties properties) {
		Assert.notNull(properties, "properties cannot be null");
		// @formatter:off
		return RegisteredClient.withId(UUID.randomUUID().toString())
				.clientId(properties.clientId())
				.clientSecret(PasswordEncoderFactories.createDelegatingPasswordEncoder().encode(properties.clientSecret()))
				.clientName("Static MCP client")
				.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
				.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
				.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
				.authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
				.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
				.redirectUri(LOOPBACK_REDIRECT_URI)
				.redirectUris((redirectUris) -> redirectUris.addAll(properties.redirectUris()))
				.scopes((scopes) -> scopes.addAll(McpScopes.ALL))
				.clientSettings(clientSettings())
				.tokenSettings(tokenSettings(properties.accessTokenTtl()))
				.build();
		// @formatter:on
	}

	/**
	 * A public client registered through RFC 7591 dynamic registration:
	 * {@code token_endpoint_auth_method} {@code none}, PKCE required, no secret.
	 * <p>
	 * Spring Authorization Server issues no refresh token to public clients, whatever
	 * their grant types say.
	 * @param clientName the client name, if the client sent one
	 * @param redirectUris the validated redirect URIs
	 * @param grantTypes the validated grant types
	 * @param scopes the validated scopes
	 * @param accessTokenTtl the access-token lifetime
	 * @param issuedAt the registration instant ({@code client_id_issued_at})
	 * @return the registered client
	 */
	public static RegisteredClient publicClient(@Nullable String clientName, Collection<String> redirectUris,
			Collection<AuthorizationGrantType> grantTypes, Collection<String> scopes, Duration accessTokenTtl,
			Instant issuedAt) {
		String clientId = UUID.randomUUID().toString();
		// @formatter:off
		return RegisteredClient.withId(UUID.randomUUID().toString())
				.clientId(clientId)
				.clientIdIssuedAt(issuedAt)
				.clientName((clientName != null) ? clientName : clientId)
				.clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
				.authorizationGrantTypes((types) -> types.addAll(grantTypes))
				.redirectUris((uris) -> uris.addAll(redirectUris))
				.scopes((registered) -> registered.addAll(scopes))
				.clientSettings(clientSettings())
				.tokenSettings(tokenSettings(accessTokenTtl))
				.build();
		// @formatter:on
	}

	private static ClientSettings clientSettings() {
		// Relaxed for local development: no consent screen after login.
		return ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build();
	}

	private static TokenSettings tokenSettings(Duration accessTokenTtl) {
		// @formatter:off
		return TokenSettings.builder()
				.accessTokenTimeToLive(accessTokenTtl)
				.refreshTokenTimeToLive(REFRESH_TOKEN_TTL)
				.reuseRefreshTokens(false)
				.build();
		// @formatter:on
	}

}
