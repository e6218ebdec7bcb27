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

package io.github.mcpoauth.store;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

import io.github.mcpoauth.core.McpOAuthErrorCode;
import io.github.mcpoauth.core.McpOAuthException;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Plain settings from which {@link TokenStores} builds a {@link McpOAuthStore}: which backend,
 * and the settings of each. Free of Spring Boot types so any configuration source can fill
 * it; {@link #toString()} never shows a secret.
 *
 * @param type the backend
 * @param file the encrypted-file settings (also used by {@link Type#AUTO} when it falls back)
 * @param keychain the OS keychain settings
 * @param vault the Vault settings
 */
public record TokenStoreSettings(Type type, FileSettings file, KeychainSettings keychain, VaultSettings vault) {

	public TokenStoreSettings {
		Assert.notNull(type, "type cannot be null");
		Assert.notNull(file, "file cannot be null");
		Assert.notNull(keychain, "keychain cannot be null");
		Assert.notNull(vault, "vault cannot be null");
	}

	/**
	 * {@link Type#AUTO} with every backend's defaults.
	 * @return the default settings
	 */
	public static TokenStoreSettings defaults() {
		return new TokenStoreSettings(Type.AUTO, FileSettings.defaults(), KeychainSettings.defaults(),
				VaultSettings.defaults());
	}

	public TokenStoreSettings withType(Type newType) {
		return new TokenStoreSettings(newType, this.file, this.keychain, this.vault);
	}

	public TokenStoreSettings withFile(FileSettings newFile) {
		return new TokenStoreSettings(this.type, newFile, this.keychain, this.vault);
	}

	public TokenStoreSettings withKeychain(KeychainSettings newKeychain) {
		return new TokenStoreSettings(this.type, this.file, newKeychain, this.vault);
	}

	public TokenStoreSettings withVault(VaultSettings newVault) {
		return new TokenStoreSettings(this.type, this.file, this.keychain, newVault);
	}

	/** The storage backends. */
	public enum Type {

		/** {@link InMemoryTokenStore}: nothing survives a restart. */
		MEMORY("memory"),

		/** {@link EncryptedFileTokenStore}. */
		ENCRYPTED_FILE("encrypted-file"),

		/** {@link KeychainTokenStore}. */
		KEYCHAIN("keychain"),

		/** {@link VaultTokenStore}. */
		VAULT("vault"),

		/**
		 * {@link PostgresTokenStore}, on the application's R2DBC {@code ConnectionFactory}:
		 * built by the Spring Boot auto-configuration (or
		 * {@link PostgresTokenStore#builder(io.r2dbc.spi.ConnectionFactory)}), not by
		 * {@link TokenStores}.
		 */
		DATABASE("database"),

		/** The OS keychain when a working one answers, the encrypted file otherwise. */
		AUTO("auto");

		private final String value;

		Type(String value) {
			this.value = value;
		}

		/**
		 * @return the configuration value, for example {@code encrypted-file}
		 */
		public String value() {
			return this.value;
		}

		/**
		 * Parses a configuration value: {@code encrypted-file}, {@code ENCRYPTED_FILE} ...
		 * @param value the value
		 * @return the type
		 */
		public static Type of(String value) {
			String normalized = value.trim().toLowerCase(Locale.ROOT).replace('_', '-');
			for (Type type : values()) {
				if (type.value.equals(normalized)) {
					return type;
				}
			}
			throw new McpOAuthException(McpOAuthErrorCode.INVALID_CONFIGURATION, "Unknown token store type '" + value
					+ "': use one of memory, encrypted-file, keychain, vault, database, auto");
		}

	}

	/**
	 * Settings of {@link EncryptedFileTokenStore}.
	 *
	 * @param directory the store directory (default {@code ~/.mcp-oauth})
	 * @param passwordEnvironmentVariable the environment variable holding the password; when
	 * {@code null} a random key in a key file is used instead. When named, the variable must
	 * be set: a store never silently falls back to a key file
	 * @param keyFile the key file when no password is used (default {@code tokens.key} in the
	 * directory)
	 */
	public record FileSettings(Path directory, @Nullable String passwordEnvironmentVariable,
			@Nullable Path keyFile) {

		/** The default store directory, {@code ~/.mcp-oauth}. */
		public static final Path DEFAULT_DIRECTORY = Path.of(System.getProperty("user.home"), ".mcp-oauth");

		public FileSettings {
			Assert.notNull(directory, "directory cannot be null");
		}

		public static FileSettings defaults() {
			return new FileSettings(DEFAULT_DIRECTORY, null, null);
		}

	}

	/**
	 * Settings of {@link KeychainTokenStore}.
	 *
	 * @param serviceName the service name the entries are stored under (default
	 * {@code mcp-oauth})
	 * @param probeTimeout how long {@link Type#AUTO} waits for the keychain to answer its
	 * probe (a locked keychain may wait for a prompt nobody sees)
	 */
	public record KeychainSettings(String serviceName, Duration probeTimeout) {

		public KeychainSettings {
			Assert.hasText(serviceName, "serviceName cannot be empty");
			Assert.notNull(probeTimeout, "probeTimeout cannot be null");
		}

		public static KeychainSettings defaults() {
			return new KeychainSettings(KeychainTokenStore.DEFAULT_SERVICE_NAME, Duration.ofSeconds(10));
		}

	}

	/**
	 * Settings of {@link VaultTokenStore}: the address, one way to authenticate (a token, or
	 * an AppRole role id and secret id), and where the secrets go.
	 *
	 * @param uri the Vault address, for example {@code https://vault.example.com:8200}
	 * @param token a Vault token (token authentication)
	 * @param appRoleId the AppRole role id (AppRole authentication)
	 * @param appRoleSecretId the AppRole secret id
	 * @param appRolePath the AppRole auth mount path (default {@code approle})
	 * @param mount the KV v2 mount (default {@code secret})
	 * @param pathPrefix the path under the mount (default {@code mcp-oauth})
	 */
	public record VaultSettings(@Nullable URI uri, @Nullable String token, @Nullable String appRoleId,
			@Nullable String appRoleSecretId, String appRolePath, String mount, String pathPrefix) {

		public VaultSettings {
			Assert.hasText(appRolePath, "appRolePath cannot be empty");
			Assert.hasText(mount, "mount cannot be empty");
			Assert.notNull(pathPrefix, "pathPrefix cannot be null");
		}

		public static VaultSettings defaults() {
			return new VaultSettings(null, null, null, null, "approle", VaultTokenStore.DEFAULT_MOUNT,
					VaultTokenStore.DEFAULT_PATH_PREFIX);
		}

		public VaultSettings withUri(URI newUri) {
			return new VaultSettings(newUri, this.token, this.appRoleId, this.appRoleSecretId, this.appRolePath,
					this.mount, this.pathPrefix);
		}

		public VaultSettings withToken(String newToken) {
			return new VaultSettings(this.uri, newToken, this.appRoleId, this.appRoleSecretId, this.appRolePath,
					this.mount, this.pathPrefix);
		}

		public VaultSettings withAppRole(String roleId, String secretId) {
			return new VaultSettings(this.uri, this.token, roleId, secretId, this.appRolePath, this.mount,
					this.pathPrefix);
		}

		public VaultSettings withLocation(String newMount, String newPathPrefix) {
			return new VaultSettings(this.uri, this.token, this.appRoleId, this.appRoleSecretId, this.appRolePath,
					newMount, newPathPrefix);
		}

		@Override
		public String toString() {
			return "VaultSettings[uri=" + this.uri + ", token=" + ((this.token != null) ? "[redacted]" : "[none]")
					+ ", appRoleId=" + ((this.appRoleId != null) ? "[redacted]" : "[none]") + ", appRoleSecretId="
					+ ((this.appRoleSecretId != null) ? "[redacted]" : "[none]") + ", appRolePath=" + this.appRolePath
					+ ", mount=" + this.mount + ", pathPrefix=" + this.pathPrefix + "]";
		}

	}

}
