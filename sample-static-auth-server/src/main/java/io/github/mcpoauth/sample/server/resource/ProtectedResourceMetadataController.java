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

package io.github.mcpoauth.sample.server.resource;

import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import io.github.mcpoauth.sample.server.McpScopes;
import io.github.mcpoauth.sample.server.ServerBaseUrl;

import org.springframework.http.MediaType;
import org.springframework.security.oauth2.server.resource.OAuth2ProtectedResourceMetadata;
import org.springframework.util.Assert;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves the RFC 9728 metadata of the MCP endpoint, at the path-suffixed well-known URL
 * ({@code /.well-known/oauth-protected-resource/mcp}) and, for clients that probe the root
 * first, at {@code /.well-known/oauth-protected-resource}. Both describe {@code /mcp}: it
 * is the only protected resource of this server.
 * <p>
 * Spring Security's own {@code OAuth2ProtectedResourceMetadataFilter} derives the
 * resource from the request path, which would make the root document describe the root
 * URL; hence this controller.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9728#section-3">RFC 9728 §3</a>
 */
@RestController
final class ProtectedResourceMetadataController {

	private final ServerBaseUrl serverBaseUrl;

	ProtectedResourceMetadataController(ServerBaseUrl serverBaseUrl) {
		Assert.notNull(serverBaseUrl, "serverBaseUrl cannot be null");
		this.serverBaseUrl = serverBaseUrl;
	}

	@GetMapping(path = { ServerBaseUrl.PROTECTED_RESOURCE_METADATA_PATH,
			ServerBaseUrl.PROTECTED_RESOURCE_METADATA_PATH + ServerBaseUrl.MCP_PATH },
			produces = MediaType.APPLICATION_JSON_VALUE)
	Map<String, Object> protectedResourceMetadata(HttpServletRequest request) {
		String baseUrl = this.serverBaseUrl.resolve(request);
		// @formatter:off
		return OAuth2ProtectedResourceMetadata.builder()
				.resource(ServerBaseUrl.mcpResource(baseUrl))
				.authorizationServer(baseUrl)
				.scopes((scopes) -> scopes.addAll(McpScopes.ALL))
				.bearerMethod("header")
				.resourceName("mcp-oauth sample static-auth server")
				// DPoP-bound tokens are accepted, not required (RFC 9728 §2)
				.claim("dpop_signing_alg_values_supported", List.of(McpBearerTokenChallenge.DPOP_ALGORITHMS.split(" ")))
				.claim("dpop_bound_access_tokens_required", false)
				.build()
				.getClaims();
		// @formatter:on
	}

}
