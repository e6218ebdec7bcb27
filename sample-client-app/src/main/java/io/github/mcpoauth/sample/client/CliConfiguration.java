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

package io.github.mcpoauth.sample.client;

import io.github.mcpoauth.autoconfigure.McpOAuthProperties;
import io.github.mcpoauth.core.McpServerRegistry;
import io.github.mcpoauth.transport.McpOAuthHandler;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The beans the command line puts in place of the auto-configured ones: a server registry
 * that also holds the servers authorized from the command line, and a user agent that
 * only the {@code auth} command may use. Every bean is created on first use
 * ({@code spring.main.lazy-initialization}), so a command that needs no token store never
 * opens one.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CliProperties.class)
class CliConfiguration {

	@Bean
	ServerProfiles serverProfiles(CliProperties cli, McpOAuthProperties properties) {
		return ServerProfiles.of(cli, properties);
	}

	/**
	 * The servers of {@code mcp.oauth.servers}, and those authorized from the command line
	 * (the configuration wins where both name a server).
	 */
	@Bean
	McpServerRegistry mcpServerRegistry(McpOAuthProperties properties, ServerProfiles profiles) {
		return CliServers.registry(profiles, properties);
	}

	@Bean
	CliServers cliServers(McpServerRegistry mcpServerRegistry, ServerProfiles serverProfiles,
			McpOAuthProperties properties) {
		return new CliServers(mcpServerRegistry, serverProfiles, properties);
	}

	@Bean
	McpSessions mcpSessions(McpOAuthHandler mcpOAuthHandler) {
		return new McpSessions(mcpOAuthHandler);
	}

	@Bean
	CommandLineUserAgent commandLineUserAgent(McpOAuthProperties properties) {
		return new CommandLineUserAgent(properties.getUserAgent());
	}

}
