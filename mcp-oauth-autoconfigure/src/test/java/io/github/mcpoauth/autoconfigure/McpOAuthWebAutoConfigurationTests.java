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

import io.github.mcpoauth.web.McpAuthorizationWebFilter;
import io.github.mcpoauth.web.McpConnections;
import io.github.mcpoauth.web.WebAuthorizationCodeGrantProvider;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * The web support is defined in reactive web applications only, validates its properties,
 * and backs off.
 */
class McpOAuthWebAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(McpOAuthAutoConfiguration.class, McpOAuthWebAutoConfiguration.class))
		.withPropertyValues("mcp.oauth.storage.type=memory", "mcp.oauth.user-agent.mode=none");

	@Test
	void reactiveWebApplicationThenTheWebFlowIsDefined() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(McpAuthorizationWebFilter.class)
			.hasSingleBean(WebAuthorizationCodeGrantProvider.class)
			.hasSingleBean(McpConnections.class));
	}

	@Test
	void nonWebApplicationThenNothingIsDefined() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(McpOAuthAutoConfiguration.class, McpOAuthWebAutoConfiguration.class))
			.withPropertyValues("mcp.oauth.storage.type=memory")
			.run((context) -> assertThat(context).doesNotHaveBean(McpAuthorizationWebFilter.class)
				.doesNotHaveBean(WebAuthorizationCodeGrantProvider.class));
	}

	@Test
	void disabledThenNothingIsDefined() {
		this.runner.withPropertyValues("mcp.oauth.web.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(McpAuthorizationWebFilter.class));
	}

	@Test
	void callbackPathThatIsNoPathThenTheStartFailsNamingTheKey() {
		this.runner.withPropertyValues("mcp.oauth.web.callback-path=callback")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("mcp.oauth.web.callback-path"));
	}

	@Test
	void applicationFilterThenTheAutoConfiguredOneBacksOff() {
		this.runner.withUserConfiguration(OwnFilter.class)
			.run((context) -> assertThat(context).getBean(McpAuthorizationWebFilter.class)
				.isSameAs(context.getBean(OwnFilter.class).filter));
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnFilter {

		final McpAuthorizationWebFilter filter = mock(McpAuthorizationWebFilter.class);

		@Bean
		McpAuthorizationWebFilter ownFilter() {
			return this.filter;
		}

	}

}
