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
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Function;

import io.github.mcpoauth.core.McpServerDefinition;
import io.github.mcpoauth.discovery.BearerChallenge;
import io.github.mcpoauth.discovery.DiscoveredServer;
import io.github.mcpoauth.dpop.DPoPKey;
import io.github.mcpoauth.registration.OAuthClientRegistration;
import io.github.mcpoauth.token.OAuthToken;
import io.github.mcpoauth.token.PrivateKeyJwt;
import io.github.mcpoauth.token.TokenRequest;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.util.Assert;

/**
 * Everything a {@link GrantProvider} needs to obtain one token: the MCP server and the
 * principal it is for, what discovery learned (the RFC 8707 resource and the authorization
 * server), the scopes to request and, for a refresh, the token to refresh. The client
 * registration is resolved on demand, because the authorization-code grant knows its
 * redirect URI only once its user agent is listening.
 *
 * <p>Built by the engine with {@link #builder(McpServerDefinition, String, DiscoveredServer)}.
 */
public final class GrantContext {

	private final McpServerDefinition server;

	private final String principal;

	private final DiscoveredServer discovered;

	private final Set<String> scopes;

	private final @Nullable OAuthToken token;

	private final @Nullable BearerChallenge challenge;

	private final Function<URI, Mono<OAuthClientRegistration>> registrations;

	private final @Nullable PrivateKeyJwt clientAssertionSigner;

	private final @Nullable DPoPKey dpopKey;

	private GrantContext(Builder builder) {
		this.server = builder.server;
		this.principal = builder.principal;
		this.discovered = builder.discovered;
		this.scopes = Collections.unmodifiableSet(new LinkedHashSet<>(builder.scopes));
		this.token = builder.token;
		this.challenge = builder.challenge;
		this.registrations = builder.registrations;
		this.clientAssertionSigner = builder.clientAssertionSigner;
		this.dpopKey = builder.dpopKey;
	}

	/**
	 * @param server the MCP server the token is for
	 * @param principal the principal the token is for
	 * @param discovered the server's discovered metadata
	 * @return a builder
	 */
	public static Builder builder(McpServerDefinition server, String principal, DiscoveredServer discovered) {
		return new Builder(server, principal, discovered);
	}

	/**
	 * @return the MCP server the token is for
	 */
	public McpServerDefinition server() {
		return this.server;
	}

	/**
	 * @return the principal the token is for
	 */
	public String principal() {
		return this.principal;
	}

	/**
	 * @return the RFC 8707 resource and the authorization server's metadata
	 */
	public DiscoveredServer discovered() {
		return this.discovered;
	}

	/**
	 * @return the scopes to request, in order; empty to omit the parameter (always empty for a
	 * refresh, which keeps the granted scope, RFC 6749 §6)
	 */
	public Set<String> scopes() {
		return this.scopes;
	}

	/**
	 * @return the token to refresh, or {@code null} when a new token is wanted
	 */
	public @Nullable OAuthToken token() {
		return this.token;
	}

	/**
	 * @return whether the engine asks for a refresh of {@link #token()}
	 */
	public boolean isRefresh() {
		return this.token != null;
	}

	/**
	 * @return the 401 or 403 challenge that started the grant, if any
	 */
	public @Nullable BearerChallenge challenge() {
		return this.challenge;
	}

	/**
	 * @return the key the token requests prove possession of (RFC 9449 §5), or {@code null}
	 * when the token is not to be DPoP-bound; {@link #tokenRequest} carries it
	 */
	public @Nullable DPoPKey dpopKey() {
		return this.dpopKey;
	}

	/**
	 * The client registration to use with the discovered authorization server (and only
	 * with it, MCP authorization SEP-2352).
	 * @param redirectUri the redirect URI the client will use (registered with a dynamic
	 * registration)
	 * @return the registration
	 */
	public Mono<OAuthClientRegistration> registration(URI redirectUri) {
		return this.registrations.apply(redirectUri);
	}

	/**
	 * A token request to the discovered authorization server for this context's resource,
	 * scopes and DPoP key.
	 * @param registration the client registration to authenticate as
	 * @param redirectUri the redirect URI, for the authorization-code grant
	 * @return the request
	 */
	public TokenRequest tokenRequest(OAuthClientRegistration registration, @Nullable URI redirectUri) {
		var metadata = this.discovered.authorizationServer();
		return new TokenRequest(registration, metadata.issuer(), metadata.tokenEndpoint(), this.discovered.resource(),
				this.scopes, redirectUri,
				"private_key_jwt".equals(registration.tokenEndpointAuthMethod()) ? this.clientAssertionSigner : null,
				this.dpopKey);
	}

	@Override
	public String toString() {
		return "GrantContext[server=" + this.server.name() + ", principal=" + this.principal + ", issuer="
				+ this.discovered.authorizationServer().issuer() + ", scopes=" + this.scopes + ", refresh="
				+ isRefresh() + ", dpop=" + (this.dpopKey != null) + "]";
	}

	/** Builds a {@link GrantContext}. */
	public static final class Builder {

		private final McpServerDefinition server;

		private final String principal;

		private final DiscoveredServer discovered;

		private Set<String> scopes = Set.of();

		private @Nullable OAuthToken token;

		private @Nullable BearerChallenge challenge;

		private Function<URI, Mono<OAuthClientRegistration>> registrations = (redirectUri) -> Mono.empty();

		private @Nullable PrivateKeyJwt clientAssertionSigner;

		private @Nullable DPoPKey dpopKey;

		private Builder(McpServerDefinition server, String principal, DiscoveredServer discovered) {
			Assert.notNull(server, "server cannot be null");
			Assert.hasText(principal, "principal cannot be empty");
			Assert.notNull(discovered, "discovered cannot be null");
			this.server = server;
			this.principal = principal;
			this.discovered = discovered;
		}

		public Builder scopes(Set<String> scopes) {
			Assert.notNull(scopes, "scopes cannot be null");
			this.scopes = scopes;
			return this;
		}

		/**
		 * @param token the token to refresh, or {@code null} for a new token
		 * @return this builder
		 */
		public Builder token(@Nullable OAuthToken token) {
			this.token = token;
			return this;
		}

		public Builder challenge(@Nullable BearerChallenge challenge) {
			this.challenge = challenge;
			return this;
		}

		/**
		 * @param registrations resolves the client registration for a redirect URI
		 * @return this builder
		 */
		public Builder registrations(Function<URI, Mono<OAuthClientRegistration>> registrations) {
			Assert.notNull(registrations, "registrations cannot be null");
			this.registrations = registrations;
			return this;
		}

		/**
		 * @param signer the client's private key for {@code private_key_jwt} (RFC 7523 §2.2), if configured
		 * @return this builder
		 */
		public Builder clientAssertionSigner(@Nullable PrivateKeyJwt signer) {
			this.clientAssertionSigner = signer;
			return this;
		}

		/**
		 * @param key the key token requests prove possession of (RFC 9449 §5), or {@code null}
		 * for bearer tokens
		 * @return this builder
		 */
		public Builder dpopKey(@Nullable DPoPKey key) {
			this.dpopKey = key;
			return this;
		}

		public GrantContext build() {
			return new GrantContext(this);
		}

	}

}
