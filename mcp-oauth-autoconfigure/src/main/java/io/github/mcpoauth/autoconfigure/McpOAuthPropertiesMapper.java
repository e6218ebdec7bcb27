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

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import io.github.mcpoauth.authorization.DirectUserAgent;
import io.github.mcpoauth.authorization.LoopbackUserAgent;
import io.github.mcpoauth.authorization.PrintUrlLauncher;
import io.github.mcpoauth.authorization.SystemBrowserLauncher;
import io.github.mcpoauth.authorization.UserAgent;
import io.github.mcpoauth.core.McpServerDefinition;
import io.github.mcpoauth.core.McpServerDefinition.GrantType;
import io.github.mcpoauth.core.WorkloadAssertionSource;
import io.github.mcpoauth.grant.WorkloadAssertions;
import io.github.mcpoauth.store.TokenStoreSettings;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;
import org.springframework.util.StringUtils;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Maps {@link McpOAuthProperties} to the library's objects: the server definitions, the
 * token-store settings and the user agent. Like Spring Boot's
 * {@code OAuth2ClientPropertiesMapper}, it translates and does not check: the properties
 * have been validated when they were bound ({@link McpOAuthProperties#afterPropertiesSet()}),
 * or by the caller that bound them itself ({@link McpOAuthProperties#validate()}).
 *
 * <pre class="code">
 * McpOAuthProperties properties = Binder.get(environment)
 * 	.bindOrCreate(McpOAuthProperties.CONFIG_PREFIX, McpOAuthProperties.class);
 * properties.validate();
 * McpOAuthPropertiesMapper mapper = new McpOAuthPropertiesMapper(properties);
 * McpServerRegistry servers = new McpServerRegistry(mapper.asServerDefinitions());
 * McpOAuthStore store = TokenStores.create(mapper.asTokenStoreSettings());
 * </pre>
 */
public final class McpOAuthPropertiesMapper {

	private final McpOAuthProperties properties;

	/**
	 * @param properties the validated properties
	 */
	public McpOAuthPropertiesMapper(McpOAuthProperties properties) {
		Assert.notNull(properties, "properties cannot be null");
		this.properties = properties;
	}

	/**
	 * @return the definitions of {@code mcp.oauth.servers}, in configuration order
	 */
	public List<McpServerDefinition> asServerDefinitions() {
		List<McpServerDefinition> definitions = new ArrayList<>();
		this.properties.getServers().forEach((name, server) -> definitions.add(asServerDefinition(name, server)));
		return definitions;
	}

	private static McpServerDefinition asServerDefinition(String name, McpOAuthProperties.Server server) {
		URI url = server.getUrl();
		Assert.state(url != null, () -> "mcp.oauth.servers." + name + ".url is not set: validate the properties first");
		McpOAuthProperties.ClientAuthenticationMethod method = server.getClientAuthenticationMethod();
		return McpServerDefinition.builder(name, url)
			.scopes(server.getScopes())
			.grantType(server.getGrantType())
			.clientId(server.getClientId())
			.clientSecret(server.getClientSecret())
			.clientAuthenticationMethod((method != null) ? method.value() : null)
			.clientMetadataUrl(server.getClientMetadataUrl())
			.clientName(server.getClientName())
			.redirectUri(redirectUri(server))
			.resource(server.getResource())
			.issuer(server.getIssuer())
			.dpop(server.getDpop())
			.workloadAssertion((server.getGrantType() == GrantType.WORKLOAD_IDENTITY)
					? workloadAssertion(server.getWorkloadIdentity()) : null)
			.build();
	}

	/**
	 * The redirect URI, with {@code callback-port} (a shorthand) applied to its path.
	 */
	private static URI redirectUri(McpOAuthProperties.Server server) {
		URI redirect = server.getRedirectUri();
		Integer port = server.getCallbackPort();
		if (port == null) {
			return redirect;
		}
		return URI.create("http://127.0.0.1:" + port
				+ (StringUtils.hasText(redirect.getRawPath()) ? redirect.getRawPath() : "/callback"));
	}

	private static @Nullable WorkloadAssertionSource workloadAssertion(McpOAuthProperties.WorkloadIdentity identity) {
		if (identity.getAssertionFile() != null) {
			return WorkloadAssertions.file(identity.getAssertionFile());
		}
		if (StringUtils.hasText(identity.getAssertionEnv())) {
			return WorkloadAssertions.environment(identity.getAssertionEnv());
		}
		if (!identity.getAssertionCommand().isEmpty()) {
			return WorkloadAssertions.command(identity.getAssertionCommand(), identity.getAssertionCommandTimeout());
		}
		return null;
	}

	/**
	 * @return the settings from which {@link io.github.mcpoauth.store.TokenStores} builds the
	 * store of {@code mcp.oauth.storage}
	 */
	public TokenStoreSettings asTokenStoreSettings() {
		McpOAuthProperties.Storage storage = this.properties.getStorage();
		McpOAuthProperties.Storage.File file = storage.getFile();
		McpOAuthProperties.Storage.Keychain keychain = storage.getKeychain();
		McpOAuthProperties.Storage.Vault vault = storage.getVault();
		return new TokenStoreSettings(storage.getType(),
				new TokenStoreSettings.FileSettings(
						(file.getDirectory() != null) ? file.getDirectory()
								: TokenStoreSettings.FileSettings.DEFAULT_DIRECTORY,
						file.getPasswordEnv(), file.getKeyFile()),
				new TokenStoreSettings.KeychainSettings(keychain.getServiceName(), keychain.getProbeTimeout()),
				new TokenStoreSettings.VaultSettings(vault.getUri(), vault.getToken(), vault.getAppRoleId(),
						vault.getAppRoleSecretId(), vault.getAppRolePath(), vault.getMount(), vault.getPathPrefix()));
	}

	/**
	 * @return the user agent of {@code mcp.oauth.user-agent}, or {@code null} when its mode
	 * is {@code none} (new authorizations then fail with {@code INTERACTION_REQUIRED})
	 */
	public @Nullable UserAgent asUserAgent() {
		McpOAuthProperties.UserAgent settings = this.properties.getUserAgent();
		return switch (settings.getMode()) {
			case BROWSER -> loopback(new SystemBrowserLauncher(
					settings.getBrowserCommand().isEmpty() ? null : List.copyOf(settings.getBrowserCommand())),
					settings);
			case PRINT -> loopback(new PrintUrlLauncher(), settings);
			case DIRECT -> {
				// Its own client: the application's connector may follow redirects, and the direct
				// user agent must stop at the redirect to the callback to read the code.
				DirectUserAgent direct = new DirectUserAgent(WebClient.create());
				direct.setTimeout(settings.getCallbackTimeout());
				yield direct;
			}
			case NONE -> null;
		};
	}

	private static LoopbackUserAgent loopback(LoopbackUserAgent.Launcher launcher,
			McpOAuthProperties.UserAgent settings) {
		LoopbackUserAgent userAgent = new LoopbackUserAgent(launcher);
		userAgent.setTimeout(settings.getCallbackTimeout());
		return userAgent;
	}

}
