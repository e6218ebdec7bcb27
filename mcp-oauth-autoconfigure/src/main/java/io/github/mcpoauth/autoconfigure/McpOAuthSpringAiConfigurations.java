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
import io.github.mcpoauth.springai.McpOAuthHttpClientTransportCustomizer;
import io.github.mcpoauth.springai.McpOAuthWebClientTransportCustomizer;
import io.github.mcpoauth.springai.SpringAiConnections;
import io.github.mcpoauth.springai.SpringAiStartupSignIn;
import io.github.mcpoauth.springai.UncoveredConnections;
import io.github.mcpoauth.transport.McpOAuthExchangeFilterFunction;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;

import org.springframework.ai.mcp.client.common.autoconfigure.properties.McpClientCommonProperties;
import org.springframework.ai.mcp.client.common.autoconfigure.properties.McpStreamableHttpClientProperties;
import org.springframework.ai.mcp.client.webflux.transport.WebClientStreamableHttpTransport;
import org.springframework.ai.mcp.customizer.McpClientCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The bean definitions of {@link McpOAuthSpringAiAutoConfiguration}.
 */
final class McpOAuthSpringAiConfigurations {

	private McpOAuthSpringAiConfigurations() {
	}

	@Configuration(proxyBeanMethods = false)
	static class ConnectionsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		SpringAiConnections mcpOAuthSpringAiConnections(McpStreamableHttpClientProperties connections,
				McpServerRegistry servers) {
			return new SpringAiConnections(connections, servers);
		}

		@Bean
		@ConditionalOnMissingBean
		SpringAiStartupSignIn mcpOAuthSpringAiStartupSignIn(McpOAuthClient client,
				McpClientCommonProperties springAi) {
			return new SpringAiStartupSignIn(client, springAi.isInitialized(), springAi.getRequestTimeout());
		}

		@Bean
		@ConditionalOnMissingBean
		UncoveredConnections mcpOAuthSpringAiUncoveredConnections(SpringAiConnections connections) {
			return new UncoveredConnections(connections);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(HttpClientStreamableHttpTransport.class)
	static class HttpClientTransportConfiguration {

		@Bean
		@ConditionalOnMissingBean
		McpOAuthHttpClientTransportCustomizer mcpOAuthHttpClientTransportCustomizer(McpOAuthClient client,
				SpringAiConnections connections, SpringAiStartupSignIn signIn, UncoveredConnections uncovered,
				ObjectProvider<McpClientCustomizer<HttpClientStreamableHttpTransport.Builder>> customizers) {
			return new McpOAuthHttpClientTransportCustomizer(client, connections, signIn, uncovered,
					() -> customizers.stream().count() == 1);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(WebClientStreamableHttpTransport.class)
	@ConditionalOnBean(McpOAuthExchangeFilterFunction.class)
	static class WebClientTransportConfiguration {

		@Bean
		@ConditionalOnMissingBean
		McpOAuthWebClientTransportCustomizer mcpOAuthWebClientTransportCustomizer(
				ObjectProvider<WebClient.Builder> webClientBuilder, McpOAuthExchangeFilterFunction filter,
				SpringAiConnections connections, SpringAiStartupSignIn signIn, UncoveredConnections uncovered) {
			return new McpOAuthWebClientTransportCustomizer(webClientBuilder::getIfAvailable, filter, connections,
					signIn, uncovered);
		}

	}

}
