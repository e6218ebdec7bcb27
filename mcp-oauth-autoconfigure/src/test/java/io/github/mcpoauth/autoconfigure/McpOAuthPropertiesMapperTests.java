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
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.github.mcpoauth.authorization.LoopbackUserAgent;
import io.github.mcpoauth.core.McpServerDefinition;
import io.github.mcpoauth.core.McpServerDefinition.GrantType;
import io.github.mcpoauth.store.TokenStoreSettings;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of {@link McpOAuthPropertiesMapper}, without an application context: the properties
 * bound with a {@link Binder}, as the command line's fast paths bind them.
 */
class McpOAuthPropertiesMapperTests {

	@Test
	void serversThenDefinitionsInConfigurationOrderWithTheirSettings() {
		McpOAuthProperties properties = bind(Map.of("mcp.oauth.servers.b.url", "https://b.example/mcp",
				"mcp.oauth.servers.b.client-id", "app", "mcp.oauth.servers.b.client-secret", "s3cr3t",
				"mcp.oauth.servers.b.client-authentication-method", "client_secret_post",
				"mcp.oauth.servers.b.callback-port", "8765", "mcp.oauth.servers.b.grant-type", "client-credentials"));

		List<McpServerDefinition> definitions = new McpOAuthPropertiesMapper(properties).asServerDefinitions();

		assertThat(definitions).singleElement().satisfies((definition) -> {
			assertThat(definition.name()).isEqualTo("b");
			assertThat(definition.url()).isEqualTo(URI.create("https://b.example/mcp"));
			assertThat(definition.grantType()).isEqualTo(GrantType.CLIENT_CREDENTIALS);
			assertThat(definition.clientAuthenticationMethod()).isEqualTo("client_secret_post");
			assertThat(definition.redirectUri()).isEqualTo(URI.create("http://127.0.0.1:8765/callback"));
		});
	}

	@Test
	void workloadIdentityThenTheDefinitionReadsTheAssertionFromTheConfiguredSource() {
		McpOAuthProperties properties = bind(Map.of("mcp.oauth.servers.w.url", "https://w.example/mcp",
				"mcp.oauth.servers.w.client-id", "workload", "mcp.oauth.servers.w.grant-type", "workload-identity",
				"mcp.oauth.servers.w.workload-identity.assertion-env", "WORKLOAD_TOKEN"));

		McpServerDefinition definition = new McpOAuthPropertiesMapper(properties).asServerDefinitions().get(0);

		assertThat(definition.workloadAssertion()).isNotNull();
	}

	@Test
	void storageThenTheTokenStoreSettingsOfTheBoundType() {
		McpOAuthProperties properties = bind(Map.of("mcp.oauth.storage.type", "encrypted_file",
				"mcp.oauth.storage.file.directory", "/tmp/mcp-oauth-mapper", "mcp.oauth.storage.keychain.service-name",
				"svc"));

		TokenStoreSettings settings = new McpOAuthPropertiesMapper(properties).asTokenStoreSettings();

		assertThat(settings.type()).isEqualTo(TokenStoreSettings.Type.ENCRYPTED_FILE);
		assertThat(settings.file().directory()).isEqualTo(Path.of("/tmp/mcp-oauth-mapper"));
		assertThat(settings.keychain().serviceName()).isEqualTo("svc");
	}

	@Test
	void defaultsThenAutoStorageInTheHomeDirectoryAndABrowserUserAgent() {
		McpOAuthPropertiesMapper mapper = new McpOAuthPropertiesMapper(bind(Map.of()));

		assertThat(mapper.asTokenStoreSettings().type()).isEqualTo(TokenStoreSettings.Type.AUTO);
		assertThat(mapper.asTokenStoreSettings().file().directory())
			.isEqualTo(TokenStoreSettings.FileSettings.DEFAULT_DIRECTORY);
		assertThat(mapper.asUserAgent()).isInstanceOf(LoopbackUserAgent.class);
	}

	@Test
	void userAgentModeNoneThenNoUserAgent() {
		assertThat(new McpOAuthPropertiesMapper(bind(Map.of("mcp.oauth.user-agent.mode", "none"))).asUserAgent())
			.isNull();
	}

	private static McpOAuthProperties bind(Map<String, String> values) {
		McpOAuthProperties properties = new Binder(new MapConfigurationPropertySource(values))
			.bindOrCreate(McpOAuthProperties.CONFIG_PREFIX, McpOAuthProperties.class);
		properties.validate();
		return properties;
	}

}
