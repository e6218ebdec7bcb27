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
import java.util.List;
import java.util.Map;

import io.github.mcpoauth.core.EndpointSchemes;
import io.github.mcpoauth.core.McpOAuthErrorCode;
import io.github.mcpoauth.core.McpOAuthException;

/**
 * OAuth 2.0 Protected Resource Metadata of an MCP server.
 *
 * <p>Construction fails with {@link McpOAuthException} ({@link McpOAuthErrorCode#INSECURE_ENDPOINT})
 * when an authorization server's issuer is neither {@code https} nor {@code http} on a loopback
 * host (RFC 8414 §2, {@link EndpointSchemes}): its metadata would be fetched from there.
 *
 * @param resource the protected resource's identifier (RFC 9728 §2, required)
 * @param authorizationServers issuers of the authorization servers that protect it (at least one for MCP)
 * @param scopesSupported the scopes the resource understands, empty when not published
 * @param bearerMethodsSupported how bearer tokens may be sent, empty when not published
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9728#section-2">RFC 9728 §2</a>
 */
public record ProtectedResourceMetadata(String resource, List<String> authorizationServers,
		List<String> scopesSupported, List<String> bearerMethodsSupported) {

	public ProtectedResourceMetadata {
		authorizationServers = List.copyOf(authorizationServers);
		for (String issuer : authorizationServers) {
			URI issuerUri;
			try {
				issuerUri = URI.create(issuer);
			}
			catch (IllegalArgumentException ex) {
				throw new McpOAuthException(McpOAuthErrorCode.INVALID_METADATA, "Protected-resource metadata names "
						+ "an authorization server that is not a URL (RFC 9728 §2).", ex);
			}
			EndpointSchemes.check(issuerUri, "authorization server named by the protected-resource metadata");
		}
		scopesSupported = List.copyOf(scopesSupported);
		bearerMethodsSupported = List.copyOf(bearerMethodsSupported);
	}

	/**
	 * Reads the metadata from its JSON members.
	 * @param json the parsed document
	 * @param source where it was read, for error messages
	 * @return the metadata
	 * @throws McpOAuthException ({@link McpOAuthErrorCode#INVALID_METADATA}) when {@code resource}
	 * or {@code authorization_servers} is missing or malformed
	 */
	public static ProtectedResourceMetadata from(Map<String, Object> json, URI source) {
		String resource = Json.requiredString(json, "resource", source);
		List<String> servers = Json.stringList(json, "authorization_servers", source);
		if (servers.isEmpty()) {
			throw new McpOAuthException(McpOAuthErrorCode.INVALID_METADATA,
					"Protected-resource metadata at " + source + " names no 'authorization_servers' (RFC 9728 §2).");
		}
		return new ProtectedResourceMetadata(resource, servers, Json.stringList(json, "scopes_supported", source),
				Json.stringList(json, "bearer_methods_supported", source));
	}

}
