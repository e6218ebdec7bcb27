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
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import io.github.mcpoauth.core.McpOAuthErrorCode;
import io.github.mcpoauth.core.McpOAuthException;
import io.github.mcpoauth.store.TokenStoreSettings.FileSettings;
import io.github.mcpoauth.store.TokenStoreSettings.KeychainSettings;
import io.github.mcpoauth.store.TokenStoreSettings.Type;
import io.github.mcpoauth.store.TokenStoreSettings.VaultSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@ExtendWith(OutputCaptureExtension.class)
class TokenStoresTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	@TempDir
	Path temp;

	@Test
	void createWhenTypeMemoryThenInMemoryStore() {
		McpOAuthStore store = TokenStores.create(TokenStoreSettings.defaults().withType(Type.MEMORY));
		assertThat(store).isInstanceOf(InMemoryTokenStore.class);
		assertThat(store.backendName()).isEqualTo("memory");
	}

	@Test
	void createWhenEncryptedFileWithPasswordVariableThenUsesThePasswordFromTheEnvironment() {
		TokenStoreSettings settings = TokenStoreSettings.defaults()
			.withType(Type.ENCRYPTED_FILE)
			.withFile(new FileSettings(this.temp, "MY_STORE_PASSWORD", null));
		McpOAuthStore store = TokenStores.create(settings, TestTokens.CLOCK,
				Map.of("MY_STORE_PASSWORD", "s3cret-from-env")::get);
		assertThat(store).isInstanceOfSatisfying(EncryptedFileTokenStore.class, (file) -> {
			assertThat(file.isPasswordProtected()).isTrue();
			assertThat(file.getDirectory()).isEqualTo(this.temp.toAbsolutePath());
			assertThat(file.toString()).contains("environment variable MY_STORE_PASSWORD")
				.doesNotContain("s3cret-from-env");
		});
	}

	@Test
	void createWhenPasswordVariableNamedButUnsetThenFailsInsteadOfFallingBackToAKeyFile() {
		TokenStoreSettings settings = TokenStoreSettings.defaults()
			.withType(Type.ENCRYPTED_FILE)
			.withFile(new FileSettings(this.temp, "MY_STORE_PASSWORD", null));
		assertThatExceptionOfType(McpOAuthException.class)
			.isThrownBy(() -> TokenStores.create(settings, TestTokens.CLOCK, (name) -> null))
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(McpOAuthErrorCode.INVALID_CONFIGURATION))
			.withMessageContaining("MY_STORE_PASSWORD")
			.withMessageContaining("not set");
	}

	@Test
	void createWhenEncryptedFileWithoutPasswordThenUsesTheConfiguredKeyFile() {
		Path keyFile = this.temp.resolve("secrets/store.key");
		TokenStoreSettings settings = TokenStoreSettings.defaults()
			.withType(Type.ENCRYPTED_FILE)
			.withFile(new FileSettings(this.temp.resolve("store"), null, keyFile));
		McpOAuthStore store = TokenStores.create(settings, TestTokens.CLOCK, (name) -> null);
		store.saveToken(TokenKey.of("alpha"), TestTokens.token("alpha")).block(TIMEOUT);
		assertThat(keyFile).exists().hasSize(32);
		assertThat(this.temp.resolve("store").resolve(EncryptedFileTokenStore.KEY_FILE_NAME)).doesNotExist();
	}

	@Test
	void createWhenTypeAutoAndKeychainAnswersThenPicksItAndLogsWhy(CapturedOutput output) {
		MapKeychain keychain = new MapKeychain();
		McpOAuthStore store = TokenStores.create(settingsForAuto(Duration.ofSeconds(5)), TestTokens.CLOCK,
				(name) -> null, (service) -> keychain);
		assertThat(store).isInstanceOf(KeychainTokenStore.class);
		assertThat(store.backendName()).isEqualTo("keychain");
		assertThat(keychain.entries).as("the probe entry was deleted").isEmpty();
		assertThat(output).contains("Token store: auto-detection picked the OS keychain (MAP");
	}

	@Test
	void createWhenTypeAutoAndKeychainFailsThenPicksTheEncryptedFileAndLogsWhy(CapturedOutput output) {
		Keychain broken = new MapKeychain() {
			@Override
			public void set(String account, String secret) {
				throw new McpOAuthException(McpOAuthErrorCode.STORAGE_FAILED, "keychain is locked");
			}
		};
		McpOAuthStore store = TokenStores.create(settingsForAuto(Duration.ofSeconds(5)), TestTokens.CLOCK,
				(name) -> null, (service) -> broken);
		assertThat(store).isInstanceOf(EncryptedFileTokenStore.class);
		assertThat(store.backendName()).isEqualTo("encrypted-file");
		assertThat(output).contains("Token store: auto-detection picked the encrypted file")
			.contains("because no OS keychain works here: keychain is locked\n")
			.doesNotContain("STORAGE_FAILED");
		// only this store's lines: another test's asynchronous log line may land in the captured output
		assertThat(output.toString().lines().filter((line) -> line.contains("store.TokenStores")))
			.noneMatch((line) -> line.contains(" WARN "));
		assertThat(output.toString().lines().filter((line) -> line.contains("Token store:"))).singleElement()
			.asString()
			.contains(" INFO ");
	}

	@Test
	void createWhenTypeAutoAndKeychainHangsThenGivesUpAfterTheProbeTimeout(CapturedOutput output) {
		CountDownLatch never = new CountDownLatch(1);
		Keychain hanging = new MapKeychain() {
			@Override
			public void set(String account, String secret) {
				try {
					never.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
		};
		long start = System.nanoTime();
		McpOAuthStore store = TokenStores.create(settingsForAuto(Duration.ofMillis(300)), TestTokens.CLOCK,
				(name) -> null, (service) -> hanging);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
		assertThat(store.backendName()).isEqualTo("encrypted-file");
		assertThat(output).contains("did not answer within 300 ms");
	}

	@Test
	void createWhenTypeVaultWithoutUriThenFailsNamingTheSetting() {
		assertThatExceptionOfType(McpOAuthException.class)
			.isThrownBy(() -> TokenStores.create(TokenStoreSettings.defaults().withType(Type.VAULT)))
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(McpOAuthErrorCode.INVALID_CONFIGURATION))
			.withMessageContaining("vault.uri");
	}

	@Test
	void createWhenTypeVaultWithTokenAndAppRoleThenFailsAskingForExactlyOne() {
		VaultSettings vault = VaultSettings.defaults()
			.withUri(URI.create("http://127.0.0.1:8200"))
			.withToken("hvs.root")
			.withAppRole("role", "secret");
		assertThatExceptionOfType(McpOAuthException.class)
			.isThrownBy(
					() -> TokenStores.create(TokenStoreSettings.defaults().withType(Type.VAULT).withVault(vault)))
			.withMessageContaining("exactly one way");
	}

	@Test
	void typeOfWhenConfigurationValuesThenParses() {
		assertThat(Type.of("encrypted-file")).isEqualTo(Type.ENCRYPTED_FILE);
		assertThat(Type.of("ENCRYPTED_FILE")).isEqualTo(Type.ENCRYPTED_FILE);
		assertThat(Type.of(" Keychain ")).isEqualTo(Type.KEYCHAIN);
		assertThatExceptionOfType(McpOAuthException.class).isThrownBy(() -> Type.of("s3"))
			.withMessageContaining("memory, encrypted-file, keychain, vault, database, auto");
	}

	@Test
	void toStringWhenVaultSecretsSetThenRedactsThem() {
		TokenStoreSettings settings = TokenStoreSettings.defaults()
			.withVault(VaultSettings.defaults()
				.withUri(URI.create("https://vault.example.com"))
				.withToken("hvs.SECRET-TOKEN")
				.withAppRole("ROLE-ID-SECRET", "SECRET-ID-SECRET"));
		assertThat(settings.toString()).contains("https://vault.example.com")
			.contains("[redacted]")
			.doesNotContain("SECRET");
	}

	@Test
	void defaultsThenAutoInHomeDotMcpOauthWithServiceMcpOauth() {
		TokenStoreSettings defaults = TokenStoreSettings.defaults();
		assertThat(defaults.type()).isEqualTo(Type.AUTO);
		assertThat(defaults.file().directory())
			.isEqualTo(Path.of(System.getProperty("user.home"), ".mcp-oauth"));
		assertThat(defaults.file().passwordEnvironmentVariable()).isNull();
		assertThat(defaults.keychain().serviceName()).isEqualTo("mcp-oauth");
		assertThat(defaults.vault().mount()).isEqualTo("secret");
		assertThat(defaults.vault().pathPrefix()).isEqualTo("mcp-oauth");
	}

	@Test
	void storesWhenUsedAndFailingThenLogNoSecret(CapturedOutput output) throws Exception {
		Path directory = this.temp.resolve("logged");
		McpOAuthStore right = TokenStores.create(TokenStoreSettings.defaults()
			.withType(Type.ENCRYPTED_FILE)
			.withFile(new FileSettings(directory, "PW", null)), TestTokens.CLOCK, Map.of("PW", "pw-SECRET-1")::get);
		right.saveToken(TokenKey.of("alpha"), TestTokens.token("alpha")).block(TIMEOUT);
		right.saveRegistration("alpha", TestTokens.registration("alpha", TestTokens.ISSUER)).block(TIMEOUT);
		right.tokenKeys().map(TokenKey::serverName).collectList().block(TIMEOUT);
		McpOAuthStore wrong = TokenStores.create(TokenStoreSettings.defaults()
			.withType(Type.ENCRYPTED_FILE)
			.withFile(new FileSettings(directory, "PW", null)), TestTokens.CLOCK, Map.of("PW", "pw-SECRET-2")::get);
		assertThatExceptionOfType(McpOAuthException.class).isThrownBy(() -> wrong.loadToken(TokenKey.of("alpha")).block(TIMEOUT))
			.withMessageNotContaining("SECRET");
		KeychainTokenStore keychain = new KeychainTokenStore(new MapKeychain(), TestTokens.CLOCK);
		keychain.saveToken(TokenKey.of("alpha"), TestTokens.token("alpha")).block(TIMEOUT);
		keychain.tokenKeys().map(TokenKey::serverName).collectList().block(TIMEOUT);
		try (FakeVaultServer vault = new FakeVaultServer()) {
			VaultTokenStore store = (VaultTokenStore) TokenStores.create(TokenStoreSettings.defaults()
				.withType(Type.VAULT)
				.withVault(VaultSettings.defaults().withUri(vault.uri()).withToken(FakeVaultServer.ROOT_TOKEN)));
			store.saveToken(TokenKey.of("alpha"), TestTokens.token("alpha")).block(TIMEOUT);
			store.tokenKeys().map(TokenKey::serverName).collectList().block(TIMEOUT);
		}
		assertThat(output.getAll()).doesNotContain("SECRET").doesNotContain(FakeVaultServer.ROOT_TOKEN);
	}

	private TokenStoreSettings settingsForAuto(Duration probeTimeout) {
		return TokenStoreSettings.defaults()
			.withKeychain(new KeychainSettings("mcp-oauth-test", probeTimeout))
			.withFile(new FileSettings(this.temp.resolve("fallback"), null, null));
	}

}
