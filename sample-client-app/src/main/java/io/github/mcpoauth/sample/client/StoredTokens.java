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

package io.github.mcpoauth.sample.client;

import java.util.Locale;
import java.util.Objects;

import io.github.mcpoauth.client.McpOAuthClient;
import io.github.mcpoauth.core.McpServerDefinition;
import io.github.mcpoauth.core.McpServerDefinition.GrantType;
import io.github.mcpoauth.registration.ClientRegistrationStore;
import io.github.mcpoauth.registration.OAuthClientRegistration;
import io.github.mcpoauth.store.TokenKey;
import io.github.mcpoauth.token.OAuthToken;
import org.jspecify.annotations.Nullable;

/**
 * The tokens of a server (the default principal's) as the commands that use them need
 * them. A server whose grant needs a user (authorization code) must have been authorized
 * with {@code auth}: its stored token is used, refreshed if it has expired, or the command fails with a
 * {@link CommandFailure} telling the user to run {@code auth}; never a new login. A server
 * whose grant needs no user (client credentials, with a secret or {@code private_key_jwt};
 * enterprise-managed authorization) gets a token from the engine by itself, which the engine
 * stores.
 */
final class StoredTokens {

	private StoredTokens() {
	}

	/**
	 * The token to use for a server: the stored one, refreshed when it has expired, or for a
	 * grant without a user a new one when there is none.
	 * @param client the engine
	 * @param server the server
	 * @return the stored and the usable token
	 * @throws CommandFailure when a server that needs a user has no usable token
	 */
	static Usable usable(McpOAuthClient client, McpServerDefinition server) {
		String name = server.name();
		OAuthToken stored = client.tokenStore().loadToken(TokenKey.of(name)).block();
		if (!needsUser(server)) {
			return new Usable(stored, Objects.requireNonNull(client.ensureAuthenticated(server).block()));
		}
		if (stored == null) {
			throw CommandFailure.notAuthorized(name, "No tokens are stored for '" + name + "'.");
		}
		OAuthToken current = client.currentToken(server).block();
		if (current == null) {
			throw CommandFailure.notAuthorized(name, stored.hasRefreshToken()
					? "The token of '" + name + "' has expired and the server refused its refresh token; the stored tokens were removed."
					: "The token of '" + name + "' has expired and there is no refresh token.");
		}
		return new Usable(stored, current);
	}

	/**
	 * @param server a server
	 * @return whether its grant needs a user, who logs in with {@code auth}; the other
	 * grants get tokens without one
	 */
	static boolean needsUser(McpServerDefinition server) {
		return server.grantType() == GrantType.AUTHORIZATION_CODE;
	}

	/**
	 * @param server a server
	 * @return its grant in words, for example {@code client credentials}
	 */
	static String grant(McpServerDefinition server) {
		return server.grantType().name().toLowerCase(Locale.ROOT).replace('_', ' ');
	}

	/**
	 * Describes the client a server's tokens were obtained with.
	 * @param registrations the client-registration store
	 * @param server the server, if known
	 * @param issuer the issuer of the server's tokens
	 * @return for example {@code static-mcp-client-001 (pre-registered, client_secret_basic, secret in the token store)}
	 */
	static String clientDescription(ClientRegistrationStore registrations, @Nullable McpServerDefinition server,
			String name, String issuer) {
		OAuthClientRegistration registration = registrations.loadRegistration(name, issuer).block();
		boolean issuerBinding = registration != null && server != null
				&& registration.source() == OAuthClientRegistration.Source.PRE_REGISTERED
				&& registration.clientSecret() == null && registration.clientId().equals(server.clientId());
		if (registration != null && !issuerBinding) {
			String source = switch (registration.source()) {
				case PRE_REGISTERED -> "pre-registered";
				case CLIENT_ID_METADATA_DOCUMENT -> "client ID metadata document";
				case DYNAMIC -> "registered dynamically";
			};
			return registration.clientId() + " (" + source + ", " + registration.tokenEndpointAuthMethod()
					+ ((registration.clientSecret() != null) ? ", secret in the token store" : "") + ")";
		}
		if (server != null && server.clientId() != null) {
			String method = (server.clientAuthenticationMethod() != null) ? server.clientAuthenticationMethod()
					: (server.clientSecret() != null) ? "client secret" : "none";
			return server.clientId() + " (pre-registered, " + method
					+ ((server.clientSecret() != null) ? ", secret from the configuration" : "") + ")";
		}
		if (server != null && server.clientMetadataUrl() != null) {
			return server.clientMetadataUrl() + " (client ID metadata document)";
		}
		return "(unknown)";
	}

	/**
	 * A server's token before and after the check.
	 *
	 * @param stored the token as it was stored, if any
	 * @param current the token to use: the stored one, a refreshed one when the stored one
	 * had expired, or a new one (for a grant without a user)
	 */
	record Usable(@Nullable OAuthToken stored, OAuthToken current) {

		/**
		 * @return whether the token to use is not the one that was stored
		 */
		boolean replaced() {
			return this.stored == null || !this.stored.accessToken().equals(this.current.accessToken());
		}

		/**
		 * @return whether the stored token was refreshed (it had a refresh token, and was replaced)
		 */
		boolean refreshed() {
			return this.stored != null && this.stored.hasRefreshToken() && replaced();
		}

	}

}
