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

import java.nio.file.Path;
import java.time.Duration;

import io.github.mcpoauth.store.TokenStoreSettings.FileSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link TokenStoreSettings.Type#AUTO} with the real java-keyring when no Secret Service can
 * be reached: the session bus address points at a socket that does not exist.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "points D-Bus at a missing socket; other systems have another keychain")
class TokenStoresAutoDetectionTests {

	@TempDir
	Path temp;

	@Test
	void createWhenTypeAutoAndNoSecretServiceReachableThenPicksTheEncryptedFile() {
		String previous = System.getProperty(SecretServiceExtension.BUS_PROPERTY);
		System.setProperty(SecretServiceExtension.BUS_PROPERTY,
				"unix:path=" + this.temp.resolve("no-such-bus-socket"));
		try {
			McpOAuthStore store = TokenStores.create(TokenStoreSettings.defaults()
				.withFile(new FileSettings(this.temp.resolve("store"), null, null)));
			assertThat(store).isInstanceOf(EncryptedFileTokenStore.class);
			assertThat(store.backendName()).isEqualTo("encrypted-file");
			store.saveToken(TokenKey.of("alpha"), TestTokens.token("alpha")).block(Duration.ofSeconds(10));
			assertThat(this.temp.resolve("store").resolve(EncryptedFileTokenStore.STORE_FILE_NAME)).exists();
		}
		finally {
			if (previous != null) {
				System.setProperty(SecretServiceExtension.BUS_PROPERTY, previous);
			}
			else {
				System.clearProperty(SecretServiceExtension.BUS_PROPERTY);
			}
		}
	}

}
