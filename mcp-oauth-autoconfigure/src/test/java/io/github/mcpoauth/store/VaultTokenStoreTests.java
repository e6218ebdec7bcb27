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
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.mcpoauth.core.McpOAuthErrorCode;
import io.github.mcpoauth.core.McpOAuthException;
import io.github.mcpoauth.store.TokenStoreSettings.Type;
import io.github.mcpoauth.store.TokenStoreSettings.VaultSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link VaultTokenStore} built by {@link TokenStores} with Spring Vault, against
 * {@link FakeVaultServer} (Vault's KV v2 HTTP API); {@link VaultTokenStoreContainerTests}
 * runs against a real Vault where Docker is available.
 */
class VaultTokenStoreTests extends TokenStoreContractTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private FakeVaultServer vault;

	private final List<VaultTokenStore> opened = new ArrayList<>();

	@BeforeEach
	void startVault() throws IOException {
		this.vault = new FakeVaultServer();
	}

	@AfterEach
	void stopVault() {
		this.opened.forEach(VaultTokenStore::close);
		this.vault.close();
	}

	@Override
	VaultTokenStore createStore() {
		return create(VaultSettings.defaults().withUri(this.vault.uri()).withToken(FakeVaultServer.ROOT_TOKEN));
	}

	private VaultTokenStore create(VaultSettings settings) {
		McpOAuthStore store = TokenStores.create(TokenStoreSettings.defaults().withType(Type.VAULT).withVault(settings),
				TestTokens.CLOCK, (name) -> null);
		assertThat(store).isInstanceOf(VaultTokenStore.class);
		this.opened.add((VaultTokenStore) store);
		return (VaultTokenStore) store;
	}

	@Test
	void backendNameIsVault() {
		assertThat(createStore().backendName()).isEqualTo("vault");
	}

	@Test
	void saveTokenThenWrittenAsKvV2SecretUnderMountDataAndPrefixWithTheToken() {
		createStore().saveToken(TokenKey.of("alpha"), TestTokens.token("alpha")).block(TIMEOUT);
		Map<String, Object> data = this.vault.data("secret", "mcp-oauth/tokens/alpha/default");
		assertThat(data).containsEntry("access_token", TestTokens.accessToken("alpha"))
			.containsEntry("refresh_token", TestTokens.refreshToken("alpha"))
			.containsEntry("format_version", 1);
		assertThat(this.vault.requests).anySatisfy((request) -> assertThat(request)
			.matches("(POST|PUT) /v1/secret/data/mcp-oauth/tokens/alpha/default token=" + FakeVaultServer.ROOT_TOKEN));
	}

	@Test
	void saveRegistrationThenOneSecretPerServerAndIssuer() {
		createStore().saveRegistration("alpha", TestTokens.registration("alpha", "https://as.example.com"))
			.block(TIMEOUT);
		assertThat(this.vault.paths())
			.containsExactly("secret/mcp-oauth/registrations/alpha/https~3A~2F~2Fas.example.com");
		assertThat(this.vault.data("secret", "mcp-oauth/registrations/alpha/https~3A~2F~2Fas.example.com"))
			.containsEntry("client_secret", TestTokens.clientSecret("alpha"))
			.containsEntry("issuer", "https://as.example.com");
	}

	@Test
	void saveTokenWhenSavedTwiceThenVaultKeepsTwoVersionsAndLoadReturnsTheLatest() {
		VaultTokenStore store = createStore();
		store.saveToken(TokenKey.of("alpha"), TestTokens.token("alpha")).block(TIMEOUT);
		store.saveToken(TokenKey.of("alpha"), TestTokens.token("alpha").withScopes(Set.of("v2"))).block(TIMEOUT);
		assertThat(this.vault.versionCount("secret", "mcp-oauth/tokens/alpha/default")).isEqualTo(2);
		assertThat(store.loadToken(TokenKey.of("alpha")).block(TIMEOUT).scopes()).containsExactly("v2");
	}

	@Test
	void deleteTokenThenEveryVersionIsRemovedThroughTheMetadataEndpoint() {
		VaultTokenStore store = createStore();
		store.saveToken(TokenKey.of("alpha"), TestTokens.token("alpha")).block(TIMEOUT);
		store.saveToken(TokenKey.of("alpha"), TestTokens.token("alpha")).block(TIMEOUT);
		assertThat(store.deleteToken(TokenKey.of("alpha")).block(TIMEOUT)).isTrue();
		assertThat(this.vault.versionCount("secret", "mcp-oauth/tokens/alpha/default")).isZero();
		assertThat(this.vault.requests).anySatisfy((request) -> assertThat(request)
			.startsWith("DELETE /v1/secret/metadata/mcp-oauth/tokens/alpha/default "));
	}

	@Test
	void deleteTokenWithExpectedThenSoftDeletesTheVersionItReadAndANewerOneStays() {
		VaultTokenStore first = createStore();
		VaultTokenStore second = createStore();
		TokenKey alpha = TokenKey.of("alpha");
		first.saveToken(alpha, TestTokens.token("alpha")).block(TIMEOUT);
		second.saveToken(alpha, TestTokens.token("alpha-refreshed")).block(TIMEOUT);
		assertThat(first.deleteToken(alpha, TestTokens.token("alpha")).block(TIMEOUT)).isFalse();
		assertThat(first.deleteToken(alpha, TestTokens.token("alpha-refreshed")).block(TIMEOUT)).isTrue();
		assertThat(this.vault.requests).anySatisfy((request) -> assertThat(request)
			.matches("(POST|PUT) /v1/secret/delete/mcp-oauth/tokens/alpha/default token=.*"));
		assertThat(second.loadToken(alpha).blockOptional(TIMEOUT)).isEmpty();
		second.saveToken(alpha, TestTokens.token("alpha-again")).block(TIMEOUT);
		assertThat(first.loadToken(alpha).block(TIMEOUT)).isEqualTo(TestTokens.token("alpha-again"));
	}

	@Test
	void deleteTokenWithExpectedWhenAnotherProcessWritesBetweenTheReadAndTheDeleteThenItsTokenStays() {
		VaultTokenStore store = createStore();
		TokenKey alpha = TokenKey.of("alpha");
		store.saveToken(alpha, TestTokens.token("alpha")).block(TIMEOUT);
		this.vault.beforeDeleteVersions = () -> this.vault.put("secret", "mcp-oauth/tokens/alpha/default",
				TokenStoreCodec.tokenToMap(TestTokens.token("alpha-refreshed")));
		assertThat(store.deleteToken(alpha, TestTokens.token("alpha")).block(TIMEOUT)).isTrue();
		assertThat(store.loadToken(alpha).block(TIMEOUT)).isEqualTo(TestTokens.token("alpha-refreshed"));
	}

	@Test
	void loadTokenWhenExpiredWithoutRefreshTokenThenOnlyThatVersionIsDeleted() {
		VaultTokenStore store = createStore();
		TokenKey stale = TokenKey.of("stale");
		store.saveToken(stale, TestTokens.expiredWithoutRefresh("stale")).block(TIMEOUT);
		this.vault.beforeDeleteVersions = () -> this.vault.put("secret", "mcp-oauth/tokens/stale/default",
				TokenStoreCodec.tokenToMap(TestTokens.token("stale")));
		assertThat(store.loadToken(stale).blockOptional(TIMEOUT)).isEmpty();
		assertThat(store.loadToken(stale).block(TIMEOUT)).isEqualTo(TestTokens.token("stale"));
	}

	@Test
	void tokenKeysThenListsTheTokensFolderThroughMetadata() {
		VaultTokenStore store = createStore();
		store.saveToken(TokenKey.of("beta"), TestTokens.token("beta")).block(TIMEOUT);
		store.saveToken(TokenKey.of("a/b"), TestTokens.token("a/b")).block(TIMEOUT);
		store.saveRegistration("gamma", TestTokens.registration("gamma", TestTokens.ISSUER)).block(TIMEOUT);
		assertThat(store.tokenKeys().map(TokenKey::serverName).collectList().block(TIMEOUT)).containsExactly("a/b", "beta");
		assertThat(this.vault.requests).anySatisfy((request) -> assertThat(request)
			.matches("(LIST /v1/secret/metadata/mcp-oauth/tokens/|GET /v1/secret/metadata/mcp-oauth/tokens/\\?list=true) .*"));
	}

	@Test
	void tokenKeysWhenNothingStoredThenEmpty() {
		assertThat(createStore().tokenKeys().map(TokenKey::serverName).collectList().block(TIMEOUT)).isEmpty();
	}

	@Test
	void saveTokenWhenCustomMountAndPrefixThenWrittenThere() {
		this.vault.mount("kv-team");
		VaultTokenStore store = create(VaultSettings.defaults()
			.withUri(this.vault.uri())
			.withToken(FakeVaultServer.ROOT_TOKEN)
			.withLocation("/kv-team/", "apps/agent-7/"));
		store.saveToken(TokenKey.of("alpha"), TestTokens.token("alpha")).block(TIMEOUT);
		assertThat(this.vault.paths()).containsExactly("kv-team/apps/agent-7/tokens/alpha/default");
		assertThat(store.loadToken(TokenKey.of("alpha")).block(TIMEOUT)).isEqualTo(TestTokens.token("alpha"));
	}

	@Test
	void loadTokenWhenVaultTokenInvalidThenFailsWithPermissionDeniedAndWithoutTheToken() {
		VaultTokenStore store = create(
				VaultSettings.defaults().withUri(this.vault.uri()).withToken("hvs.WRONG-SECRET-TOKEN"));
		assertThatExceptionOfType(McpOAuthException.class).isThrownBy(() -> store.loadToken(TokenKey.of("alpha")).block(TIMEOUT))
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(McpOAuthErrorCode.STORAGE_FAILED))
			.withMessageContaining("permission denied")
			.withMessageContaining("vault:secret/mcp-oauth/tokens/alpha/default")
			.withMessageNotContaining("WRONG-SECRET");
	}

	@Test
	void saveTokenWhenMountDoesNotExistThenFailsWithVaultsMessage() {
		VaultTokenStore store = create(VaultSettings.defaults()
			.withUri(this.vault.uri())
			.withToken(FakeVaultServer.ROOT_TOKEN)
			.withLocation("nope", "mcp-oauth"));
		assertThatExceptionOfType(McpOAuthException.class)
			.isThrownBy(() -> store.saveToken(TokenKey.of("alpha"), TestTokens.token("alpha")).block(TIMEOUT))
			.withMessageContaining("no handler for route");
	}

	@Test
	void loadTokenWhenVaultUnreachableThenFailsSayingWhereItTried() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		VaultTokenStore store = create(VaultSettings.defaults()
			.withUri(URI.create("http://127.0.0.1:" + closedPort))
			.withToken(FakeVaultServer.ROOT_TOKEN));
		assertThatExceptionOfType(McpOAuthException.class).isThrownBy(() -> store.loadToken(TokenKey.of("alpha")).block(TIMEOUT))
			.withMessageContaining("Could not read vault:secret/mcp-oauth/tokens/alpha/default in Vault")
			.withMessageNotContaining(FakeVaultServer.ROOT_TOKEN);
	}

	@Test
	void saveTokenWhenAppRoleThenLogsInAndUsesTheIssuedTokenAndRevokesItOnClose() {
		this.vault.appRole("role-123", "secret-456");
		VaultTokenStore store = create(
				VaultSettings.defaults().withUri(this.vault.uri()).withAppRole("role-123", "secret-456"));
		store.saveToken(TokenKey.of("alpha"), TestTokens.token("alpha")).block(TIMEOUT);
		assertThat(store.loadToken(TokenKey.of("alpha")).block(TIMEOUT)).isEqualTo(TestTokens.token("alpha"));
		assertThat(this.vault.requests).first().asString().startsWith("POST /v1/auth/approle/login");
		assertThat(this.vault.requests).filteredOn((request) -> request.contains("/secret/data/"))
			.allSatisfy((request) -> assertThat(request).contains("token=hvs.approle-"));
		store.close();
		assertThat(this.vault.revokedTokens).singleElement().asString().startsWith("hvs.approle-");
	}

	@Test
	void saveTokenWhenAppRoleSecretIdWrongThenFailsWithoutTheSecretId() {
		this.vault.appRole("role-123", "secret-456");
		VaultTokenStore store = create(
				VaultSettings.defaults().withUri(this.vault.uri()).withAppRole("role-123", "WRONG-SECRET-ID"));
		assertThatExceptionOfType(McpOAuthException.class)
			.isThrownBy(() -> store.saveToken(TokenKey.of("alpha"), TestTokens.token("alpha")).block(TIMEOUT))
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(McpOAuthErrorCode.STORAGE_FAILED))
			.withMessageContaining("invalid role or secret ID")
			.withMessageNotContaining("WRONG-SECRET-ID");
		assertThat(this.vault.paths()).isEmpty();
	}

}
