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


import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema.ServerCapabilities;

import io.github.mcpoauth.sample.server.RoleProperties;
import io.github.mcpoauth.sample.server.ServerBaseUrl;
import io.github.mcpoauth.sample.server.ServerRole;
import io.github.mcpoauth.sample.server.StaticServerProperties;
import io.github.mcpoauth.sample.server.mcp.McpServerConfiguration;
import io.github.mcpoauth.sample.server.resource.McpAuthenticationManagerResolver;
import io.github.mcpoauth.sample.server.resource.ResourceServerConfiguration;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The {@code resource-server} role: the weather MCP server at {@code /mcp}, protected by
 * tokens of the external issuer ({@code --issuer}), and its protected-resource metadata.
 * Nothing else is served: no login, no authorization endpoints.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = ServerRole.PROPERTY, havingValue = "resource-server")
@EnableConfigurationProperties({ RoleProperties.class, WeatherProperties.class })
public class WeatherServerConfiguration {

	/**
	 * The name and version the weather server reports in {@code initialize}.
	 */
	public static final String SERVER_NAME = "weather";

	private static final String SERVER_VERSION = "0.1.0";

	/**
	 * Verifies the signature (with the keys of the issuer's {@code jwks_uri}), the
	 * validity period and the issuer of tokens. The issuer's metadata is read on the first
	 * token, not at start-up, so that the two servers can start in any order.
	 * @param properties the role properties, naming the issuer
	 * @return the decoder
	 * @see <a href="https://www.rfc-editor.org/rfc/rfc8414#section-3">RFC 8414 §3</a>
	 */
	@Bean
	JwtDecoder jwtDecoder(RoleProperties properties) {
		return new SupplierJwtDecoder(() -> JwtDecoders.fromIssuerLocation(properties.issuer()));
	}

	/**
	 * The filter chain of {@code /mcp}: a token of the issuer, for this server, with scope
	 * {@code mcp:tools}, sent as a bearer token or, when it is DPoP-bound, with the {@code DPoP}
	 * scheme and a proof of possession of its key (RFC 9449 §7).
	 * @param http the security builder
	 * @param jwtDecoder the decoder
	 * @param serverBaseUrl resolves this server's resource URL
	 * @return the filter chain
	 * @throws Exception if the chain cannot be built
	 */
	@Bean
	@Order(1)
	SecurityFilterChain weatherMcpSecurityFilterChain(HttpSecurity http, JwtDecoder jwtDecoder,
			ServerBaseUrl serverBaseUrl) throws Exception {
		return ResourceServerConfiguration.mcpEndpointChain(http,
				McpAuthenticationManagerResolver.forExternalIssuer(jwtDecoder, serverBaseUrl), serverBaseUrl);
	}

	/**
	 * Everything else: the protected-resource metadata and {@code /error} are open, the
	 * rest is refused.
	 * @param http the security builder
	 * @return the filter chain
	 * @throws Exception if the chain cannot be built
	 */
	@Bean
	@Order(2)
	SecurityFilterChain weatherDefaultSecurityFilterChain(HttpSecurity http) throws Exception {
		// @formatter:off
		http
			.authorizeHttpRequests((authorize) -> authorize
				.requestMatchers("/.well-known/**", "/error").permitAll()
				.anyRequest().denyAll()
			)
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf(AbstractHttpConfigurer::disable);
		// @formatter:on
		return http.build();
	}

	/**
	 * The JSON mapper of the MCP SDK (Jackson 3).
	 * @return the mapper
	 */
	@Bean
	McpJsonMapper mcpJsonMapper() {
		return McpJsonDefaults.getMapper();
	}

	/**
	 * The Streamable HTTP transport, with the same origin check as the combined sample.
	 * @param jsonMapper the JSON mapper
	 * @param properties the server properties
	 * @return the transport, a servlet
	 */
	@Bean
	HttpServletStreamableServerTransportProvider mcpTransport(McpJsonMapper jsonMapper,
			StaticServerProperties properties) {
		return McpServerConfiguration.streamableTransport(jsonMapper, properties);
	}

	/**
	 * Maps the transport servlet to {@code /mcp}.
	 * @param transport the transport
	 * @return the registration
	 */
	@Bean
	ServletRegistrationBean<HttpServletStreamableServerTransportProvider> mcpServlet(
			HttpServletStreamableServerTransportProvider transport) {
		return McpServerConfiguration.servletRegistration(transport);
	}

	/**
	 * Closes the MCP sessions before the graceful shutdown, as the combined sample does.
	 * @param transport the transport
	 * @return the lifecycle
	 */
	@Bean
	SmartLifecycle mcpSessionsShutdown(HttpServletStreamableServerTransportProvider transport) {
		return McpServerConfiguration.sessionsShutdown(transport);
	}

	/**
	 * The weather tools.
	 * @param properties the NWS API settings
	 * @return the tools
	 */
	@Bean
	WeatherTools weatherTools(WeatherProperties properties) {
		return new WeatherTools(properties);
	}

	/**
	 * The weather MCP server.
	 * @param transport the transport
	 * @param jsonMapper the JSON mapper
	 * @param tools the tools
	 * @return the server, closed with the application context
	 */
	@Bean
	McpSyncServer mcpServer(HttpServletStreamableServerTransportProvider transport, McpJsonMapper jsonMapper,
			WeatherTools tools) {
		// @formatter:off
		return McpServer.sync(transport)
				.serverInfo(SERVER_NAME, SERVER_VERSION)
				.instructions("Weather alerts and forecasts for the United States (National Weather Service). "
						+ "Tools: get_alerts and get_forecast.")
				.jsonMapper(jsonMapper)
				.validateToolInputs(true)
				.capabilities(ServerCapabilities.builder().tools(false).build())
				.tools(tools.specifications())
				.build();
		// @formatter:on
	}

}
