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

package io.github.mcpoauth.core;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link McpServerDefinition}.
 */
class McpServerDefinitionTests {

	private static final URI URL = URI.create("https://mcp.example/mcp");

	@Test
	void builderThenHasTheDocumentedDefaults() {
		McpServerDefinition server = McpServerDefinition.builder("files", URL).build();

		assertThat(server.grantType()).isEqualTo(McpServerDefinition.GrantType.AUTHORIZATION_CODE);
		assertThat(server.redirectUri()).isEqualTo(McpServerDefinition.DEFAULT_REDIRECT_URI);
		assertThat(server.scopes()).isEmpty();
		assertThat(server.clientId()).isNull();
		assertThat(server.clientName()).isEqualTo("mcp-oauth");
	}

	@Test
	void toStringThenNeverShowsTheSecretOrThePrivateKey() {
		McpServerDefinition server = McpServerDefinition.builder("files", URL)
			.clientId("app")
			.clientSecret("super-secret-value")
			.clientPrivateKey("-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg\n-----END PRIVATE KEY-----",
					"ES256")
			.build();

		assertThat(server.toString()).doesNotContain("super-secret-value")
			.doesNotContain("MIGHAgEAMBMGByqGSM49")
			.contains("clientSecret=[redacted]")
			.contains("clientPrivateKey=[redacted]")
			.contains("clientId=app");
	}

	@Test
	void toStringWhenNoSecretThenSaysSo() {
		assertThat(McpServerDefinition.builder("files", URL).build().toString()).contains("clientSecret=[none]")
			.contains("clientPrivateKey=[none]");
	}

	@Test
	void crossAppAccessToStringThenNeverShowsTheIdTokenOrTheSecret() {
		McpServerDefinition.CrossAppAccess crossApp = new McpServerDefinition.CrossAppAccess(
				URI.create("https://idp.example/token"), "eyJ.id-token.value", "idp-client", "idp-secret-value");
		McpServerDefinition server = McpServerDefinition.builder("files", URL)
			.grantType(McpServerDefinition.GrantType.CROSS_APP_ACCESS)
			.crossApp(crossApp)
			.build();

		assertThat(crossApp.toString()).doesNotContain("eyJ.id-token.value").doesNotContain("idp-secret-value");
		assertThat(server.toString()).doesNotContain("eyJ.id-token.value").doesNotContain("idp-secret-value");
	}

	@Test
	void buildWhenCrossAppAccessWithoutSettingsThenRejects() {
		assertThatIllegalArgumentException().isThrownBy(() -> McpServerDefinition.builder("files", URL)
			.grantType(McpServerDefinition.GrantType.CROSS_APP_ACCESS)
			.build());
	}

	@Test
	void buildWhenUrlIsRelativeThenRejects() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> McpServerDefinition.builder("files", URI.create("/mcp")).build());
	}

	@Test
	void buildWhenScopesChangeAfterwardsThenTheDefinitionDoesNot() {
		Set<String> scopes = new LinkedHashSet<>(Set.of("a"));
		McpServerDefinition server = McpServerDefinition.builder("files", URL).scopes(scopes).build();

		scopes.add("b");

		assertThat(server.scopes()).containsExactly("a");
	}

	@Test
	void mutateThenCopiesEveryValue() {
		McpServerDefinition server = McpServerDefinition.builder("files", URL)
			.clientId("app")
			.clientSecret("s")
			.clientAuthenticationMethod("client_secret_post")
			.clientMetadataUrl("https://app.example/client.json")
			.clientName("App")
			.redirectUri(URI.create("http://127.0.0.1:8080/cb"))
			.resource("https://mcp.example")
			.scopes(Set.of("a"))
			.build();

		assertThat(server.mutate().build()).isEqualTo(server).hasSameHashCodeAs(server);
		assertThat(server.mutate().clientId("other").build().clientSecret()).isEqualTo("s");
	}

	@Test
	void equalsWhenOneValueDiffersThenNotEqual() {
		McpServerDefinition server = McpServerDefinition.builder("files", URL).clientId("app").build();

		assertThat(server.mutate().clientId("other").build()).isNotEqualTo(server);
		assertThat(server.mutate().dpop(McpServerDefinition.DPoPMode.OFF).build()).isNotEqualTo(server);
		assertThat(McpServerDefinition.builder("files", URL).clientId("app").build()).isEqualTo(server);
	}

	@Test
	void buildWhenTheNameIsEmptyThenRejects() {
		assertThatIllegalArgumentException().isThrownBy(() -> McpServerDefinition.builder("", URL).build())
			.withMessageContaining("name");
	}

}
