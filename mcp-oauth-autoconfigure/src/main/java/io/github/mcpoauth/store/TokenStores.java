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

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import io.github.mcpoauth.core.McpOAuthErrorCode;
import io.github.mcpoauth.core.McpOAuthException;
import io.github.mcpoauth.store.TokenStoreSettings.FileSettings;
import io.github.mcpoauth.store.TokenStoreSettings.KeychainSettings;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;

/**
 * Builds a {@link McpOAuthStore} (tokens and client registrations) from
 * {@link TokenStoreSettings}.
 *
 * <p>{@link TokenStoreSettings.Type#AUTO} picks the OS keychain when a working one answers a
 * probe (an entry written, read back and deleted within the probe timeout) and the
 * encrypted file otherwise, and logs at INFO which it picked and why; the returned store's
 * {@link TokenStore#backendName()} names it too. Building a store may block (the probe, a
 * Vault login): call it at startup, not on an event-loop thread.
 */
public final class TokenStores {

	private static final Log logger = LogFactory.getLog(TokenStores.class);

	private static final String KEYRING_CLASS = "com.github.javakeyring.Keyring";

	private static final String VAULT_CLASS = "org.springframework.vault.core.VaultTemplate";

	private static final String R2DBC_CLASS = "io.r2dbc.spi.ConnectionFactory";

	private TokenStores() {
	}

	/**
	 * Builds the store the settings describe, reading a password from the process
	 * environment.
	 * @param settings the settings
	 * @return the store; close it when it is {@link AutoCloseable}
	 */
	public static McpOAuthStore create(TokenStoreSettings settings) {
		return create(settings, Clock.systemUTC(), System::getenv);
	}

	/**
	 * Builds the store the settings describe.
	 * @param settings the settings
	 * @param clock the clock the store uses to drop expired tokens
	 * @param environment looks up environment variables (the file store's password)
	 * @return the store; close it when it is {@link AutoCloseable}
	 */
	public static McpOAuthStore create(TokenStoreSettings settings, Clock clock,
			Function<String, @Nullable String> environment) {
		return create(settings, clock, environment, TokenStores::javaKeyring);
	}

	static McpOAuthStore create(TokenStoreSettings settings, Clock clock, Function<String, @Nullable String> environment,
			Function<String, Keychain> keychains) {
		Assert.notNull(settings, "settings cannot be null");
		Assert.notNull(clock, "clock cannot be null");
		Assert.notNull(environment, "environment cannot be null");
		return switch (settings.type()) {
			case MEMORY -> new InMemoryTokenStore(clock);
			case ENCRYPTED_FILE -> encryptedFile(settings.file(), clock, environment);
			case KEYCHAIN -> {
				requireClass(KEYRING_CLASS, "keychain", "com.github.javakeyring:java-keyring");
				yield new KeychainTokenStore(keychains.apply(settings.keychain().serviceName()), clock);
			}
			case VAULT -> {
				requireClass(VAULT_CLASS, "vault", "org.springframework.vault:spring-vault-core");
				yield VaultTokenStores.create(settings.vault(), clock);
			}
			case DATABASE -> {
				requireClass(R2DBC_CLASS, "database", "org.postgresql:r2dbc-postgresql");
				throw new McpOAuthException(McpOAuthErrorCode.INVALID_CONFIGURATION,
						"mcp.oauth.storage.type=database uses the application's R2DBC ConnectionFactory: let the Spring"
								+ " Boot auto-configuration build the store, or build one with"
								+ " PostgresTokenStore.builder(connectionFactory)");
			}
			case AUTO -> auto(settings, clock, environment, keychains);
		};
	}

	private static McpOAuthStore auto(TokenStoreSettings settings, Clock clock,
			Function<String, @Nullable String> environment, Function<String, Keychain> keychains) {
		KeychainSettings keychainSettings = settings.keychain();
		String reason;
		if (!ClassUtils.isPresent(KEYRING_CLASS, TokenStores.class.getClassLoader())) {
			reason = "java-keyring is not on the classpath";
		}
		else {
			Keychain keychain = null;
			try {
				keychain = keychains.apply(keychainSettings.serviceName());
				reason = probe(keychain, keychainSettings.probeTimeout());
			}
			catch (RuntimeException | LinkageError ex) {
				reason = reason(ex);
			}
			if (reason == null && keychain != null) {
				KeychainTokenStore store = new KeychainTokenStore(keychain, clock);
				logger.info("Token store: auto-detection picked the OS keychain (" + describe(keychain)
						+ ", service '" + keychainSettings.serviceName() + "')");
				return store;
			}
			if (keychain != null) {
				keychain.close();
			}
		}
		EncryptedFileTokenStore store = encryptedFile(settings.file(), clock, environment);
		logger.info("Token store: auto-detection picked the encrypted file " + store.getStoreFile() + " ("
				+ (store.isPasswordProtected() ? "password" : "key file") + "), because no OS keychain works here: "
				+ reason);
		return store;
	}

	/**
	 * Writes, reads back and deletes a random entry.
	 * @return {@code null} when the keychain works, otherwise why not
	 */
	static @Nullable String probe(Keychain keychain, Duration timeout) {
		String account = "probe-" + HexFormat.of().formatHex(EncryptedFileFormat.randomBytes(8));
		String value = HexFormat.of().formatHex(EncryptedFileFormat.randomBytes(16));
		ExecutorService executor = Executors.newSingleThreadExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "mcp-oauth-keychain-probe");
			thread.setDaemon(true);
			return thread;
		});
		try {
			Future<@Nullable String> result = executor.submit(() -> {
				keychain.set(account, value);
				String read = keychain.get(account);
				keychain.delete(account);
				return Objects.equals(value, read) ? null : "the keychain did not return what was written";
			});
			return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			return "the keychain did not answer within " + timeout.toMillis()
					+ " ms (locked, waiting for a prompt nobody sees?)";
		}
		catch (ExecutionException ex) {
			return reason(Objects.requireNonNullElse(ex.getCause(), ex));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "interrupted while probing the keychain";
		}
		finally {
			executor.shutdownNow();
		}
	}

	/**
	 * Why the keychain does not work, in words: without the error code and hint of an
	 * {@link McpOAuthException}, because falling back to the file is no error.
	 */
	private static String reason(Throwable failure) {
		return (failure instanceof McpOAuthException oauth) ? oauth.getDetail() : String.valueOf(failure.getMessage());
	}

	private static String describe(Keychain keychain) {
		try {
			return keychain.description();
		}
		catch (RuntimeException ex) {
			return "unknown type";
		}
	}

	/**
	 * Builds the encrypted-file store, reading its password (if it names one) from the
	 * process environment.
	 * @param settings the encrypted-file settings
	 * @return the store
	 */
	public static EncryptedFileTokenStore encryptedFile(FileSettings settings) {
		Assert.notNull(settings, "settings cannot be null");
		return encryptedFile(settings, Clock.systemUTC(), System::getenv);
	}

	/**
	 * Builds the OS keychain store.
	 * @param settings the keychain settings
	 * @return the store
	 */
	public static KeychainTokenStore keychain(KeychainSettings settings) {
		Assert.notNull(settings, "settings cannot be null");
		requireClass(KEYRING_CLASS, "keychain", "com.github.javakeyring:java-keyring");
		return new KeychainTokenStore(javaKeyring(settings.serviceName()), Clock.systemUTC());
	}

	/**
	 * Builds a Vault store with its own Vault client, logged in with the settings' token or
	 * AppRole; closing the store ends that session. To use a {@code VaultOperations} you
	 * already have, call {@link VaultTokenStore#VaultTokenStore(org.springframework.vault.core.VaultOperations,
	 * String, String, Clock)} instead.
	 * @param settings the Vault settings
	 * @return the store
	 */
	public static VaultTokenStore vault(TokenStoreSettings.VaultSettings settings) {
		Assert.notNull(settings, "settings cannot be null");
		requireClass(VAULT_CLASS, "vault", "org.springframework.vault:spring-vault-core");
		return VaultTokenStores.create(settings, Clock.systemUTC());
	}

	static EncryptedFileTokenStore encryptedFile(FileSettings file, Clock clock,
			Function<String, @Nullable String> environment) {
		EncryptedFileTokenStore.Builder builder = EncryptedFileTokenStore.builder(file.directory()).clock(clock);
		String variable = file.passwordEnvironmentVariable();
		if (variable != null) {
			String password = environment.apply(variable);
			if (password == null || password.isEmpty()) {
				throw new McpOAuthException(McpOAuthErrorCode.INVALID_CONFIGURATION,
						"mcp.oauth.storage.file.password-env names " + variable
								+ ", which is not set or empty: set it to the store password, or remove the setting to"
								+ " use a key file");
			}
			char[] chars = password.toCharArray();
			builder.password(chars).passwordSource("the password in environment variable " + variable);
			Arrays.fill(chars, '\0');
		}
		if (file.keyFile() != null) {
			builder.keyFile(file.keyFile());
		}
		return builder.build();
	}

	private static void requireClass(String className, String type, String artifact) {
		if (!ClassUtils.isPresent(className, TokenStores.class.getClassLoader())) {
			throw new McpOAuthException(McpOAuthErrorCode.INVALID_CONFIGURATION,
					"mcp.oauth.storage.type=" + type + " needs " + artifact + " on the classpath: add that dependency");
		}
	}

	private static Keychain javaKeyring(String serviceName) {
		return new JavaKeyringKeychain(serviceName);
	}

}
