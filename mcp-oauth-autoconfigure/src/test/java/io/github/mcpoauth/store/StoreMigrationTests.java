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

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.github.mcpoauth.store.EncryptedFileFormat.Header;
import io.github.mcpoauth.store.TokenStoreSettings.Type;
import io.github.mcpoauth.store.TokenStoreSettings.VaultSettings;
import io.github.mcpoauth.token.OAuthToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Stores written by mcp-oauth 0.1.0, which kept one token per server, open with every
 * token under the default principal and every registration under its issuer; nothing is
 * lost. The file and keychain entries in {@code src/test/resources/store/v0.1.0} were
 * written by the 0.1.0 code itself (see the README there).
 */
class StoreMigrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final String SPACES = "name with spaces/and:colons";

	private static final String OTHER_ISSUER = "https://other.example.com/tenant";

	@TempDir
	Path temp;

	@Test
	void encryptedFileWrittenBy010ThenReadAsTheDefaultPrincipalsAndRewrittenInTheNewFormatOnTheNextWrite()
			throws Exception {
		Path directory = this.temp.resolve("store");
		Files.createDirectories(directory);
		Files.write(directory.resolve(EncryptedFileTokenStore.STORE_FILE_NAME), resource("tokens.enc"));
		byte[] original = EncryptedFileTokenStoreTests.storeBytes(directory);
		assertThat(plaintext(original)).contains("\"format_version\":1").contains("\"tokens\":{\"alpha\":{");

		EncryptedFileTokenStore store = EncryptedFileTokenStoreTests.passwordStore(directory,
				EncryptedFileTokenStoreTests.PASSWORD);
		assertEverything010Stored(store);
		assertThat(EncryptedFileTokenStoreTests.storeBytes(directory)).as("reading never rewrites the file")
			.isEqualTo(original);

		store.saveToken(TokenKey.of("alpha", "alice"), TestTokens.token("alice")).block(TIMEOUT);
		assertThat(plaintext(EncryptedFileTokenStoreTests.storeBytes(directory)))
			.contains("\"format_version\":" + TokenStoreCodec.CONTENTS_FORMAT_VERSION)
			.contains("\"alpha\":{\"alice\":{");
		EncryptedFileTokenStore reopened = EncryptedFileTokenStoreTests.passwordStore(directory,
				EncryptedFileTokenStoreTests.PASSWORD);
		assertEverything010Stored(reopened, TokenKey.of("alpha", "alice"));
		assertThat(reopened.loadToken(TokenKey.of("alpha", "alice")).block(TIMEOUT))
			.isEqualTo(TestTokens.token("alice"));
	}

	@Test
	void encryptedFileWrittenBy010ThenCompareAndDeleteWorksOnTheMigratedToken() throws Exception {
		Path directory = this.temp.resolve("store");
		Files.createDirectories(directory);
		Files.write(directory.resolve(EncryptedFileTokenStore.STORE_FILE_NAME), resource("tokens.enc"));
		EncryptedFileTokenStore store = EncryptedFileTokenStoreTests.passwordStore(directory,
				EncryptedFileTokenStoreTests.PASSWORD);
		assertThat(store.deleteToken(TokenKey.of("alpha"), TestTokens.token("not-alpha")).block(TIMEOUT)).isFalse();
		assertThat(store.deleteToken(TokenKey.of("alpha"), TestTokens.token("alpha")).block(TIMEOUT)).isTrue();
		assertThat(store.tokenKeys().collectList().block(TIMEOUT)).containsExactly(TokenKey.of(SPACES));
		assertThat(store.registrationIssuers("alpha").collectList().block(TIMEOUT)).hasSize(2);
	}

	@Test
	void encryptedFileWhenWrittenByANewerVersionThenRefusedAndLeftUntouched() throws Exception {
		Path directory = this.temp.resolve("store");
		EncryptedFileTokenStore store = EncryptedFileTokenStoreTests.passwordStore(directory,
				EncryptedFileTokenStoreTests.PASSWORD);
		StoreContents contents = new StoreContents();
		contents.putToken(TokenKey.of("alpha"), TestTokens.token("alpha"));
		byte[] newer = new String(TokenStoreCodec.writeContents(contents), StandardCharsets.UTF_8)
			.replace("\"format_version\":" + TokenStoreCodec.CONTENTS_FORMAT_VERSION + ",\"tokens\"",
					"\"format_version\":" + (TokenStoreCodec.CONTENTS_FORMAT_VERSION + 1) + ",\"tokens\"")
			.getBytes(StandardCharsets.UTF_8);
		assertThatExceptionOfType(RuntimeException.class)
			.isThrownBy(() -> TokenStoreCodec.readContents(newer, "file"))
			.withMessageContaining("format version " + (TokenStoreCodec.CONTENTS_FORMAT_VERSION + 1))
			.withMessageContaining("upgrade");
		assertThat(store.tokenKeys().collectList().block(TIMEOUT)).isEmpty();
	}

	@Test
	void keychainWrittenBy010ThenEntriesMovedToTheDefaultPrincipalAndLegacyEntriesRemoved() throws Exception {
		MapKeychain keychain = keychain010();
		assertThat(keychain.entries).containsKeys("tokens/alpha", "tokens/name~20with~20spaces~2Fand~3Acolons");
		KeychainTokenStore store = new KeychainTokenStore(keychain, TestTokens.CLOCK);
		assertEverything010Stored(store);
		assertThat(keychain.entries).containsOnlyKeys("tokens/alpha/default",
				"tokens/name~20with~20spaces~2Fand~3Acolons/default",
				"registrations/alpha/https~3A~2F~2Fas.example.com",
				"registrations/alpha/https~3A~2F~2Fother.example.com~2Ftenant", KeychainTokenStore.INDEX_ACCOUNT);
		assertThat(keychain.entries.get(KeychainTokenStore.INDEX_ACCOUNT)).doesNotContain("\"servers\"")
			.contains("[\"alpha\",\"default\"]");
		assertEverything010Stored(new KeychainTokenStore(keychain, TestTokens.CLOCK));
	}

	@Test
	void keychainWhenA010TokenIsMissingFromTheIndexThenMovedWhenTheDefaultPrincipalReadsIt() throws Exception {
		MapKeychain keychain = keychain010();
		keychain.entries.put(KeychainTokenStore.INDEX_ACCOUNT, "{\"format_version\":1,\"servers\":[\"alpha\"]}");
		KeychainTokenStore store = new KeychainTokenStore(keychain, TestTokens.CLOCK);
		assertThat(store.tokenKeys().collectList().block(TIMEOUT)).containsExactly(TokenKey.of("alpha"));
		assertThat(store.loadToken(TokenKey.of(SPACES)).block(TIMEOUT))
			.isEqualTo(TestTokens.expiredWithRefresh("spaces"));
		assertThat(keychain.entries).doesNotContainKey("tokens/name~20with~20spaces~2Fand~3Acolons")
			.containsKey("tokens/name~20with~20spaces~2Fand~3Acolons/default");
		assertThat(store.tokenKeys().collectList().block(TIMEOUT)).containsExactly(TokenKey.of("alpha"),
				TokenKey.of(SPACES));
	}

	@Test
	void keychainWhenTheLegacyEntryCannotBeRemovedThenTheTokenIsKeptUnderBothAndMovedByTheNextStore() {
		MapKeychain keychain = keychain010();
		FailingDeleteKeychain failing = new FailingDeleteKeychain(keychain);
		KeychainTokenStore store = new KeychainTokenStore(failing, TestTokens.CLOCK);
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> store.loadToken(TokenKey.of("alpha")).block(TIMEOUT));
		assertThat(keychain.entries).as("written under the new account before the old one is removed")
			.containsKeys("tokens/alpha", "tokens/alpha/default");
		assertEverything010Stored(new KeychainTokenStore(keychain, TestTokens.CLOCK));
		assertThat(keychain.entries).doesNotContainKey("tokens/alpha");
	}

	@Test
	void vaultWritten010LayoutThenSecretsMovedToTheDefaultPrincipalAndLegacyPathsRemoved() throws Exception {
		try (FakeVaultServer vault = new FakeVaultServer()) {
			fillVault010(vault);
			VaultTokenStore store = vaultStore(vault);
			try {
				assertEverything010Stored(store);
				assertThat(vault.paths()).containsExactlyInAnyOrder("secret/mcp-oauth/tokens/alpha/default",
						"secret/mcp-oauth/tokens/name~20with~20spaces~2Fand~3Acolons/default",
						"secret/mcp-oauth/registrations/alpha/https~3A~2F~2Fas.example.com",
						"secret/mcp-oauth/registrations/alpha/https~3A~2F~2Fother.example.com~2Ftenant");
				assertThat(vault.requests).anySatisfy((request) -> assertThat(request)
					.startsWith("DELETE /v1/secret/metadata/mcp-oauth/tokens/alpha "));
			}
			finally {
				store.close();
			}
			VaultTokenStore reopened = vaultStore(vault);
			assertEverything010Stored(reopened);
			reopened.close();
		}
	}

	@Test
	void vaultWhenTheDefaultPrincipalHasATokenAlreadyThenTheNewerOneWinsOverThe010One() throws Exception {
		try (FakeVaultServer vault = new FakeVaultServer()) {
			fillVault010(vault);
			OAuthToken newer = TestTokens.token("alpha-newer");
			vault.put("secret", "mcp-oauth/tokens/alpha/default", TokenStoreCodec.tokenToMap(newer));
			VaultTokenStore store = vaultStore(vault);
			assertThat(store.loadToken(TokenKey.of("alpha")).block(TIMEOUT)).isEqualTo(newer);
			assertThat(vault.paths()).doesNotContain("secret/mcp-oauth/tokens/alpha");
			assertThat(vault.versionCount("secret", "mcp-oauth/tokens/alpha/default")).isEqualTo(1);
			store.close();
		}
	}

	private static void assertEverything010Stored(McpOAuthStore store, TokenKey... more) {
		assertThat(store.loadToken(TokenKey.of("alpha")).block(TIMEOUT)).isEqualTo(TestTokens.token("alpha"));
		assertThat(store.loadToken(TokenKey.of(SPACES)).block(TIMEOUT))
			.isEqualTo(TestTokens.expiredWithRefresh("spaces"));
		List<TokenKey> keys = new java.util.ArrayList<>(List.of(TokenKey.of("alpha"), TokenKey.of(SPACES)));
		keys.addAll(List.of(more));
		keys.sort(InMemoryTokenStore.KEY_ORDER);
		assertThat(store.tokenKeys().collectList().block(TIMEOUT)).containsExactlyElementsOf(keys);
		assertThat(store.loadRegistration("alpha", TestTokens.ISSUER).block(TIMEOUT))
			.isEqualTo(TestTokens.registration("alpha", TestTokens.ISSUER));
		assertThat(store.loadRegistration("alpha", OTHER_ISSUER).block(TIMEOUT))
			.isEqualTo(TestTokens.registration("alpha", OTHER_ISSUER));
		assertThat(store.registrationIssuers("alpha").collectList().block(TIMEOUT))
			.containsExactly(TestTokens.ISSUER, OTHER_ISSUER);
	}

	private static MapKeychain keychain010() {
		MapKeychain keychain = new MapKeychain();
		for (String line : new String(resource("keychain.tsv"), StandardCharsets.UTF_8).split("\n")) {
			int tab = line.indexOf('\t');
			keychain.entries.put(line.substring(0, tab), line.substring(tab + 1));
		}
		return keychain;
	}

	/** What 0.1.0's VaultTokenStore wrote: one secret per server, registrations per issuer. */
	private static void fillVault010(FakeVaultServer vault) {
		vault.put("secret", "mcp-oauth/tokens/alpha", TokenStoreCodec.tokenToMap(TestTokens.token("alpha")));
		vault.put("secret", "mcp-oauth/tokens/" + StoreKeys.escape(SPACES),
				TokenStoreCodec.tokenToMap(TestTokens.expiredWithRefresh("spaces")));
		for (String issuer : List.of(TestTokens.ISSUER, OTHER_ISSUER)) {
			vault.put("secret", "mcp-oauth/registrations/alpha/" + StoreKeys.escape(issuer),
					TokenStoreCodec.registrationToMap(TestTokens.registration("alpha", issuer)));
		}
	}

	private static VaultTokenStore vaultStore(FakeVaultServer vault) {
		return (VaultTokenStore) TokenStores.create(
				TokenStoreSettings.defaults()
					.withType(Type.VAULT)
					.withVault(VaultSettings.defaults().withUri(vault.uri()).withToken(FakeVaultServer.ROOT_TOKEN)),
				TestTokens.CLOCK, (name) -> null);
	}

	private static String plaintext(byte[] file) throws Exception {
		Header header = Header.parse(file);
		byte[] master = EncryptedFileFormat.pbkdf2(EncryptedFileTokenStoreTests.PASSWORD.toCharArray(), header.salt(),
				header.iterations());
		return new String(EncryptedFileFormat.decrypt(file, header, EncryptedFileFormat.keys(master, header.salt())),
				StandardCharsets.UTF_8);
	}

	private static byte[] resource(String name) {
		try (InputStream in = StoreMigrationTests.class.getResourceAsStream("/store/v0.1.0/" + name)) {
			assertThat(in).as(name).isNotNull();
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Fails to delete the legacy accounts of 0.1.0, as a keychain that went away would. */
	private static final class FailingDeleteKeychain implements Keychain {

		private final Keychain delegate;

		FailingDeleteKeychain(Keychain delegate) {
			this.delegate = delegate;
		}

		@Override
		public String get(String account) {
			return this.delegate.get(account);
		}

		@Override
		public void set(String account, String secret) {
			this.delegate.set(account, secret);
		}

		@Override
		public void delete(String account) {
			if (account.equals("tokens/alpha")) {
				throw new IllegalStateException("the keychain went away");
			}
			this.delegate.delete(account);
		}

		@Override
		public String description() {
			return "FAILING";
		}

		@Override
		public void close() {
		}

	}

}
