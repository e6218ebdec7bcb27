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

import java.io.Serial;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * An authorization request sent to an authorization server on behalf of one signed-in user,
 * kept in that user's {@code WebSession} until the authorization response comes back: what
 * the callback needs to check the response ({@code state}, RFC 6749 §10.12; the issuer,
 * RFC 9207 §2.4) and to redeem the code (the PKCE verifier, RFC 7636 §4.5; the redirect URI,
 * RFC 6749 §4.1.3; the RFC 8707 resource and the scopes asked for).
 *
 * <p>{@link #toString()} never shows the code verifier.
 *
 * @param serverName the MCP server
 * @param principal the user the tokens are for
 * @param state the {@code state} sent
 * @param codeVerifier the PKCE code verifier
 * @param redirectUri the redirect URI sent (the application's callback)
 * @param authorizationUri the authorization request URL the browser is sent to
 * @param issuer the authorization server's issuer
 * @param issParameterRequired whether the server promised {@code iss} in its responses
 * @param resource the RFC 8707 resource asked for
 * @param scopes the scopes asked for
 * @param createdAt when the request was made
 * @param returnTo the application path the browser goes back to afterwards, or {@code null}
 * until the web filter sets it
 */
public record PendingAuthorization(String serverName, String principal, String state, String codeVerifier,
		String redirectUri, String authorizationUri, String issuer, boolean issParameterRequired, String resource,
		List<String> scopes, Instant createdAt, @Nullable String returnTo) implements Serializable {

	@Serial
	private static final long serialVersionUID = 1L;

	public PendingAuthorization {
		Assert.hasText(serverName, "serverName cannot be empty");
		Assert.hasText(principal, "principal cannot be empty");
		Assert.hasText(state, "state cannot be empty");
		Assert.hasText(codeVerifier, "codeVerifier cannot be empty");
		scopes = List.copyOf(scopes);
	}

	/**
	 * @param path the application path to go back to
	 * @return a copy with that path
	 */
	public PendingAuthorization returningTo(String path) {
		return new PendingAuthorization(this.serverName, this.principal, this.state, this.codeVerifier,
				this.redirectUri, this.authorizationUri, this.issuer, this.issParameterRequired, this.resource,
				this.scopes, this.createdAt, path);
	}

	@Override
	public String toString() {
		return "PendingAuthorization[server=" + this.serverName + ", principal=" + this.principal + ", issuer="
				+ this.issuer + ", scopes=" + this.scopes + ", codeVerifier=[redacted]]";
	}

}
