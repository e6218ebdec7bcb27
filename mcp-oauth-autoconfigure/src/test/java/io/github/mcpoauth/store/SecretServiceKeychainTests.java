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

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import io.github.mcpoauth.store.TokenStoreSettings.FileSettings;
import io.github.mcpoauth.store.TokenStoreSettings.KeychainSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link KeychainTokenStore} against a real GNOME Keyring Secret Service on a private D-Bus
 * session bus ({@link SecretServiceExtension}). Each test uses its own service name.
 */
@ExtendWith(SecretServiceExtension.class)
class SecretServiceKeychainTests extends TokenStoreContractTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final List<AutoCloseable> opened = new ArrayList<>();

	private String serviceName = "";

	@TempDir
	Path temp;

	@Override
	KeychainTokenStore createStore() {
		this.serviceName = "mcp-oauth-test-" + HexFormat.of().formatHex(EncryptedFileFormat.randomBytes(4));
		KeychainTokenStore store = new KeychainTokenStore(this.serviceName, TestTokens.CLOCK);
		this.opened.add(store);
		return store;
	}

	@AfterEach
	void closeStores() throws Exception {
		for (AutoCloseable store : this.opened) {
			store.close();
		}
	}

	@Test
	void keychainTypeWhenSecretServiceRunningThenIsGnomeKeyring() {
		assertThat(createStore().keychainType()).isEqualTo("GNOME_KEYRING");
	}

	@Test
	void saveTokenWhenSecretServiceRunningThenSecretToolSeesTheEntry() throws Exception {
		KeychainTokenStore store = createStore();
		store.saveToken(TokenKey.of("alpha"), TestTokens.token("alpha")).block(TIMEOUT);
		String stored = SecretServiceExtension.running()
			.run("secret-tool", "lookup", "service", this.serviceName, "account", "tokens/alpha/default");
		assertThat(stored).contains(TestTokens.accessToken("alpha")).contains("\"format_version\":1");
		String index = SecretServiceExtension.running()
			.run("secret-tool", "lookup", "service", this.serviceName, "account", KeychainTokenStore.INDEX_ACCOUNT);
		assertThat(index).contains("\"alpha\"");
	}

	@Test
	void deleteTokenWhenSecretServiceRunningThenSecretToolNoLongerFindsIt() throws Exception {
		KeychainTokenStore store = createStore();
		store.saveToken(TokenKey.of("alpha"), TestTokens.token("alpha")).block(TIMEOUT);
		assertThat(store.deleteToken(TokenKey.of("alpha")).block(TIMEOUT)).isTrue();
		String stored = SecretServiceExtension.running()
			.run("secret-tool", "lookup", "service", this.serviceName, "account", "tokens/alpha/default");
		assertThat(stored).doesNotContain(TestTokens.accessToken("alpha"));
	}

	@Test
	void keyringFilesWhenTokenSavedThenHoldNoPlaintextSecret() throws Exception {
		KeychainTokenStore store = createStore();
		store.saveToken(TokenKey.of("alpha"), TestTokens.token("alpha")).block(TIMEOUT);
		store.saveRegistration("alpha", TestTokens.registration("alpha", TestTokens.ISSUER)).block(TIMEOUT);
		// a new connection reads it back: the daemon has it
		try (KeychainTokenStore reopened = new KeychainTokenStore(this.serviceName, TestTokens.CLOCK)) {
			assertThat(reopened.loadToken(TokenKey.of("alpha")).block(TIMEOUT)).isEqualTo(TestTokens.token("alpha"));
		}
		Path keyrings = SecretServiceExtension.running().home().resolve(".local/share/keyrings");
		List<Path> files = EncryptedFileTokenStoreTests.listFiles(keyrings);
		assertThat(files).as("gnome-keyring wrote its keyring to disk").isNotEmpty();
		for (Path file : files) {
			byte[] content = Files.readAllBytes(file);
			for (String secret : List.of(TestTokens.accessToken("alpha"), TestTokens.refreshToken("alpha"),
					TestTokens.clientSecret("alpha"))) {
				assertThat(EncryptedFileTokenStoreTests.indexOf(content, secret.getBytes(StandardCharsets.UTF_8)))
					.as("'%s' in %s", secret, file)
					.isEqualTo(-1);
			}
		}
	}

	@Test
	void createWhenTypeAutoAndSecretServiceRunningThenPicksTheKeychain() throws Exception {
		String service = "mcp-oauth-auto-" + HexFormat.of().formatHex(EncryptedFileFormat.randomBytes(4));
		TokenStoreSettings settings = TokenStoreSettings.defaults()
			.withType(TokenStoreSettings.Type.AUTO)
			.withKeychain(new KeychainSettings(service, Duration.ofSeconds(20)))
			.withFile(new FileSettings(this.temp.resolve("fallback"), null, null));
		McpOAuthStore store = TokenStores.create(settings);
		try {
			assertThat(store.backendName()).isEqualTo("keychain");
			store.saveToken(TokenKey.of("alpha"), TestTokens.token("alpha")).block(TIMEOUT);
			assertThat(store.loadToken(TokenKey.of("alpha")).block(TIMEOUT)).isEqualTo(TestTokens.token("alpha"));
			assertThat(this.temp.resolve("fallback")).doesNotExist();
		}
		finally {
			((AutoCloseable) store).close();
		}
	}

}
