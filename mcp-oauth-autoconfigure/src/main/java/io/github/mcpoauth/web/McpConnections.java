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

import io.github.mcpoauth.client.McpOAuthClient;
import io.github.mcpoauth.core.McpServerRegistry;
import io.github.mcpoauth.token.OAuthToken;
import reactor.core.publisher.Mono;

import org.springframework.util.Assert;

/**
 * The current user's connections to the configured MCP servers, for a web page: whether the
 * user holds a usable token for a server, connecting (which, in a web request, sends the
 * browser to the server's authorization server through {@link McpAuthorizationWebFilter}),
 * and disconnecting. The current user is the engine's current principal: the signed-in
 * Spring Security user of the request the call is made from.
 *
 * <p>Disconnecting removes only that user's tokens for the server. Client registrations
 * (pre-registered or dynamic) belong to the application and are shared by its users, so they
 * stay.
 */
public final class McpConnections {

	private final McpOAuthClient client;

	private final McpServerRegistry servers;

	public McpConnections(McpOAuthClient client, McpServerRegistry servers) {
		Assert.notNull(client, "client cannot be null");
		Assert.notNull(servers, "servers cannot be null");
		this.client = client;
		this.servers = servers;
	}

	/**
	 * The current user's usable token for a server, refreshed when it has expired; never
	 * starts an authorization.
	 * @param serverName the configured server name
	 * @return the token, or empty when the user is not connected
	 */
	public Mono<OAuthToken> token(String serverName) {
		return Mono.fromCallable(() -> this.servers.get(serverName)).flatMap(this.client::currentToken);
	}

	/**
	 * @param serverName the configured server name
	 * @return whether the current user holds a usable token for the server
	 */
	public Mono<Boolean> isConnected(String serverName) {
		return token(serverName).hasElement();
	}

	/**
	 * Connects the current user to a server: completes at once when the user holds a usable
	 * token, else fails with {@link McpAuthorizationRequiredException}, which the web filter
	 * turns into a redirect to the authorization server.
	 * @param serverName the configured server name
	 * @return completion
	 */
	public Mono<Void> connect(String serverName) {
		return Mono.fromCallable(() -> this.servers.get(serverName)).flatMap(this.client::ensureAuthenticated).then();
	}

	/**
	 * Disconnects the current user from a server: removes that user's tokens.
	 * @param serverName the configured server name
	 * @return completion
	 */
	public Mono<Void> disconnect(String serverName) {
		return Mono.fromCallable(() -> this.servers.get(serverName))
			.flatMap((server) -> this.client.principal().flatMap((principal) -> this.client.clearTokens(server, principal)));
	}

}
