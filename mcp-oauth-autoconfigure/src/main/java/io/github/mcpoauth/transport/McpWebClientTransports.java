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

package io.github.mcpoauth.transport;

import io.github.mcpoauth.core.McpServerDefinition;
import io.github.mcpoauth.core.McpServerRegistry;
import io.github.mcpoauth.discovery.ResourceUris;
import org.springframework.ai.mcp.client.webflux.transport.WebClientStreamableHttpTransport;

import org.springframework.util.Assert;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Builds the WebClient Streamable HTTP transport ({@code mcp-spring-webflux}) for a
 * configured server. Its {@code WebClient} comes from the application's
 * {@code WebClient.Builder} and carries the {@link McpOAuthExchangeFilterFunction}, which
 * adds the token, refreshes and retries on 401 and steps up scope on 403:
 *
 * <pre class="code">
 * McpAsyncClient client = McpClient.async(transports.transport("sample")).build();
 * </pre>
 */
public final class McpWebClientTransports {

	private final WebClient.Builder webClientBuilder;

	private final McpOAuthExchangeFilterFunction filter;

	private final McpServerRegistry servers;

	/**
	 * @param webClientBuilder the application's builder; it is cloned, never changed
	 * @param filter the MCP authorization filter, added unless the builder already has it
	 * @param servers the configured servers
	 */
	public McpWebClientTransports(WebClient.Builder webClientBuilder, McpOAuthExchangeFilterFunction filter,
			McpServerRegistry servers) {
		Assert.notNull(webClientBuilder, "webClientBuilder cannot be null");
		Assert.notNull(filter, "filter cannot be null");
		Assert.notNull(servers, "servers cannot be null");
		this.webClientBuilder = webClientBuilder;
		this.filter = filter;
		this.servers = servers;
	}

	/**
	 * A transport builder for the server, with its URL and an authorizing {@code WebClient}
	 * set; set more on it before {@code build()}.
	 * @param serverName the configured server name
	 * @return the builder
	 */
	public WebClientStreamableHttpTransport.Builder builder(String serverName) {
		McpServerDefinition server = this.servers.get(serverName);
		WebClient.Builder webClient = this.webClientBuilder.clone()
			.baseUrl(ResourceUris.origin(server.url()))
			.defaultRequest((request) -> request.attributes(McpOAuthExchangeFilterFunction.mcpServer(serverName)))
			.filters((filters) -> {
				if (!filters.contains(this.filter)) {
					filters.add(this.filter);
				}
			});
		return WebClientStreamableHttpTransport.builder(webClient).endpoint(McpTransportUris.endpoint(server.url()));
	}

	/**
	 * @param serverName the configured server name
	 * @return an authorized transport for the server
	 */
	public WebClientStreamableHttpTransport transport(String serverName) {
		return builder(serverName).build();
	}

}
