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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.mcpoauth.store.TokenStoreSettings.Type;
import io.github.mcpoauth.store.TokenStoreSettings.VaultSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.vault.VaultContainer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link VaultTokenStore} against a real HashiCorp Vault (dev mode, KV v2 at {@code secret/})
 * in a container. Skipped, with Testcontainers' reason, where no Docker engine is
 * available.
 */
@Testcontainers(disabledWithoutDocker = true)
class VaultTokenStoreContainerTests extends TokenStoreContractTests {

	private static final String ROOT_TOKEN = "root-token-for-tests";

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	@Container
	static final VaultContainer<?> vault = new VaultContainer<>(DockerImageName.parse("hashicorp/vault:1.20"))
		.withVaultToken(ROOT_TOKEN);

	private final List<VaultTokenStore> opened = new ArrayList<>();

	private static int prefixes;

	@AfterEach
	void closeStores() {
		this.opened.forEach(VaultTokenStore::close);
	}

	@Override
	McpOAuthStore createStore() {
		return create(VaultSettings.defaults()
			.withUri(URI.create(vault.getHttpHostAddress()))
			.withToken(ROOT_TOKEN)
			.withLocation("secret", "mcp-oauth-test-" + (++prefixes)));
	}

	private VaultTokenStore create(VaultSettings settings) {
		VaultTokenStore store = (VaultTokenStore) TokenStores.create(
				TokenStoreSettings.defaults().withType(Type.VAULT).withVault(settings), TestTokens.CLOCK,
				(name) -> null);
		this.opened.add(store);
		return store;
	}

	@Test
	void saveTokenWhenAppRoleWithAPolicyForThePrefixThenRoundTrips() throws Exception {
		String policy = "path \\\"secret/data/mcp-oauth-approle/*\\\" { capabilities = [\\\"create\\\", \\\"read\\\","
				+ " \\\"update\\\", \\\"delete\\\"] }\n"
				+ "path \\\"secret/metadata/mcp-oauth-approle/*\\\" { capabilities = [\\\"list\\\", \\\"read\\\","
				+ " \\\"delete\\\"] }\n"
				+ "path \\\"secret/delete/mcp-oauth-approle/*\\\" { capabilities = [\\\"update\\\"] }";
		vault("vault auth enable approle || true");
		vault("printf \"" + policy + "\" | vault policy write mcp-oauth -");
		vault("vault write auth/approle/role/mcp-oauth token_policies=mcp-oauth token_ttl=10m");
		String roleId = vault("vault read -field=role_id auth/approle/role/mcp-oauth/role-id").trim();
		String secretId = vault("vault write -f -field=secret_id auth/approle/role/mcp-oauth/secret-id").trim();

		VaultTokenStore store = create(VaultSettings.defaults()
			.withUri(URI.create(vault.getHttpHostAddress()))
			.withAppRole(roleId, secretId)
			.withLocation("secret", "mcp-oauth-approle"));
		store.saveToken(TokenKey.of("alpha"), TestTokens.token("alpha")).block(TIMEOUT);
		store.saveRegistration("alpha", TestTokens.registration("alpha", TestTokens.ISSUER)).block(TIMEOUT);
		assertThat(store.loadToken(TokenKey.of("alpha")).block(TIMEOUT)).isEqualTo(TestTokens.token("alpha"));
		assertThat(store.tokenKeys().map(TokenKey::serverName).collectList().block(TIMEOUT)).containsExactly("alpha");
		assertThat(store.deleteToken(TokenKey.of("alpha"), TestTokens.token("other")).block(TIMEOUT)).isFalse();
		assertThat(store.deleteToken(TokenKey.of("alpha"), TestTokens.token("alpha")).block(TIMEOUT)).isTrue();
		assertThat(store.loadToken(TokenKey.of("alpha")).blockOptional(TIMEOUT)).isEmpty();
		store.saveToken(TokenKey.of("alpha"), TestTokens.token("alpha")).block(TIMEOUT);
		assertThat(store.deleteToken(TokenKey.of("alpha")).block(TIMEOUT)).isTrue();
		assertThat(vault("vault kv get -format=json secret/mcp-oauth-approle/tokens/alpha/default || true"))
			.doesNotContain(TestTokens.accessToken("alpha"));
	}

	private static String vault(String command) throws Exception {
		ExecResult result = vault.execInContainer("sh", "-c",
				"VAULT_ADDR=http://127.0.0.1:8200 VAULT_TOKEN=" + ROOT_TOKEN + " " + command);
		assertThat(result.getExitCode()).as(result.getStderr()).isZero();
		return result.getStdout();
	}

}
