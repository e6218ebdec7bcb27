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

import io.github.mcpoauth.actuate.McpOAuthHealthIndicator;
import io.github.mcpoauth.client.McpOAuthClient;
import io.github.mcpoauth.core.McpServerRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code mcpOAuth} health contributor
 * ({@code management.health.mcp-oauth.enabled}).
 */
@AutoConfiguration(after = McpOAuthAutoConfiguration.class)
@ConditionalOnClass(ReactiveHealthIndicator.class)
@ConditionalOnBean(McpOAuthClient.class)
@ConditionalOnEnabledHealthIndicator("mcp-oauth")
public class McpOAuthHealthAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "mcpOAuthHealthIndicator")
	McpOAuthHealthIndicator mcpOAuthHealthIndicator(McpServerRegistry servers, McpOAuthClient client) {
		return new McpOAuthHealthIndicator(servers, client.tokenStore(), client.clock(), client.clockSkew());
	}

}
