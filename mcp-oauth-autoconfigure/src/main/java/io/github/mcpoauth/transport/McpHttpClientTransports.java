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

import io.github.mcpoauth.client.McpOAuthClient;
import io.github.mcpoauth.core.McpServerDefinition;
import io.github.mcpoauth.core.McpServerRegistry;
import io.github.mcpoauth.discovery.ResourceUris;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;

import org.springframework.util.Assert;

/**
 * Builds the MCP Java SDK's JDK {@code HttpClient} Streamable HTTP transport for a
 * configured server, with the authorization hooks of {@link McpHttpClientAuthorization}
 * installed:
 *
 * <pre class="code">
 * McpAsyncClient client = McpClient.async(transports.transport("sample")).build();
 * </pre>
 */
public final class McpHttpClientTransports {

	private final McpOAuthClient client;

	private final McpServerRegistry servers;

	public McpHttpClientTransports(McpOAuthClient client, McpServerRegistry servers) {
		Assert.notNull(client, "client cannot be null");
		Assert.notNull(servers, "servers cannot be null");
		this.client = client;
		this.servers = servers;
	}

	/**
	 * A transport builder for the server, with its URL and the authorization hooks set; set
	 * more on it before {@code build()}.
	 * @param serverName the configured server name
	 * @return the builder
	 */
	public HttpClientStreamableHttpTransport.Builder builder(String serverName) {
		McpServerDefinition server = this.servers.get(serverName);
		HttpClientStreamableHttpTransport.Builder builder = HttpClientStreamableHttpTransport
			.builder(ResourceUris.origin(server.url()))
			.endpoint(McpTransportUris.endpoint(server.url()));
		return McpHttpClientAuthorization.of(this.client, server).applyTo(builder);
	}

	/**
	 * @param serverName the configured server name
	 * @return an authorized transport for the server
	 */
	public HttpClientStreamableHttpTransport transport(String serverName) {
		return builder(serverName).build();
	}

}
