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

import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.NestedExceptionUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of the validation of {@link McpOAuthProperties}: a wrong value fails the start with
 * an {@link InvalidConfigurationPropertyValueException} that names its full key.
 */
class McpOAuthPropertiesTests {

	private static final String SERVER = "mcp.oauth.servers.sample.";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(McpOAuthAutoConfiguration.class))
		.withPropertyValues("mcp.oauth.storage.type=memory");

	@Test
	void validConfigurationThenStarts() {
		this.contextRunner
			.withPropertyValues(SERVER + "url=https://mcp.example/mcp", SERVER + "client-id=app",
					SERVER + "client-secret=s3cr3t", SERVER + "client-authentication-method=client_secret_post",
					SERVER + "client-metadata-url=https://app.example/oauth/client.json", SERVER + "callback-port=0",
					SERVER + "redirect-uri=http://127.0.0.1:8080/cb", SERVER + "resource=https://mcp.example",
					SERVER + "grant-type=client-credentials", "mcp.oauth.clock-skew=0s")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void serverWithoutUrlThenFailsNamingTheKey() {
		assertInvalid(SERVER + "url", "needs the URL", SERVER + "client-id=app");
	}

	@Test
	void relativeUrlThenFailsNamingTheKey() {
		assertInvalid(SERVER + "url", "absolute http(s) URL", SERVER + "url=/mcp");
	}

	@Test
	void urlWithoutHostThenFailsNamingTheKey() {
		assertInvalid(SERVER + "url", "absolute http(s) URL", SERVER + "url=http:/mcp");
	}

	@Test
	void nonHttpUrlThenFailsNamingTheKey() {
		assertInvalid(SERVER + "url", "absolute http(s) URL", SERVER + "url=ftp://mcp.example/mcp");
	}

	@Test
	void urlWithQueryThenFailsNamingTheKey() {
		assertInvalid(SERVER + "url", "query or a fragment", SERVER + "url=https://mcp.example/mcp?tenant=1");
	}

	@Test
	void urlWithFragmentThenFailsNamingTheKey() {
		assertInvalid(SERVER + "url", "query or a fragment", SERVER + "url=https://mcp.example/mcp#top");
	}

	@Test
	void clientSecretWithoutClientIdThenFailsNamingTheKeyWithoutShowingTheSecret() {
		InvalidConfigurationPropertyValueException ex = assertInvalid(SERVER + "client-id", "client-id it belongs to",
				SERVER + "url=https://mcp.example/mcp", SERVER + "client-secret=very-secret-value");

		assertThat(ex.getMessage()).doesNotContain("very-secret-value");
	}

	@Test
	void clientCredentialsWithoutClientIdThenFailsNamingTheKey() {
		assertInvalid(SERVER + "client-id", "pre-registered client-id", SERVER + "url=https://mcp.example/mcp",
				SERVER + "grant-type=client-credentials");
	}

	@Test
	void crossAppAccessGrantTypeThenFailsNamingTheKey() {
		assertInvalid(SERVER + "grant-type", "in code", SERVER + "url=https://mcp.example/mcp",
				SERVER + "grant-type=cross-app-access");
	}

	@Test
	void unknownClientAuthenticationMethodThenTheStartFails() {
		this.contextRunner
			.withPropertyValues(SERVER + "url=https://mcp.example/mcp", SERVER + "client-id=app",
					SERVER + "client-authentication-method=client_secret_jwt")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("mcp.oauth.servers.sample.client-authentication-method"));
	}

	@Test
	void nonHttpsClientMetadataUrlThenFailsNamingTheKey() {
		assertInvalid(SERVER + "client-metadata-url", "https URL", SERVER + "url=https://mcp.example/mcp",
				SERVER + "client-metadata-url=http://app.example/client.json");
	}

	@Test
	void clientMetadataUrlWithoutPathThenFailsNamingTheKey() {
		assertInvalid(SERVER + "client-metadata-url", "with a path", SERVER + "url=https://mcp.example/mcp",
				SERVER + "client-metadata-url=https://app.example/");
	}

	@Test
	void clientMetadataUrlWithFragmentThenFailsNamingTheKey() {
		assertInvalid(SERVER + "client-metadata-url", "no fragment", SERVER + "url=https://mcp.example/mcp",
				SERVER + "client-metadata-url=https://app.example/client.json#x");
	}

	@Test
	void callbackPortAboveTheRangeThenFailsNamingTheKey() {
		assertInvalid(SERVER + "callback-port", "0 to 65535", SERVER + "url=https://mcp.example/mcp",
				SERVER + "callback-port=65536");
	}

	@Test
	void negativeCallbackPortThenFailsNamingTheKey() {
		assertInvalid(SERVER + "callback-port", "0 to 65535", SERVER + "url=https://mcp.example/mcp",
				SERVER + "callback-port=-1");
	}

	@Test
	void redirectUriOnLocalhostThenFailsNamingTheKey() {
		assertInvalid(SERVER + "redirect-uri", "127.0.0.1", SERVER + "url=https://mcp.example/mcp",
				SERVER + "redirect-uri=http://localhost:8080/callback");
	}

	@Test
	void redirectUriOnAnotherHostThenFailsNamingTheKey() {
		assertInvalid(SERVER + "redirect-uri", "loopback", SERVER + "url=https://mcp.example/mcp",
				SERVER + "redirect-uri=https://app.example/callback");
	}

	@Test
	void relativeResourceThenFailsNamingTheKey() {
		assertInvalid(SERVER + "resource", "absolute URI", SERVER + "url=https://mcp.example/mcp",
				SERVER + "resource=mcp.example/mcp");
	}

	@Test
	void resourceThatIsNoUriThenFailsNamingTheKey() {
		assertInvalid(SERVER + "resource", "absolute URI", SERVER + "url=https://mcp.example/mcp",
				SERVER + "resource=https://mcp example/mcp");
	}

	@Test
	void resourceWithFragmentThenFailsNamingTheKey() {
		assertInvalid(SERVER + "resource", "fragment", SERVER + "url=https://mcp.example/mcp",
				SERVER + "resource=https://mcp.example/mcp#part");
	}

	@Test
	void vaultWithoutUriThenFailsNamingTheKey() {
		assertInvalid("mcp.oauth.storage.vault.uri", "Vault address", "mcp.oauth.storage.type=vault",
				"mcp.oauth.storage.vault.token=hvs.token");
	}

	@Test
	void vaultWithTokenAndAppRoleThenFailsNamingTheKeyWithoutShowingTheToken() {
		InvalidConfigurationPropertyValueException ex = assertInvalid("mcp.oauth.storage.vault.app-role-id",
				"not both or neither", "mcp.oauth.storage.type=vault",
				"mcp.oauth.storage.vault.uri=https://vault.example:8200", "mcp.oauth.storage.vault.token=hvs.secret-token",
				"mcp.oauth.storage.vault.app-role-id=role", "mcp.oauth.storage.vault.app-role-secret-id=secret-id-value");

		assertThat(ex.getMessage()).doesNotContain("hvs.secret-token", "secret-id-value");
	}

	@Test
	void vaultWithNeitherTokenNorAppRoleThenFailsNamingTheKey() {
		assertInvalid("mcp.oauth.storage.vault.app-role-id", "not both or neither", "mcp.oauth.storage.type=vault",
				"mcp.oauth.storage.vault.uri=https://vault.example:8200");
	}

	@Test
	void vaultAppRoleWithoutSecretIdThenFailsNamingTheKey() {
		assertInvalid("mcp.oauth.storage.vault.app-role-secret-id", "secret id", "mcp.oauth.storage.type=vault",
				"mcp.oauth.storage.vault.uri=https://vault.example:8200", "mcp.oauth.storage.vault.app-role-id=role");
	}

	@Test
	void zeroKeychainProbeTimeoutThenFailsNamingTheKey() {
		assertInvalid("mcp.oauth.storage.keychain.probe-timeout", "positive",
				"mcp.oauth.storage.keychain.probe-timeout=0s");
	}

	@Test
	void negativeClockSkewThenFailsNamingTheKey() {
		assertInvalid("mcp.oauth.clock-skew", "zero or a positive duration", "mcp.oauth.clock-skew=-5s");
	}

	@Test
	void zeroCallbackTimeoutThenFailsNamingTheKey() {
		assertInvalid("mcp.oauth.user-agent.callback-timeout", "positive duration",
				"mcp.oauth.user-agent.callback-timeout=0s");
	}

	@Test
	void negativeCallbackTimeoutThenFailsNamingTheKey() {
		assertInvalid("mcp.oauth.user-agent.callback-timeout", "positive duration",
				"mcp.oauth.user-agent.callback-timeout=-1m");
	}

	@Test
	void zeroHttpTimeoutThenFailsNamingTheKey() {
		assertInvalid("mcp.oauth.http.timeout", "positive duration", "mcp.oauth.http.timeout=0s");
	}

	@Test
	void negativeHttpTimeoutThenFailsNamingTheKey() {
		assertInvalid("mcp.oauth.http.timeout", "positive duration", "mcp.oauth.http.timeout=-5s");
	}

	@Test
	void serverToStringThenNeverShowsTheSecret() {
		McpOAuthProperties.Server server = new McpOAuthProperties.Server();
		server.setClientId("app");
		server.setClientSecret("very-secret-value");

		assertThat(server.toString()).doesNotContain("very-secret-value").contains("clientSecret=[redacted]");
	}

	@Test
	void vaultToStringThenNeverShowsTheTokenOrTheSecretId() {
		McpOAuthProperties.Storage.Vault vault = new McpOAuthProperties.Storage.Vault();
		vault.setToken("hvs.secret-token");
		vault.setAppRoleSecretId("secret-id-value");

		assertThat(vault.toString()).doesNotContain("hvs.secret-token", "secret-id-value");
	}

	/**
	 * Starts a context with the properties and checks that it fails because of the key.
	 * @return the exception
	 */
	private InvalidConfigurationPropertyValueException assertInvalid(String key, String reason,
			String... properties) {
		AtomicReference<Throwable> failure = new AtomicReference<>();
		this.contextRunner.withPropertyValues(properties).run((context) -> {
			assertThat(context).hasFailed();
			failure.set(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()));
		});
		assertThat(failure.get()).isInstanceOf(InvalidConfigurationPropertyValueException.class)
			.hasMessageContaining("Property " + key + " ")
			.hasMessageContaining(reason);
		InvalidConfigurationPropertyValueException ex = (InvalidConfigurationPropertyValueException) failure.get();
		assertThat(ex.getName()).isEqualTo(key);
		return ex;
	}

}
