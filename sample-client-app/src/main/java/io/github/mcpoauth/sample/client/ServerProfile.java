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

import java.net.URI;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.github.mcpoauth.core.McpServerDefinition;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * What the command line remembers about a server it authorized, so that later commands
 * need only its name: nothing secret. A client secret given to {@code auth} is kept in the
 * token store (secret storage) as the client registration for
 * {@link #clientSecretIssuer()}, never here.
 *
 * @param url the MCP endpoint URL
 * @param scopes the scopes to request, empty to follow the server's metadata
 * @param clientId the pre-registered client id, or {@code null} when the client registers itself
 * @param clientAuthenticationMethod the token-endpoint authentication method, or {@code null} to choose
 * @param clientSecretIssuer the authorization server under which the token store keeps the
 * client's registration with its secret, or {@code null} when there is no secret
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
record ServerProfile(URI url, List<String> scopes, @Nullable String clientId,
		@Nullable String clientAuthenticationMethod, @Nullable String clientSecretIssuer) {

	/** The client name the command line registers with (RFC 7591 {@code client_name}). */
	static final String CLIENT_NAME = "mcp-oauth CLI";

	ServerProfile {
		Assert.notNull(url, "url cannot be null");
		scopes = (scopes != null) ? List.copyOf(scopes) : List.of();
	}

	/**
	 * The server definition for the engine. With a stored secret it carries no client id:
	 * the engine then uses the registration stored for the issuer, secret included.
	 * @param name the server name
	 * @return the definition
	 */
	McpServerDefinition toDefinition(String name) {
		McpServerDefinition.Builder builder = McpServerDefinition.builder(name, this.url)
			.scopes(Set.copyOf(this.scopes))
			.clientName(CLIENT_NAME);
		if (this.clientSecretIssuer == null) {
			builder.clientId(this.clientId).clientAuthenticationMethod(this.clientAuthenticationMethod);
		}
		return builder.build();
	}

}
