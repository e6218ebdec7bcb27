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

import java.time.Duration;
import java.util.Arrays;
import java.util.regex.Pattern;

import io.github.mcpoauth.core.McpOAuthErrorCode;
import io.github.mcpoauth.core.McpOAuthException;
import io.github.mcpoauth.registration.ClientRegistrationStore;
import io.github.mcpoauth.store.PostgresTokenStore;
import io.github.mcpoauth.store.TokenStore;
import io.github.mcpoauth.store.TokenStoreSettings;
import io.r2dbc.spi.ConnectionFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * The PostgreSQL store ({@code mcp.oauth.storage.type=database}) on the application's R2DBC
 * {@link ConnectionFactory} (Spring Boot's, from {@code spring.r2dbc.*}, or the
 * application's own bean). Like the stores of {@link McpOAuthStoreConfigurations}, it backs off when the application defines a token or
 * registration store. The store is initialized (schema created or migrated, key derived)
 * while the context starts, so a database that cannot be reached stops the application with
 * a report that names the database URL without its password.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "io.r2dbc.spi.ConnectionFactory")
@ConditionalOnStorageType(TokenStoreSettings.Type.DATABASE)
class McpOAuthDatabaseStoreConfiguration {

	private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)([?&]password=)[^&]*");

	@Bean
	@ConditionalOnMissingBean({ TokenStore.class, ClientRegistrationStore.class })
	PostgresTokenStore mcpOAuthDatabaseTokenStore(McpOAuthProperties properties,
			ObjectProvider<ConnectionFactory> connectionFactories, Environment environment) {
		McpOAuthProperties.Storage.Database settings = properties.getStorage().getDatabase();
		ConnectionFactory connectionFactory = connectionFactories.getIfUnique();
		if (connectionFactory == null) {
			throw new McpOAuthException(McpOAuthErrorCode.INVALID_CONFIGURATION, "mcp.oauth.storage.type=database needs"
					+ " one R2DBC ConnectionFactory bean: add spring-boot-starter-data-r2dbc (or spring-boot-r2dbc) and"
					+ " org.postgresql:r2dbc-postgresql, and set spring.r2dbc.url, or define the bean yourself");
		}
		String variable = String.valueOf(settings.getPasswordEnv());
		String password = environment.getProperty(variable);
		if (!StringUtils.hasText(password)) {
			throw new McpOAuthException(McpOAuthErrorCode.INVALID_CONFIGURATION,
					"mcp.oauth.storage.database.password-env names " + variable
							+ ", which is not set or empty: set it to the password the token store's key is derived from"
							+ " (the same on every instance)");
		}
		char[] chars = password.toCharArray();
		PostgresTokenStore store;
		try {
			store = PostgresTokenStore.builder(connectionFactory)
				.password(chars)
				.passwordSource("the password in environment variable " + variable)
				.location(location(environment.getProperty("spring.r2dbc.url"), connectionFactory))
				.initializeSchema(settings.isInitializeSchema())
				.refreshLockLease(settings.getRefreshLockLease())
				.refreshLockTimeout(settings.getRefreshLockTimeout())
				.operationTimeout(settings.getOperationTimeout())
				.build();
		}
		finally {
			Arrays.fill(chars, '\0');
		}
		// at start-up, off any event loop: a database that cannot be used stops the application
		store.initialize().block(settings.getOperationTimeout().plus(Duration.ofSeconds(60)));
		return store;
	}

	/**
	 * Where the store is, for messages: the R2DBC URL without its password (in the user info
	 * or as a {@code password} option), or the connection factory's driver name.
	 * @param url {@code spring.r2dbc.url}, if set
	 * @param connectionFactory the connection factory
	 * @return the description
	 */
	static String location(@Nullable String url, ConnectionFactory connectionFactory) {
		if (!StringUtils.hasText(url)) {
			return "the R2DBC ConnectionFactory (" + connectionFactory.getMetadata().getName() + ")";
		}
		return withoutPassword(url);
	}

	/**
	 * @param url a database URL, such as {@code r2dbc:postgresql://user:secret@host:5432/db}
	 * @return the URL without the password: {@code r2dbc:postgresql://user@host:5432/db}
	 */
	static String withoutPassword(String url) {
		String result = PASSWORD_PARAMETER.matcher(url).replaceAll("$1[redacted]");
		int scheme = result.indexOf("://");
		if (scheme < 0) {
			return result;
		}
		int authorityStart = scheme + 3;
		int authorityEnd = authorityStart;
		while (authorityEnd < result.length() && "/?#".indexOf(result.charAt(authorityEnd)) < 0) {
			authorityEnd++;
		}
		String authority = result.substring(authorityStart, authorityEnd);
		int at = authority.lastIndexOf('@');
		if (at < 0) {
			return result;
		}
		String userInfo = authority.substring(0, at);
		int colon = userInfo.indexOf(':');
		String user = (colon >= 0) ? userInfo.substring(0, colon) : userInfo;
		return result.substring(0, authorityStart) + user + authority.substring(at) + result.substring(authorityEnd);
	}

}
