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

import io.github.mcpoauth.springai.McpOAuthHttpClientTransportCustomizer;
import io.github.mcpoauth.springai.McpOAuthWebClientTransportCustomizer;
import io.github.mcpoauth.springai.SpringAiConnections;
import org.junit.jupiter.api.Test;

import org.springframework.ai.mcp.client.webflux.transport.WebClientStreamableHttpTransport;
import org.springframework.ai.mcp.customizer.McpClientCustomizer;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * The Spring AI customizers are defined when Spring AI's MCP client is present, and back off.
 */
class McpOAuthSpringAiAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class, McpOAuthAutoConfiguration.class,
				McpOAuthSpringAiAutoConfiguration.class))
		.withPropertyValues("mcp.oauth.storage.type=memory", "mcp.oauth.user-agent.mode=none");

	@Test
	void springAiPresentThenBothTransportCustomizersAreDefined() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(McpOAuthHttpClientTransportCustomizer.class)
			.hasSingleBean(McpOAuthWebClientTransportCustomizer.class)
			.hasSingleBean(SpringAiConnections.class));
	}

	@Test
	void springAiAbsentThenNothingIsDefined() {
		this.runner.withClassLoader(new FilteredClassLoader(McpClientCustomizer.class))
			.run((context) -> assertThat(context).doesNotHaveBean(SpringAiConnections.class)
				.doesNotHaveBean(McpOAuthHttpClientTransportCustomizer.class));
	}

	@Test
	void webFluxTransportAbsentThenOnlyTheHttpClientCustomizerIsDefined() {
		this.runner.withClassLoader(new FilteredClassLoader(WebClientStreamableHttpTransport.class))
			.run((context) -> assertThat(context).hasSingleBean(McpOAuthHttpClientTransportCustomizer.class)
				.doesNotHaveBean(McpOAuthWebClientTransportCustomizer.class));
	}

	@Test
	void springAiMcpClientDisabledThenNothingIsDefined() {
		this.runner.withPropertyValues("spring.ai.mcp.client.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(SpringAiConnections.class));
	}

	@Test
	void applicationCustomizerThenTheAutoConfiguredOneBacksOff() {
		this.runner.withUserConfiguration(OwnCustomizer.class)
			.run((context) -> assertThat(context).getBean(McpOAuthHttpClientTransportCustomizer.class)
				.isSameAs(context.getBean(OwnCustomizer.class).customizer));
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnCustomizer {

		final McpOAuthHttpClientTransportCustomizer customizer = mock(McpOAuthHttpClientTransportCustomizer.class);

		@Bean
		McpOAuthHttpClientTransportCustomizer ownCustomizer() {
			return this.customizer;
		}

	}

}
