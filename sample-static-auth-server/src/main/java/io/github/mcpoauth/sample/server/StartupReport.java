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

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.util.Assert;

/**
 * Logs the URLs of the server once it listens, and a loud warning when the published
 * default client secret or demo password is in use. Secrets are never logged.
 */
final class StartupReport implements ApplicationListener<WebServerInitializedEvent> {

	private static final Log logger = LogFactory.getLog(StartupReport.class);

	/** The published default password of the demo login (sample-static-auth-server.yml). */
	static final String DEFAULT_PASSWORD = "demo";

	private final StaticServerProperties properties;

	StartupReport(StaticServerProperties properties) {
		Assert.notNull(properties, "properties cannot be null");
		this.properties = properties;
	}

	@Override
	public void onApplicationEvent(WebServerInitializedEvent event) {
		Environment environment = event.getApplicationContext().getEnvironment();
		String baseUrl = (this.properties.publicUrl() != null) ? this.properties.publicUrl()
				: "http://" + StaticAuthServer.displayHost(environment.getProperty("server.address", "127.0.0.1")) + ":"
						+ event.getWebServer().getPort();
		ServerRole role = ServerRole.of(environment.getProperty(ServerRole.PROPERTY, ServerRole.COMBINED.value()));
		if (role == ServerRole.RESOURCE_SERVER) {
			logger.info("Weather MCP endpoint " + ServerBaseUrl.mcpResource(baseUrl) + ", trusting the issuer "
					+ environment.getProperty("mcp.static.issuer",
							RoleProperties.DEFAULT_ISSUER));
			return;
		}
		String mcp = (role == ServerRole.COMBINED) ? "MCP endpoint " + ServerBaseUrl.mcpResource(baseUrl) + ", "
				: "Authorization server (no MCP endpoint), ";
		logger.info(mcp + "authorization server metadata " + baseUrl
				+ "/.well-known/oauth-authorization-server, static client id '" + this.properties.clientId()
				+ "', dynamic registration " + (this.properties.dynamicRegistration() ? "OPEN" : "disabled"));
		if (this.properties.isDefaultClientSecret()) {
			logger.warn("*** The static client uses the PUBLISHED DEFAULT client secret. Anyone can obtain tokens. "
					+ "Set --client-secret or MCP_STATIC_CLIENT_SECRET before this server is reachable by anyone "
					+ "but you. ***");
		}
		if (DEFAULT_PASSWORD.equals(environment.getProperty("spring.security.user.password"))) {
			logger.warn("*** The demo login '" + environment.getProperty("spring.security.user.name")
					+ "' uses the PUBLISHED DEFAULT password. "
					+ "Set --password or MCP_STATIC_PASSWORD before this server is reachable by anyone but you. ***");
		}
	}

}
