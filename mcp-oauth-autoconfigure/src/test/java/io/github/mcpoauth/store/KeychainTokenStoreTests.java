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

import java.time.Duration;

import io.github.mcpoauth.core.McpOAuthException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link KeychainTokenStore}'s own logic (entry names, index, purge) on a map; the real
 * Secret Service is exercised by {@link SecretServiceKeychainTests}.
 */
class KeychainTokenStoreTests extends TokenStoreContractTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final MapKeychain keychain = new MapKeychain();

	@Override
	McpOAuthStore createStore() {
		return new KeychainTokenStore(this.keychain, TestTokens.CLOCK);
	}

	@Test
	void saveWhenTokenAndRegistrationThenOneEntryPerKeyPlusIndex() {
		McpOAuthStore store = createStore();
		store.saveToken(TokenKey.of("my server"), TestTokens.token("a")).block(TIMEOUT);
		store.saveRegistration("my server", TestTokens.registration("a", "https://as.example.com")).block(TIMEOUT);
		assertThat(this.keychain.entries).containsOnlyKeys("tokens/my~20server/default",
				"registrations/my~20server/https~3A~2F~2Fas.example.com", KeychainTokenStore.INDEX_ACCOUNT);
		assertThat(this.keychain.entries.get(KeychainTokenStore.INDEX_ACCOUNT)).contains("\"my server\"")
			.contains("https://as.example.com")
			.doesNotContain("SECRET");
		assertThat(this.keychain.entries.get("tokens/my~20server/default")).contains(TestTokens.accessToken("a"))
			.contains("\"format_version\":1");
	}

	@Test
	void tokenKeysWhenTokenEntryRemovedBehindTheStoreThenNameDroppedFromIndex() {
		McpOAuthStore store = createStore();
		store.saveToken(TokenKey.of("alpha"), TestTokens.token("alpha")).block(TIMEOUT);
		store.saveToken(TokenKey.of("beta"), TestTokens.token("beta")).block(TIMEOUT);
		this.keychain.entries.remove("tokens/alpha/default");
		assertThat(store.tokenKeys().map(TokenKey::serverName).collectList().block(TIMEOUT)).containsExactly("beta");
		assertThat(this.keychain.entries.get(KeychainTokenStore.INDEX_ACCOUNT)).doesNotContain("alpha");
	}

	@Test
	void tokenKeysWhenIndexUnreadableThenRebuiltRatherThanFailing() {
		McpOAuthStore store = createStore();
		this.keychain.entries.put(KeychainTokenStore.INDEX_ACCOUNT, "not json");
		assertThat(store.tokenKeys().map(TokenKey::serverName).collectList().block(TIMEOUT)).isEmpty();
		store.saveToken(TokenKey.of("alpha"), TestTokens.token("alpha")).block(TIMEOUT);
		assertThat(store.tokenKeys().map(TokenKey::serverName).collectList().block(TIMEOUT)).containsExactly("alpha");
	}

	@Test
	void loadTokenWhenEntryIsNotJsonThenFailsWithoutQuotingIt() {
		McpOAuthStore store = createStore();
		this.keychain.entries.put("tokens/alpha/default", "AT-SECRET-garbage{");
		assertThatExceptionOfType(McpOAuthException.class).isThrownBy(() -> store.loadToken(TokenKey.of("alpha")).block(TIMEOUT))
			.withMessageContaining("keychain:tokens/alpha/default")
			.withMessageContaining("delete that entry")
			.withMessageNotContaining("SECRET")
			.satisfies((ex) -> assertThat(ex.getCause()).isNull());
	}

	@Test
	void closeThenClosesTheKeychainConnection() {
		new KeychainTokenStore(this.keychain, TestTokens.CLOCK).close();
		assertThat(this.keychain.closed).isTrue();
	}

	@Test
	void backendNameIsKeychain() {
		assertThat(createStore().backendName()).isEqualTo("keychain");
	}

}
