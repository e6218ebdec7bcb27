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

import io.github.mcpoauth.registration.ClientRegistrationStore;
import io.github.mcpoauth.store.EncryptedFileTokenStore;
import io.github.mcpoauth.store.InMemoryTokenStore;
import io.github.mcpoauth.store.KeychainTokenStore;
import io.github.mcpoauth.store.McpOAuthStore;
import io.github.mcpoauth.store.TokenStore;
import io.github.mcpoauth.store.TokenStoreSettings;
import io.github.mcpoauth.store.TokenStoreSettings.Type;
import io.github.mcpoauth.store.TokenStores;
import io.github.mcpoauth.store.VaultTokenStore;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.vault.core.VaultOperations;

/**
 * The token store of each {@code mcp.oauth.storage.type}, one conditional configuration per
 * backend (the database backend is {@link McpOAuthDatabaseStoreConfiguration}). One store
 * keeps tokens and client registrations; every store bean backs off when the application
 * defines a {@link TokenStore} or a {@link ClientRegistrationStore}. A store that holds
 * resources (a Vault session, a file lock) is closed with the context.
 */
final class McpOAuthStoreConfigurations {

	private McpOAuthStoreConfigurations() {
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnStorageType(Type.MEMORY)
	static class MemoryStoreConfiguration {

		@Bean
		@ConditionalOnMissingBean({ TokenStore.class, ClientRegistrationStore.class })
		InMemoryTokenStore mcpOAuthTokenStore() {
			return new InMemoryTokenStore(Clock.systemUTC());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnStorageType(Type.ENCRYPTED_FILE)
	static class EncryptedFileStoreConfiguration {

		@Bean
		@ConditionalOnMissingBean({ TokenStore.class, ClientRegistrationStore.class })
		EncryptedFileTokenStore mcpOAuthTokenStore(McpOAuthProperties properties) {
			return TokenStores.encryptedFile(new McpOAuthPropertiesMapper(properties).asTokenStoreSettings().file());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "com.github.javakeyring.Keyring")
	@ConditionalOnStorageType(Type.KEYCHAIN)
	static class KeychainStoreConfiguration {

		@Bean
		@ConditionalOnMissingBean({ TokenStore.class, ClientRegistrationStore.class })
		KeychainTokenStore mcpOAuthTokenStore(McpOAuthProperties properties) {
			return TokenStores.keychain(new McpOAuthPropertiesMapper(properties).asTokenStoreSettings().keychain());
		}

	}

	/**
	 * On the application's {@link VaultOperations} (Spring Cloud Vault's, or its own bean)
	 * when it has one; otherwise on a Vault client of its own, logged in with
	 * {@code mcp.oauth.storage.vault.token} or its AppRole settings.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.vault.core.VaultOperations")
	@ConditionalOnStorageType(Type.VAULT)
	static class VaultStoreConfiguration {

		@Bean
		@ConditionalOnMissingBean({ TokenStore.class, ClientRegistrationStore.class })
		VaultTokenStore mcpOAuthTokenStore(McpOAuthProperties properties,
				ObjectProvider<VaultOperations> vaultOperations) {
			McpOAuthProperties.Storage.Vault vault = properties.getStorage().getVault();
			VaultOperations application = vaultOperations.getIfUnique();
			if (application != null) {
				return new VaultTokenStore(application, vault.getMount(), vault.getPathPrefix(), Clock.systemUTC());
			}
			if (vault.getUri() == null) {
				throw McpOAuthProperties.invalid("storage.vault.uri", null, "The vault backend needs the Vault address"
						+ " (with storage.vault.token or an AppRole), or a VaultOperations bean such as Spring Cloud"
						+ " Vault's.");
			}
			return TokenStores.vault(new McpOAuthPropertiesMapper(properties).asTokenStoreSettings().vault());
		}

	}

	/**
	 * The OS keychain when a working one answers a probe, else the encrypted file: the
	 * default.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnStorageType(Type.AUTO)
	static class AutoStoreConfiguration {

		@Bean
		@ConditionalOnMissingBean({ TokenStore.class, ClientRegistrationStore.class })
		McpOAuthStore mcpOAuthTokenStore(McpOAuthProperties properties) {
			TokenStoreSettings settings = new McpOAuthPropertiesMapper(properties).asTokenStoreSettings();
			return TokenStores.create(settings);
		}

	}

}
