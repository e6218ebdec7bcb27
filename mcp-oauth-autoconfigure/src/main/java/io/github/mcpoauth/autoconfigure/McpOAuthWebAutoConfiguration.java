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

import java.time.Clock;

import io.github.mcpoauth.client.McpOAuthClient;
import io.github.mcpoauth.core.McpServerRegistry;
import io.github.mcpoauth.http.BackChannel;
import io.github.mcpoauth.token.TokenEndpointClient;
import io.github.mcpoauth.web.McpAuthorizationWebFilter;
import io.github.mcpoauth.web.McpConnections;
import io.github.mcpoauth.web.WebAuthorizationCodeGrantProvider;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the web support of a multi-user WebFlux application: a signed-in
 * user's request that needs an MCP authorization sends that user's browser to the
 * authorization server, and the response comes back to the application's callback path
 * ({@code mcp.oauth.web.callback-path}), where the tokens are stored for that user. See
 * {@code docs/web-applications.md}.
 */
@AutoConfiguration(after = McpOAuthAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnBean({ McpOAuthClient.class, McpServerRegistry.class })
@ConditionalOnBooleanProperty(name = McpOAuthWebProperties.CONFIG_PREFIX + ".enabled", matchIfMissing = true)
@EnableConfigurationProperties(McpOAuthWebProperties.class)
public class McpOAuthWebAutoConfiguration {

	/**
	 * The grant provider of the web flow, asked before the built-in ones. Its code exchange
	 * goes through a back channel like the engine's (no redirects, the same timeout).
	 */
	@Bean
	@ConditionalOnMissingBean
	WebAuthorizationCodeGrantProvider mcpOAuthWebAuthorizationCodeGrantProvider(McpOAuthProperties properties,
			BeanFactory beanFactory) {
		TokenEndpointClient tokenClient = new TokenEndpointClient(BackChannel.webClient(
				McpOAuthConfigurations.EngineConfiguration.engineWebClient(beanFactory), properties.getHttp().getTimeout()),
				Clock.systemUTC());
		return new WebAuthorizationCodeGrantProvider(tokenClient, Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean
	McpAuthorizationWebFilter mcpAuthorizationWebFilter(McpOAuthClient client, McpServerRegistry servers,
			McpOAuthWebProperties web) {
		return new McpAuthorizationWebFilter(client, servers, web.getCallbackPath(), web.getRedirectUri(),
				web.getPendingTimeout(), Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean
	McpConnections mcpConnections(McpOAuthClient client, McpServerRegistry servers) {
		return new McpConnections(client, servers);
	}

}
