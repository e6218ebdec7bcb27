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

package io.github.mcpoauth.springai;

import java.net.URI;
import java.util.function.BooleanSupplier;

import io.github.mcpoauth.client.McpOAuthClient;
import io.github.mcpoauth.core.McpServerDefinition;
import io.github.mcpoauth.transport.McpHttpClientAuthorization;
import io.github.mcpoauth.springai.SpringAiConnections.Transport;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.ai.mcp.customizer.McpClientCustomizer;
import org.springframework.util.Assert;

/**
 * Authorizes the JDK {@code HttpClient} transport that Spring AI builds for each connection
 * ({@code spring-ai-starter-mcp-client}): when the connection's URL (base URL plus endpoint)
 * belongs to a configured MCP server, it installs {@link McpHttpClientAuthorization}, whose
 * request customizer sends the token and whose authorization error handler refreshes on
 * 401 and steps up scope on 403; then it signs in before Spring AI initializes the client
 * ({@link SpringAiStartupSignIn}).
 *
 * <p>The transport holds one authorization error handler: for a covered connection it is
 * this one (a handler another customizer sets for that connection replaces it, or is
 * replaced, depending on their order). For a connection no server covers, a handler that
 * only reports the first 401 ({@link UncoveredConnections}) is installed when no other
 * {@code McpClientCustomizer} of this transport exists, so that an application's own handler
 * is never replaced.
 */
public final class McpOAuthHttpClientTransportCustomizer
		implements McpClientCustomizer<HttpClientStreamableHttpTransport.Builder> {

	private static final Logger logger = LoggerFactory.getLogger(McpOAuthHttpClientTransportCustomizer.class);

	private final McpOAuthClient client;

	private final SpringAiConnections connections;

	private final SpringAiStartupSignIn signIn;

	private final UncoveredConnections uncovered;

	private final BooleanSupplier onlyCustomizer;

	/**
	 * @param client the engine
	 * @param connections Spring AI's connections and the configured servers
	 * @param signIn signs in before Spring AI initializes a client
	 * @param uncovered reports connections no server covers
	 * @param onlyCustomizer whether this is the only customizer of the transport builder
	 */
	public McpOAuthHttpClientTransportCustomizer(McpOAuthClient client, SpringAiConnections connections,
			SpringAiStartupSignIn signIn, UncoveredConnections uncovered, BooleanSupplier onlyCustomizer) {
		Assert.notNull(client, "client cannot be null");
		Assert.notNull(connections, "connections cannot be null");
		Assert.notNull(signIn, "signIn cannot be null");
		Assert.notNull(uncovered, "uncovered cannot be null");
		Assert.notNull(onlyCustomizer, "onlyCustomizer cannot be null");
		this.client = client;
		this.connections = connections;
		this.signIn = signIn;
		this.uncovered = uncovered;
		this.onlyCustomizer = onlyCustomizer;
	}

	@Override
	public void customize(String name, HttpClientStreamableHttpTransport.Builder builder) {
		URI url = this.connections.requestUrl(name, Transport.HTTP_CLIENT);
		if (url == null) {
			return;
		}
		McpServerDefinition server = this.connections.server(url);
		if (server == null) {
			if (this.onlyCustomizer.getAsBoolean()) {
				builder.authorizationErrorHandler(this.uncovered.errorHandler(name, url));
			}
			return;
		}
		logger.debug("Spring AI MCP connection '{}' ({}) is authorized as MCP server '{}'", name, url, server.name());
		McpHttpClientAuthorization.of(this.client, server).applyTo(builder);
		this.signIn.beforeInitialization(name, server);
	}

}
