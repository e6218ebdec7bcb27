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
