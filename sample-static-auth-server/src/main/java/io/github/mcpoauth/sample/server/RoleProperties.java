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

package io.github.mcpoauth.sample.server;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The settings of the split roles ({@link ServerRole}), bound from {@code mcp.static.*}
 * next to {@link StaticServerProperties}.
 *
 * @param role The role, {@code combined} by default.
 * @param issuer The authorization server a {@code resource-server} trusts: named in its
 * protected-resource metadata, and the expected {@code iss} of tokens, whose signature is
 * checked with the keys of this issuer's {@code jwks_uri}.
 * @param resources The RFC 8707 resources an {@code authorization-server} issues tokens
 * for; empty for any absolute http(s) URI.
 */
@ConfigurationProperties(prefix = StaticServerProperties.CONFIG_PREFIX)
public record RoleProperties(@DefaultValue("combined") String role,
		@DefaultValue(DEFAULT_ISSUER) String issuer, @DefaultValue List<String> resources) {

	/**
	 * The issuer a resource server trusts by default: the authorization-server role on
	 * its default port.
	 */
	public static final String DEFAULT_ISSUER = "http://localhost:8003";

	/**
	 * Validates the role and normalises the issuer (no trailing slash).
	 */
	public RoleProperties {
		ServerRole.of(role);
		issuer = issuer.strip();
		while (issuer.endsWith("/")) {
			issuer = issuer.substring(0, issuer.length() - 1);
		}
		resources = List.copyOf(resources);
	}

	/**
	 * The role.
	 * @return the parsed role
	 */
	public ServerRole serverRole() {
		return ServerRole.of(this.role);
	}

}
