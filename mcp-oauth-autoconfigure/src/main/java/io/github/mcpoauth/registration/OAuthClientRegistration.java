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

package io.github.mcpoauth.registration;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The client identity this application uses with one authorization server: how it was
 * obtained, its {@code client_id}, its secret if it has one, and how it authenticates at
 * the token endpoint. Registrations are stored per issuer and never used with another
 * authorization server.
 *
 * <p>{@link #toString()} never shows the client secret.
 *
 * @param issuer the issuer of the authorization server the registration belongs to
 * @param clientId the client identifier (an https URL for a Client ID Metadata Document)
 * @param clientSecret the client secret, or {@code null} for a public client
 * @param tokenEndpointAuthMethod {@code client_secret_basic}, {@code client_secret_post},
 * {@code private_key_jwt} or {@code none} (RFC 7591 §2)
 * @param redirectUris the registered redirect URIs
 * @param clientSecretExpiresAt when the secret expires, or {@code null} for never (RFC 7591 §3.2.1)
 * @param source how the registration was obtained
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7591#section-3.2.1">RFC 7591 §3.2.1</a>
 */
public record OAuthClientRegistration(String issuer, String clientId, @Nullable String clientSecret,
		String tokenEndpointAuthMethod, List<String> redirectUris, @Nullable Instant clientSecretExpiresAt,
		Source source) {

	public OAuthClientRegistration {
		Assert.notNull(issuer, "issuer cannot be null");
		Assert.hasText(clientId, "clientId cannot be empty");
		Assert.hasText(tokenEndpointAuthMethod, "tokenEndpointAuthMethod cannot be empty");
		Assert.notNull(source, "source cannot be null");
		redirectUris = List.copyOf(redirectUris);
	}

	/**
	 * Whether the secret has expired, so the client must register again (RFC 7591 §3.2.1).
	 * @param clock the clock
	 * @return {@code true} when a secret expiry is set and has passed
	 */
	public boolean isSecretExpired(Clock clock) {
		return this.clientSecretExpiresAt != null && !this.clientSecretExpiresAt.equals(Instant.EPOCH)
				&& !clock.instant().isBefore(this.clientSecretExpiresAt);
	}

	@Override
	public String toString() {
		return "OAuthClientRegistration[issuer=" + this.issuer + ", clientId=" + this.clientId + ", clientSecret="
				+ ((this.clientSecret != null) ? "[redacted]" : "[none]") + ", tokenEndpointAuthMethod="
				+ this.tokenEndpointAuthMethod + ", redirectUris=" + this.redirectUris + ", source=" + this.source
				+ "]";
	}

	/** How a registration was obtained, in the priority order of the MCP specification. */
	public enum Source {

		/** Configured by the application. */
		PRE_REGISTERED,

		/** A Client ID Metadata Document URL used as {@code client_id}. */
		CLIENT_ID_METADATA_DOCUMENT,

		/** RFC 7591 dynamic client registration. */
		DYNAMIC

	}

}
