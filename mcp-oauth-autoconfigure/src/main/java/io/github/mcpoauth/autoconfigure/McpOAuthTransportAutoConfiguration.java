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

package io.github.mcpoauth.autoconfigure;

import io.github.mcpoauth.client.McpOAuthClient;
import io.github.mcpoauth.core.McpServerRegistry;
import io.github.mcpoauth.transport.McpHttpClientTransports;
import io.github.mcpoauth.transport.McpWebClientTransports;
import io.github.mcpoauth.transport.McpOAuthExchangeFilterFunction;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import org.springframework.ai.mcp.client.webflux.transport.WebClientStreamableHttpTransport;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Auto-configuration of authorized MCP Java SDK transports for the configured servers: the
 * JDK {@code HttpClient} Streamable HTTP transport (with the SDK's request customizer and
 * authorization error handler hooks) when {@code mcp-core} is present, and the WebClient
 * Streamable HTTP transport when {@code mcp-spring-webflux} is present.
 */
@AutoConfiguration(after = McpOAuthAutoConfiguration.class)
@ConditionalOnBean(McpOAuthClient.class)
public class McpOAuthTransportAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(HttpClientStreamableHttpTransport.class)
	static class HttpClientTransportConfiguration {

		@Bean
		@ConditionalOnMissingBean
		McpHttpClientTransports mcpHttpClientTransports(McpOAuthClient client, McpServerRegistry servers) {
			return new McpHttpClientTransports(client, servers);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(WebClientStreamableHttpTransport.class)
	@ConditionalOnBean(McpOAuthExchangeFilterFunction.class)
	static class WebClientTransportConfiguration {

		@Bean
		@ConditionalOnMissingBean
		McpWebClientTransports mcpWebClientTransports(ObjectProvider<WebClient.Builder> webClientBuilder,
				McpOAuthExchangeFilterFunction filter, McpServerRegistry servers) {
			return new McpWebClientTransports(webClientBuilder.getIfAvailable(WebClient::builder), filter, servers);
		}

	}

}
