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

package io.github.mcpoauth.sample.server.weather;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import io.github.mcpoauth.sample.server.McpScopes;
import io.github.mcpoauth.sample.server.RoleProperties;
import io.github.mcpoauth.sample.server.ServerBaseUrl;
import io.github.mcpoauth.sample.server.ServerRole;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.server.resource.OAuth2ProtectedResourceMetadata;
import org.springframework.util.Assert;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The RFC 9728 metadata of the weather server's MCP endpoint, naming the external
 * issuer as its authorization server; served at the path-suffixed and at the root
 * well-known URL.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9728#section-3">RFC 9728 §3</a>
 */
@RestController
@ConditionalOnProperty(name = ServerRole.PROPERTY, havingValue = "resource-server")
final class WeatherResourceMetadataController {

	private final ServerBaseUrl serverBaseUrl;

	private final RoleProperties roleProperties;

	WeatherResourceMetadataController(ServerBaseUrl serverBaseUrl, RoleProperties roleProperties) {
		Assert.notNull(serverBaseUrl, "serverBaseUrl cannot be null");
		Assert.notNull(roleProperties, "roleProperties cannot be null");
		this.serverBaseUrl = serverBaseUrl;
		this.roleProperties = roleProperties;
	}

	@GetMapping(path = { ServerBaseUrl.PROTECTED_RESOURCE_METADATA_PATH,
			ServerBaseUrl.PROTECTED_RESOURCE_METADATA_PATH + ServerBaseUrl.MCP_PATH },
			produces = MediaType.APPLICATION_JSON_VALUE)
	Map<String, Object> protectedResourceMetadata(HttpServletRequest request) {
		// @formatter:off
		return OAuth2ProtectedResourceMetadata.builder()
				.resource(ServerBaseUrl.mcpResource(this.serverBaseUrl.resolve(request)))
				.authorizationServer(this.roleProperties.issuer())
				.scopes((scopes) -> scopes.addAll(McpScopes.ALL))
				.bearerMethod("header")
				.resourceName("mcp-oauth sample weather server")
				.build()
				.getClaims();
		// @formatter:on
	}

}
