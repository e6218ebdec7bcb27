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

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Auto-configuration of the MCP OAuth client: the server registry, the token store, the
 * user agent, the engine, the high-level handler and the {@code WebClient} filter that
 * authorizes every {@code WebClient} built from the application's
 * {@code WebClient.Builder}. Every bean backs off when the application defines its own.
 * Reactive only: nothing here needs a servlet container.
 */
@AutoConfiguration(afterName = { "org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration",
		"org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration" })
@ConditionalOnClass({ WebClient.class, McpOAuthClient.class })
@ConditionalOnBooleanProperty(name = McpOAuthProperties.CONFIG_PREFIX + ".enabled", matchIfMissing = true)
@EnableConfigurationProperties(McpOAuthProperties.class)
@Import({ McpOAuthStoreConfigurations.MemoryStoreConfiguration.class,
		McpOAuthStoreConfigurations.EncryptedFileStoreConfiguration.class,
		McpOAuthStoreConfigurations.KeychainStoreConfiguration.class,
		McpOAuthStoreConfigurations.VaultStoreConfiguration.class, McpOAuthDatabaseStoreConfiguration.class,
		McpOAuthStoreConfigurations.AutoStoreConfiguration.class, McpOAuthConfigurations.EngineConfiguration.class,
		McpOAuthConfigurations.WebClientConfiguration.class })
public class McpOAuthAutoConfiguration {

}
