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

package io.github.mcpoauth.token;

import java.net.URI;
import java.util.Set;

import io.github.mcpoauth.dpop.DPoPKey;
import io.github.mcpoauth.registration.OAuthClientRegistration;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Where and as whom a token request is made: the client registration, the authorization
 * server's token endpoint and issuer, and the RFC 8707 resource the token is for.
 *
 * @param registration the client registration (decides the client authentication method)
 * @param issuer the authorization server's issuer (also the audience of client assertions, RFC 7523 §3)
 * @param tokenEndpoint the token endpoint
 * @param resource the resource indicator sent with every request (RFC 8707 §2)
 * @param scopes the scopes to request, empty to omit the parameter
 * @param redirectUri the redirect URI, for the authorization-code grant
 * @param signer the client's private key, for {@code private_key_jwt}
 * @param dpopKey the key to sign a DPoP proof with (RFC 9449 §5), or {@code null} to send none
 */
public record TokenRequest(OAuthClientRegistration registration, String issuer, URI tokenEndpoint,
		@Nullable String resource, Set<String> scopes, @Nullable URI redirectUri, @Nullable PrivateKeyJwt signer,
		@Nullable DPoPKey dpopKey) {

	public TokenRequest {
		Assert.notNull(registration, "registration cannot be null");
		Assert.notNull(issuer, "issuer cannot be null");
		Assert.notNull(tokenEndpoint, "tokenEndpoint cannot be null");
		scopes = Set.copyOf(scopes);
	}

	/**
	 * A token request without DPoP.
	 * @param registration the client registration
	 * @param issuer the authorization server's issuer
	 * @param tokenEndpoint the token endpoint
	 * @param resource the resource indicator
	 * @param scopes the scopes to request
	 * @param redirectUri the redirect URI, for the authorization-code grant
	 * @param signer the client's private key, for {@code private_key_jwt}
	 */
	public TokenRequest(OAuthClientRegistration registration, String issuer, URI tokenEndpoint,
			@Nullable String resource, Set<String> scopes, @Nullable URI redirectUri, @Nullable PrivateKeyJwt signer) {
		this(registration, issuer, tokenEndpoint, resource, scopes, redirectUri, signer, null);
	}

	/**
	 * @param key the DPoP key, or {@code null}
	 * @return a copy of this request that signs DPoP proofs with {@code key}
	 */
	public TokenRequest withDPoPKey(@Nullable DPoPKey key) {
		return new TokenRequest(this.registration, this.issuer, this.tokenEndpoint, this.resource, this.scopes,
				this.redirectUri, this.signer, key);
	}

}
