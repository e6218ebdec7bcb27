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
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

import io.github.mcpoauth.core.McpOAuthErrorCode;
import io.github.mcpoauth.core.McpOAuthException;
import io.github.mcpoauth.store.TokenStoreSettings.VaultSettings;

import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.util.StringUtils;
import org.springframework.vault.authentication.AppRoleAuthentication;
import org.springframework.vault.authentication.AppRoleAuthenticationOptions;
import org.springframework.vault.authentication.AppRoleAuthenticationOptions.RoleId;
import org.springframework.vault.authentication.AppRoleAuthenticationOptions.SecretId;
import org.springframework.vault.authentication.LifecycleAwareSessionManager;
import org.springframework.vault.authentication.SimpleSessionManager;
import org.springframework.vault.authentication.TokenAuthentication;
import org.springframework.vault.client.VaultClients;
import org.springframework.vault.client.VaultEndpoint;
import org.springframework.vault.core.VaultTemplate;
import org.springframework.web.client.RestTemplate;

/**
 * Builds a {@link VaultTokenStore} from {@link VaultSettings}. Kept apart from
 * {@link TokenStores} so that class loads without Spring Vault on the classpath.
 *
 * <p>Token authentication uses the token as given. AppRole authentication logs in with the
 * role id and secret id and renews or logs in again before the token expires
 * ({@link LifecycleAwareSessionManager}); closing the store revokes that token.
 */
final class VaultTokenStores {

	private VaultTokenStores() {
	}

	static VaultTokenStore create(VaultSettings settings, Clock clock) {
		URI uri = settings.uri();
		if (uri == null) {
			throw new McpOAuthException(McpOAuthErrorCode.INVALID_CONFIGURATION,
					"vault.uri is not set: set it to the Vault address, for example https://vault.example.com:8200");
		}
		boolean token = StringUtils.hasText(settings.token());
		boolean appRole = StringUtils.hasText(settings.appRoleId()) || StringUtils.hasText(settings.appRoleSecretId());
		if (token == appRole) {
			throw new McpOAuthException(McpOAuthErrorCode.INVALID_CONFIGURATION,
					"Set either vault.token, or vault.app-role-id and vault.app-role-secret-id (exactly one way to"
							+ " authenticate to Vault)");
		}
		if (appRole && !(StringUtils.hasText(settings.appRoleId()) && StringUtils.hasText(settings.appRoleSecretId()))) {
			throw new McpOAuthException(McpOAuthErrorCode.INVALID_CONFIGURATION,
					"AppRole authentication needs both vault.app-role-id and vault.app-role-secret-id");
		}
		VaultEndpoint endpoint = VaultEndpoint.from(uri);
		JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(10))
			.build());
		requestFactory.setReadTimeout(Duration.ofSeconds(30));
		if (token) {
			VaultTemplate template = new VaultTemplate(endpoint, requestFactory,
					new SimpleSessionManager(new TokenAuthentication(Objects.requireNonNull(settings.token()))));
			return new VaultTokenStore(template, settings.mount(), settings.pathPrefix(), clock, null);
		}
		// RestOperations, not RestClient: with Spring Vault 4.0.3 a RestClient from
		// RestClientBuilder sent the AppRole login without its body (see VaultTokenStoreTests)
		RestTemplate restOperations = VaultClients.createRestTemplate(endpoint, requestFactory);
		AppRoleAuthenticationOptions options = AppRoleAuthenticationOptions.builder()
			.path(settings.appRolePath())
			.roleId(RoleId.provided(Objects.requireNonNull(settings.appRoleId())))
			.secretId(SecretId.provided(Objects.requireNonNull(settings.appRoleSecretId())))
			.build();
		ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
		scheduler.setThreadNamePrefix("mcp-oauth-vault-");
		scheduler.setDaemon(true);
		scheduler.initialize();
		LifecycleAwareSessionManager sessionManager = new LifecycleAwareSessionManager(
				new AppRoleAuthentication(options, restOperations), scheduler, restOperations);
		VaultTemplate template = new VaultTemplate(endpoint, requestFactory, sessionManager);
		return new VaultTokenStore(template, settings.mount(), settings.pathPrefix(), clock, () -> {
			try {
				// VaultTemplate destroys only session managers it created itself
				sessionManager.destroy();
			}
			finally {
				scheduler.shutdown();
			}
		});
	}

}
