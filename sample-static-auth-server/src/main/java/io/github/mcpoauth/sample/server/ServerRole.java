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

import java.util.Arrays;
import java.util.Locale;

/**
 * What the sample server runs as, chosen with {@code --role} ({@code mcp.static.role}):
 * <ul>
 * <li>{@code combined} (the default): authorization server, login page, protected-resource
 * metadata and MCP endpoint on one port (9003);</li>
 * <li>{@code authorization-server}: the issuer only (login, {@code /authorize},
 * {@code /token}, {@code /jwks}, open RFC 7591 registration), no {@code /mcp}; port
 * 8003;</li>
 * <li>{@code resource-server}: an MCP server with the weather tools that trusts an
 * external issuer ({@code --issuer}); port 8000.</li>
 * </ul>
 * Each role is a set of configuration classes: the ones of the other roles are left out
 * of component scanning by {@link ServerRoleInitializer}.
 */
public enum ServerRole {

	/**
	 * Everything on one port.
	 */
	COMBINED("combined", 9003),

	/**
	 * The issuer only, with open dynamic registration.
	 */
	AUTHORIZATION_SERVER("authorization-server", 8003),

	/**
	 * The weather MCP server, trusting an external issuer.
	 */
	RESOURCE_SERVER("resource-server", 8000);

	/**
	 * The property that selects the role.
	 */
	public static final String PROPERTY = StaticServerProperties.CONFIG_PREFIX + ".role";

	private final String value;

	private final int defaultPort;

	ServerRole(String value, int defaultPort) {
		this.value = value;
		this.defaultPort = defaultPort;
	}

	/**
	 * The value of {@code --role}.
	 * @return for example {@code resource-server}
	 */
	public String value() {
		return this.value;
	}

	/**
	 * The port of the role when {@code --port} is not given.
	 * @return 9003, 8003 or 8000
	 */
	public int defaultPort() {
		return this.defaultPort;
	}

	/**
	 * The role named by a {@code --role} value.
	 * @param value {@code combined}, {@code authorization-server} or
	 * {@code resource-server} (case-insensitive; {@code _} for {@code -} accepted)
	 * @return the role
	 * @throws IllegalArgumentException for an unknown value
	 */
	public static ServerRole of(String value) {
		String normalized = value.strip().toLowerCase(Locale.ROOT).replace('_', '-');
		return Arrays.stream(values())
			.filter((role) -> role.value.equals(normalized))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException(PROPERTY + " must be one of combined, "
					+ "authorization-server, resource-server; was '" + value + "'"));
	}

}
