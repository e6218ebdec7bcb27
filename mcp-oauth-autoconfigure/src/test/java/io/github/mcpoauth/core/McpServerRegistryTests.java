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
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.github.mcpoauth.testsupport.McpOAuthAssertions.expectThrown;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link McpServerRegistry}.
 */
class McpServerRegistryTests {

	@Test
	void matchWhenRequestUrlIsTheServerUrlThenMatches() {
		McpServerRegistry registry = registry(server("sample", "http://127.0.0.1:9003/mcp"));

		assertThat(registry.match(URI.create("http://127.0.0.1:9003/mcp"))).extracting(McpServerDefinition::name)
			.isEqualTo("sample");
	}

	@Test
	void matchWhenRequestPathIsBelowTheServerPathThenMatches() {
		McpServerRegistry registry = registry(server("sample", "http://127.0.0.1:9003/mcp"));

		assertThat(registry.match(URI.create("http://127.0.0.1:9003/mcp/session/1?x=y"))).isNotNull();
		assertThat(registry.match(URI.create("http://127.0.0.1:9003/mcp/"))).isNotNull();
	}

	@Test
	void matchWhenRequestPathOnlySharesACharacterPrefixThenNoMatch() {
		McpServerRegistry registry = registry(server("sample", "http://127.0.0.1:9003/mcp"));

		assertThat(registry.match(URI.create("http://127.0.0.1:9003/mcpx"))).isNull();
		assertThat(registry.match(URI.create("http://127.0.0.1:9003/mc"))).isNull();
		assertThat(registry.match(URI.create("http://127.0.0.1:9003/"))).isNull();
	}

	@Test
	void matchWhenRequestPathLeavesTheServerPathThroughDotSegmentsThenNoMatch() {
		McpServerRegistry registry = registry(server("sample", "http://127.0.0.1:9003/mcp"));

		assertThat(registry.match(URI.create("http://127.0.0.1:9003/mcp/../admin"))).isNull();
		assertThat(registry.match(URI.create("http://127.0.0.1:9003/mcp/./../mcpx"))).isNull();
		assertThat(registry.match(URI.create("http://127.0.0.1:9003/mcp/tools/../session"))).isNotNull();
		assertThat(registry.match(URI.create("http://127.0.0.1:9003/other/../mcp"))).isNotNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "/mcp/%2e%2e/admin", "/mcp/%2E%2E/admin", "/mcp/.%2e/admin", "/mcp/%2e./admin",
			"/mcp/%2e", "/mcp/file%2etxt", "/mcp%2f..%2fadmin", "/mcp/x%2Fy", "/mcp/..%5cadmin", "/mcp/%5C",
			"/mcp/%252e%252e/admin", "/mcp;jsessionid=1", "/mcp/..;/admin", "/mcp/x;y" })
	void matchWhenRequestPathHasEncodedDotsSlashesOrPathParametersThenNoMatch(String path) {
		McpServerRegistry registry = registry(server("sample", "http://127.0.0.1:9003/mcp"),
				server("root", "http://127.0.0.1:9003"));

		assertThat(registry.match(URI.create("http://127.0.0.1:9003" + path))).isNull();
	}

	@Test
	void matchWhenOnlyTheQueryHasEncodedCharactersThenMatches() {
		McpServerRegistry registry = registry(server("sample", "http://127.0.0.1:9003/mcp"));

		assertThat(registry.match(URI.create("http://127.0.0.1:9003/mcp?next=%2e%2e%2fadmin;x"))).isNotNull();
		assertThat(registry.match(URI.create("http://127.0.0.1:9003/mcp/a%20b"))).isNotNull();
	}

	@Test
	void matchWhenServerUrlEndsWithASlashThenMatchesWithAndWithoutIt() {
		McpServerRegistry registry = registry(server("sample", "http://127.0.0.1:9003/mcp/"));

		assertThat(registry.match(URI.create("http://127.0.0.1:9003/mcp"))).isNotNull();
		assertThat(registry.match(URI.create("http://127.0.0.1:9003/mcp/tools"))).isNotNull();
		assertThat(registry.match(URI.create("http://127.0.0.1:9003/mcpx"))).isNull();
	}

	@Test
	void matchWhenServerUrlHasNoPathThenMatchesEveryPathOfTheOrigin() {
		McpServerRegistry registry = registry(server("root", "https://mcp.example"));

		assertThat(registry.match(URI.create("https://mcp.example/anything/at/all"))).isNotNull();
		assertThat(registry.match(URI.create("https://mcp.example"))).isNotNull();
	}

	@Test
	void matchWhenSeveralServersMatchThenTheLongestPathWins() {
		McpServerRegistry registry = registry(server("api", "https://mcp.example/api"),
				server("tools", "https://mcp.example/api/tools"), server("root", "https://mcp.example/"));

		assertThat(registry.match(URI.create("https://mcp.example/api/tools/echo")).name()).isEqualTo("tools");
		assertThat(registry.match(URI.create("https://mcp.example/api/toolsx")).name()).isEqualTo("api");
		assertThat(registry.match(URI.create("https://mcp.example/api")).name()).isEqualTo("api");
		assertThat(registry.match(URI.create("https://mcp.example/other")).name()).isEqualTo("root");
	}

	@Test
	void matchWhenPortIsTheSchemeDefaultThenExplicitAndImplicitPortsAreTheSame() {
		McpServerRegistry registry = registry(server("plain", "http://mcp.example/mcp"),
				server("secure", "https://secure.example:443/mcp"));

		assertThat(registry.match(URI.create("http://mcp.example:80/mcp")).name()).isEqualTo("plain");
		assertThat(registry.match(URI.create("https://secure.example/mcp")).name()).isEqualTo("secure");
		assertThat(registry.match(URI.create("http://mcp.example:8080/mcp"))).isNull();
		assertThat(registry.match(URI.create("https://mcp.example/mcp"))).isNull();
	}

	@Test
	void matchWhenHostOrSchemeDifferInCaseThenMatches() {
		McpServerRegistry registry = registry(server("sample", "https://MCP.Example.com/mcp"));

		assertThat(registry.match(URI.create("HTTPS://mcp.example.COM/mcp"))).isNotNull();
	}

	@Test
	void matchWhenPathDiffersInCaseThenNoMatch() {
		McpServerRegistry registry = registry(server("sample", "https://mcp.example/mcp"));

		assertThat(registry.match(URI.create("https://mcp.example/MCP"))).isNull();
	}

	@Test
	void matchWhenRequestIsForAnotherOriginThenNoMatch() {
		McpServerRegistry registry = registry(server("sample", "http://127.0.0.1:9003/mcp"));

		assertThat(registry.match(URI.create("http://127.0.0.1:9004/mcp"))).isNull();
		assertThat(registry.match(URI.create("https://127.0.0.1:9003/mcp"))).isNull();
		assertThat(registry.match(URI.create("http://localhost:9003/mcp"))).isNull();
		assertThat(registry.match(URI.create("/mcp"))).isNull();
	}

	@Test
	void registerThenTheServerCanBeFoundAndMatched() {
		McpServerRegistry registry = new McpServerRegistry();

		registry.register(server("late", "https://mcp.example/mcp"));

		assertThat(registry.find("late")).isPresent();
		assertThat(registry.get("late").url()).isEqualTo(URI.create("https://mcp.example/mcp"));
		assertThat(registry.match(URI.create("https://mcp.example/mcp"))).isNotNull();
		assertThat(registry.servers()).extracting(McpServerDefinition::name).containsExactly("late");
	}

	@Test
	void registerWhenTheNameIsKnownThenReplacesTheServer() {
		McpServerRegistry registry = registry(server("sample", "https://old.example/mcp"));

		registry.register(server("sample", "https://new.example/mcp"));

		assertThat(registry.servers()).singleElement()
			.extracting(McpServerDefinition::url)
			.isEqualTo(URI.create("https://new.example/mcp"));
		assertThat(registry.match(URI.create("https://old.example/mcp"))).isNull();
	}

	@Test
	void unregisterThenTheServerIsGoneAndNoLongerMatches() {
		McpServerRegistry registry = registry(server("sample", "https://mcp.example/mcp"));

		assertThat(registry.unregister("sample")).isTrue();
		assertThat(registry.unregister("sample")).isFalse();
		assertThat(registry.find("sample")).isEmpty();
		assertThat(registry.match(URI.create("https://mcp.example/mcp"))).isNull();
	}

	@Test
	void getWhenNoServerHasTheNameThenInvalidConfigurationNamingTheKnownServersAndTheKey() {
		McpServerRegistry registry = registry(server("sample", "https://mcp.example/mcp"));

		McpOAuthException ex = expectThrown(() -> registry.get("github"), McpOAuthErrorCode.INVALID_CONFIGURATION);

		assertThat(ex.getMessage()).contains("No MCP server named 'github'")
			.contains("[sample]")
			.contains("mcp.oauth.servers.github.url");
	}

	private static McpServerRegistry registry(McpServerDefinition... servers) {
		return new McpServerRegistry(List.of(servers));
	}

	private static McpServerDefinition server(String name, String url) {
		return McpServerDefinition.builder(name, URI.create(url)).build();
	}

}
