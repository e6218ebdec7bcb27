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

package io.github.mcpoauth.discovery;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * What discovery learned about one MCP server: the resource to ask tokens for, its
 * protected-resource metadata (absent on 2025-03-26 servers) and its authorization server.
 *
 * @param serverUrl the MCP server URL that was called
 * @param resource the RFC 8707 resource identifier to request tokens for
 * @param protectedResource the protected-resource metadata, or {@code null} when the server publishes none
 * @param authorizationServer the authorization server's metadata
 */
public record DiscoveredServer(URI serverUrl, String resource, @Nullable ProtectedResourceMetadata protectedResource,
		AuthorizationServerMetadata authorizationServer) {

	/**
	 * The scopes to request, as the MCP specification orders it: the challenge's {@code scope}
	 * when present, else every scope of the protected-resource metadata, else none; plus
	 * {@code offline_access} when the authorization server supports it, so a refresh token is
	 * issued.
	 * @param challenge the 401 or 403 challenge that started the authorization, if any
	 * @return the scopes, possibly empty (then the parameter is omitted)
	 * @see <a href="https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization#scope-selection-strategy">MCP scope selection</a>
	 */
	public Set<String> scopesToRequest(@Nullable BearerChallenge challenge) {
		Set<String> scopes = new LinkedHashSet<>();
		if (challenge != null && !challenge.scopes().isEmpty()) {
			scopes.addAll(challenge.scopes());
		}
		else if (this.protectedResource != null) {
			scopes.addAll(this.protectedResource.scopesSupported());
		}
		if (!scopes.isEmpty() && this.authorizationServer.supportsScope("offline_access")) {
			scopes.add("offline_access");
		}
		return scopes;
	}

}
