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

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.mcpoauth.store.TokenStoreSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * Tests of the configuration metadata that {@code spring-boot-configuration-processor}
 * generates from {@link McpOAuthProperties} (and merges with
 * {@code additional-spring-configuration-metadata.json}): what an IDE shows for the
 * {@code mcp.oauth} keys.
 */
class McpOAuthConfigurationMetadataTests {

	private static JsonNode metadata;

	@BeforeAll
	static void readMetadata() throws Exception {
		metadata = JsonMapper.builder().build().readTree(Files.readString(metadataFile()));
	}

	@Test
	void everyPropertyHasADescription() {
		List<String> undocumented = new ArrayList<>();
		for (JsonNode property : metadata.get("properties")) {
			JsonNode description = property.get("description");
			if (description == null || description.asString().isBlank()) {
				undocumented.add(property.get("name").asString());
			}
		}

		assertThat(properties()).isNotEmpty();
		assertThat(undocumented).isEmpty();
	}

	@Test
	void mainPropertiesHaveTheirDefaultValues() {
		assertThat(defaults()).contains(entry("mcp.oauth.enabled", "true"), entry("mcp.oauth.clock-skew", "60s"),
				entry("mcp.oauth.storage.type", "auto"), entry("mcp.oauth.storage.keychain.service-name", "mcp-oauth"),
				entry("mcp.oauth.storage.keychain.probe-timeout", "10s"),
				entry("mcp.oauth.storage.vault.app-role-path", "approle"),
				entry("mcp.oauth.storage.vault.mount", "secret"),
				entry("mcp.oauth.storage.vault.path-prefix", "mcp-oauth"), entry("mcp.oauth.user-agent.mode", "browser"),
				entry("mcp.oauth.user-agent.callback-timeout", "5m"), entry("mcp.oauth.http.timeout", "30s"),
				entry("management.health.mcp-oauth.enabled", "true"));
	}

	@Test
	void mainPropertiesAreListed() {
		assertThat(properties()).contains("mcp.oauth.enabled", "mcp.oauth.servers", "mcp.oauth.clock-skew",
				"mcp.oauth.storage.type", "mcp.oauth.storage.file.directory", "mcp.oauth.storage.file.password-env",
				"mcp.oauth.storage.file.key-file", "mcp.oauth.storage.vault.uri", "mcp.oauth.storage.vault.token",
				"mcp.oauth.user-agent.mode", "mcp.oauth.user-agent.browser-command",
				"management.health.mcp-oauth.enabled");
	}

	@Test
	void storageTypeHintsAreTheTypesTheStoreFactoryKnows() {
		Map<String, String> hints = hints("mcp.oauth.storage.type");

		assertThat(hints.keySet()).containsExactlyInAnyOrderElementsOf(
				Arrays.stream(TokenStoreSettings.Type.values()).map(TokenStoreSettings.Type::value).toList());
		assertThat(hints.values()).allSatisfy((description) -> assertThat(description).isNotBlank());
	}

	@Test
	void userAgentModeHintsAreTheModes() {
		Map<String, String> hints = hints("mcp.oauth.user-agent.mode");

		assertThat(hints.keySet()).containsExactlyInAnyOrderElementsOf(
				Arrays.stream(McpOAuthProperties.UserAgent.Mode.values())
					.map((mode) -> mode.name().toLowerCase(Locale.ROOT))
					.toList());
		assertThat(hints.values()).allSatisfy((description) -> assertThat(description).isNotBlank());
	}

	private static List<String> properties() {
		List<String> names = new ArrayList<>();
		metadata.get("properties").forEach((property) -> names.add(property.get("name").asString()));
		return names;
	}

	private static Map<String, String> defaults() {
		Map<String, String> defaults = new LinkedHashMap<>();
		for (JsonNode property : metadata.get("properties")) {
			JsonNode value = property.get("defaultValue");
			if (value != null && !value.isNull()) {
				defaults.put(property.get("name").asString(), value.asString());
			}
		}
		return defaults;
	}

	private static Map<String, String> hints(String name) {
		Map<String, String> values = new LinkedHashMap<>();
		for (JsonNode hint : metadata.get("hints")) {
			if (name.equals(hint.get("name").asString())) {
				hint.get("values").forEach((value) -> values.put(value.get("value").asString(),
						(value.get("description") != null) ? value.get("description").asString() : ""));
			}
		}
		return values;
	}

	/**
	 * The metadata of this module's own classes (other jars on the class path have theirs).
	 */
	private static Path metadataFile() throws URISyntaxException {
		Path classes = Path.of(McpOAuthProperties.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		Path file = classes.resolve("META-INF/spring-configuration-metadata.json");
		assertThat(file).as("generated by spring-boot-configuration-processor").exists();
		return file;
	}

}
