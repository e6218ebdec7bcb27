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

package io.github.mcpoauth.sample.server.mcp;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.DefaultServerTransportSecurityValidator;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema.ServerCapabilities;
import io.github.mcpoauth.sample.server.ServerBaseUrl;
import io.github.mcpoauth.sample.server.StaticServerProperties;

import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The MCP Streamable HTTP endpoint at {@code /mcp}: the MCP Java SDK's servlet transport,
 * registered next to Spring MVC's dispatcher, serving the {@link SampleTools}. Its
 * security (bearer tokens) comes from the Spring Security filter chain of the
 * {@code resource} package.
 */
@Configuration(proxyBeanMethods = false)
public class McpServerConfiguration {

	/**
	 * The name and version the server reports in {@code initialize}.
	 */
	public static final String SERVER_NAME = "mcp-oauth-static-sample";

	private static final String SERVER_VERSION = "0.1.0";

	/**
	 * The JSON mapper of the MCP SDK (Jackson 3).
	 * @return the mapper
	 */
	@Bean
	McpJsonMapper mcpJsonMapper() {
		return McpJsonDefaults.getMapper();
	}

	/**
	 * The Streamable HTTP transport. Requests with an {@code Origin} header must come
	 * from a loopback origin (or the public URL), against DNS rebinding; requests without
	 * one (non-browser clients) pass.
	 * @param jsonMapper the JSON mapper
	 * @param properties the server properties
	 * @return the transport, a servlet
	 */
	@Bean
	HttpServletStreamableServerTransportProvider mcpTransport(McpJsonMapper jsonMapper,
			StaticServerProperties properties) {
		return streamableTransport(jsonMapper, properties);
	}

	/**
	 * The Streamable HTTP transport at {@code /mcp} with the loopback (or public URL) origin
	 * check, shared by every role that serves MCP.
	 * @param jsonMapper the JSON mapper
	 * @param properties the server properties
	 * @return the transport, a servlet
	 */
	public static HttpServletStreamableServerTransportProvider streamableTransport(McpJsonMapper jsonMapper,
			StaticServerProperties properties) {
		List<String> allowedOrigins = new ArrayList<>(
				List.of("http://localhost:*", "http://127.0.0.1:*", "http://[::1]:*"));
		if (properties.publicUrl() != null) {
			allowedOrigins.add(UriComponentsBuilder.fromUriString(properties.publicUrl())
				.replacePath(null)
				.build()
				.toUriString());
		}
		// @formatter:off
		return HttpServletStreamableServerTransportProvider.builder()
				.jsonMapper(jsonMapper)
				.mcpEndpoint(ServerBaseUrl.MCP_PATH)
				.securityValidator(DefaultServerTransportSecurityValidator.builder()
						.allowedOrigins(allowedOrigins)
						.build())
				.build();
		// @formatter:on
	}

	/**
	 * Maps the transport servlet to {@code /mcp}.
	 * @param transport the transport
	 * @return the registration
	 */
	@Bean
	ServletRegistrationBean<HttpServletStreamableServerTransportProvider> mcpServlet(
			HttpServletStreamableServerTransportProvider transport) {
		return servletRegistration(transport);
	}

	/**
	 * @param transport the transport
	 * @return its servlet mapped to {@code /mcp}, asynchronous
	 */
	public static ServletRegistrationBean<HttpServletStreamableServerTransportProvider> servletRegistration(
			HttpServletStreamableServerTransportProvider transport) {
		ServletRegistrationBean<HttpServletStreamableServerTransportProvider> registration = new ServletRegistrationBean<>(
				transport, ServerBaseUrl.MCP_PATH);
		registration.setName("mcp");
		registration.setAsyncSupported(true);
		return registration;
	}

	/**
	 * @param transport the transport
	 * @return a lifecycle that closes the MCP sessions and their open streams before the web
	 * server's graceful shutdown waits for them
	 */
	public static SmartLifecycle sessionsShutdown(HttpServletStreamableServerTransportProvider transport) {
		return new McpSessionsShutdown(transport);
	}

	/**
	 * Closes the MCP sessions, and the streams clients hold open, before the web server's
	 * graceful shutdown waits for them.
	 * @param transport the transport
	 * @return the lifecycle
	 */
	@Bean
	McpSessionsShutdown mcpSessionsShutdown(HttpServletStreamableServerTransportProvider transport) {
		return new McpSessionsShutdown(transport);
	}

	/**
	 * The sample tools.
	 * @param clock the clock of {@code get_time}
	 * @param jsonMapper the JSON mapper
	 * @return the tools
	 */
	@Bean
	SampleTools sampleTools(Clock clock, McpJsonMapper jsonMapper) {
		return new SampleTools(clock, jsonMapper);
	}

	/**
	 * The MCP server, with tool arguments validated against the tools' input schemas.
	 * @param transport the transport
	 * @param jsonMapper the JSON mapper
	 * @param tools the tools
	 * @return the server, closed with the application context
	 */
	@Bean
	McpSyncServer mcpServer(HttpServletStreamableServerTransportProvider transport, McpJsonMapper jsonMapper,
			SampleTools tools) {
		// @formatter:off
		return McpServer.sync(transport)
				.serverInfo(SERVER_NAME, SERVER_VERSION)
				.instructions("A sample MCP server protected by OAuth 2.1. Tools: get_time and echo.")
				.jsonMapper(jsonMapper)
				.validateToolInputs(true)
				.capabilities(ServerCapabilities.builder().tools(false).build())
				.tools(tools.specifications())
				.build();
		// @formatter:on
	}

}
