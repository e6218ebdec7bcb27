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

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import io.github.mcpoauth.client.McpOAuthClient;
import io.github.mcpoauth.registration.ClientRegistrationStore;
import io.github.mcpoauth.store.EncryptedFileTokenStore;
import io.github.mcpoauth.store.InMemoryTokenStore;
import io.github.mcpoauth.store.McpOAuthStore;
import io.github.mcpoauth.store.TokenStore;
import io.github.mcpoauth.store.VaultTokenStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.vault.authentication.TokenAuthentication;
import org.springframework.vault.client.VaultEndpoint;
import org.springframework.vault.core.VaultKeyValueOperations;
import org.springframework.vault.core.VaultKeyValueOperationsSupport.KeyValueBackend;
import org.springframework.vault.core.VaultOperations;
import org.springframework.vault.core.VaultTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of the store configurations: one conditional store bean per
 * {@code mcp.oauth.storage.type}, each backing off for the application's own store and
 * reusing the application's Vault client.
 */
class McpOAuthStoreConfigurationsTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(McpOAuthAutoConfiguration.class))
		.withPropertyValues("mcp.oauth.user-agent.mode=none");

	@TempDir
	Path directory;

	@Test
	void memoryTypeThenTheInMemoryStoreServesTheEngine() {
		this.contextRunner.withPropertyValues("mcp.oauth.storage.type=memory").run((context) -> {
			assertThat(context).hasSingleBean(McpOAuthStore.class).hasSingleBean(InMemoryTokenStore.class);
			assertThat(context.getBean(McpOAuthClient.class).tokenStore())
				.isSameAs(context.getBean(InMemoryTokenStore.class));
		});
	}

	@Test
	void memoryTypeWhenTheApplicationDefinesATokenStoreThenBacksOff() {
		assertBacksOffFor("memory");
	}

	@Test
	void encryptedFileTypeThenTheFileStoreInTheConfiguredDirectory() {
		this.contextRunner
			.withPropertyValues("mcp.oauth.storage.type=encrypted-file", "mcp.oauth.storage.file.directory=" + this.directory)
			.run((context) -> assertThat(context.getBean(EncryptedFileTokenStore.class).getStoreFile().toString())
				.startsWith(this.directory.toString()));
	}

	@Test
	void encryptedFileTypeInEnumSpellingThenTheFileStore() {
		this.contextRunner
			.withPropertyValues("mcp.oauth.storage.type=ENCRYPTED_FILE", "mcp.oauth.storage.file.directory=" + this.directory)
			.run((context) -> assertThat(context).hasSingleBean(EncryptedFileTokenStore.class));
	}

	@Test
	void encryptedFileTypeWhenTheApplicationDefinesATokenStoreThenBacksOff() {
		assertBacksOffFor("encrypted-file", "mcp.oauth.storage.file.directory=" + this.directory);
	}

	@Test
	void keychainTypeWhenTheApplicationDefinesATokenStoreThenBacksOff() {
		assertBacksOffFor("keychain");
	}

	@Test
	void keychainTypeWithoutJavaKeyringThenFailsNamingTheTypeAndTheDependency() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("com.github.javakeyring"))
			.withPropertyValues("mcp.oauth.storage.type=keychain")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
					.isInstanceOf(InvalidConfigurationPropertyValueException.class)
					.hasMessageContaining("mcp.oauth.storage.type")
					.hasMessageContaining("com.github.javakeyring:java-keyring");
			});
	}

	@Test
	void vaultTypeWhenTheApplicationHasAVaultClientThenTheStoreUsesIt() {
		RecordingVaultTemplate application = new RecordingVaultTemplate();
		this.contextRunner.withBean(VaultOperations.class, () -> application)
			.withPropertyValues("mcp.oauth.storage.type=vault", "mcp.oauth.storage.vault.mount=kv")
			.run((context) -> {
				assertThat(context).hasSingleBean(VaultTokenStore.class);
				assertThat(context.getBean(McpOAuthClient.class).tokenStore())
					.isSameAs(context.getBean(VaultTokenStore.class));
				assertThat(application.keyValueMounts).containsExactly("kv");
			});
	}

	@Test
	void vaultTypeWithoutAddressOrVaultClientThenFailsNamingTheKey() {
		this.contextRunner.withPropertyValues("mcp.oauth.storage.type=vault").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("mcp.oauth.storage.vault.uri")
				.hasMessageContaining("VaultOperations bean");
		});
	}

	@Test
	void vaultTypeWhenTheApplicationDefinesATokenStoreThenBacksOff() {
		assertBacksOffFor("vault", "mcp.oauth.storage.vault.uri=https://vault.example:8200",
				"mcp.oauth.storage.vault.token=hvs.token");
	}

	@Test
	void autoTypeWhenTheApplicationDefinesATokenStoreThenBacksOff() {
		assertBacksOffFor("auto");
	}

	@Test
	void autoTypeWhenTheApplicationDefinesARegistrationStoreThenBacksOff() {
		InMemoryTokenStore registrations = new InMemoryTokenStore();
		this.contextRunner.withBean(ClientRegistrationStore.class, () -> registrations)
			.withBean(TokenStore.class, InMemoryTokenStore::new)
			.run((context) -> {
				assertThat(context).doesNotHaveBean("mcpOAuthTokenStore");
				assertThat(context.getBean(McpOAuthClient.class).clientRegistrationStore()).isSameAs(registrations);
			});
	}

	@Test
	void unknownStorageTypeThenTheStartFailsBindingTheKey() {
		AtomicReference<Throwable> failure = new AtomicReference<>();
		this.contextRunner.withPropertyValues("mcp.oauth.storage.type=floppy").run((context) -> {
			assertThat(context).hasFailed();
			failure.set(context.getStartupFailure());
		});
		Throwable bind = failure.get();
		while (bind != null && !(bind instanceof BindException)) {
			bind = bind.getCause();
		}
		assertThat(bind).isInstanceOf(BindException.class);
		assertThat(((BindException) bind).getProperty().getName().toString()).isEqualTo("mcp.oauth.storage.type");
	}

	private void assertBacksOffFor(String type, String... properties) {
		TokenStore store = new InMemoryTokenStore();
		this.contextRunner.withBean(TokenStore.class, () -> store)
			.withPropertyValues("mcp.oauth.storage.type=" + type)
			.withPropertyValues(properties)
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean("mcpOAuthTokenStore");
				assertThat(context.getBean(TokenStore.class)).isSameAs(store);
				assertThat(context.getBean(McpOAuthClient.class).tokenStore()).isSameAs(store);
			});
	}

	/**
	 * A real Vault client (never connected in these tests) that records which KV mounts are
	 * asked of it.
	 */
	static class RecordingVaultTemplate extends VaultTemplate {

		final List<String> keyValueMounts = new ArrayList<>();

		RecordingVaultTemplate() {
			super(VaultEndpoint.create("127.0.0.1", 1), new TokenAuthentication("app-token"));
		}

		@Override
		public VaultKeyValueOperations opsForKeyValue(String path, KeyValueBackend apiVersion) {
			this.keyValueMounts.add(path);
			return super.opsForKeyValue(path, apiVersion);
		}

	}

}
