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

import org.springframework.ai.mcp.client.common.autoconfigure.properties.McpClientCommonProperties;
import org.springframework.ai.mcp.client.common.autoconfigure.properties.McpStreamableHttpClientProperties;
import org.springframework.ai.mcp.customizer.McpClientCustomizer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;

/**
 * Auto-configuration of Spring AI's MCP client connections
 * ({@code spring.ai.mcp.client.streamable-http.connections}): their JDK {@code HttpClient}
 * and {@code WebClient} transports are authorized through Spring AI's
 * {@code McpClientCustomizer} hook when their URL belongs to a configured MCP server, and an
 * interactive sign-in happens before Spring AI initializes its clients. See
 * {@code docs/spring-ai.md}.
 */
@AutoConfiguration(after = McpOAuthAutoConfiguration.class,
		beforeName = { "org.springframework.ai.mcp.client.httpclient.autoconfigure.StreamableHttpHttpClientTransportAutoConfiguration",
				"org.springframework.ai.mcp.client.webflux.autoconfigure.StreamableHttpWebFluxTransportAutoConfiguration" })
@ConditionalOnClass({ McpClientCustomizer.class, McpStreamableHttpClientProperties.class, McpOAuthClient.class })
@ConditionalOnBean({ McpOAuthClient.class, McpServerRegistry.class })
@ConditionalOnBooleanProperty(name = McpClientCommonProperties.CONFIG_PREFIX + ".enabled", matchIfMissing = true)
@EnableConfigurationProperties({ McpStreamableHttpClientProperties.class, McpClientCommonProperties.class })
@Import({ McpOAuthSpringAiConfigurations.ConnectionsConfiguration.class,
		McpOAuthSpringAiConfigurations.HttpClientTransportConfiguration.class,
		McpOAuthSpringAiConfigurations.WebClientTransportConfiguration.class })
public class McpOAuthSpringAiAutoConfiguration {

}
