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

package io.github.mcpoauth.discovery;

import java.net.URI;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DiscoveredServer#scopesToRequest}: the MCP scope selection strategy.
 */
class DiscoveredServerTests {

	private static final URI SERVER = URI.create("https://mcp.example/mcp");

	@Test
	void scopesToRequestWhenChallengeNamesScopesThenUsesThemInsteadOfTheMetadataOnes() {
		DiscoveredServer server = server(List.of("mcp:read", "mcp:write"), List.of());

		assertThat(server.scopesToRequest(challenge("Bearer scope=\"files:read\""))).containsExactly("files:read");
	}

	@Test
	void scopesToRequestWhenChallengeHasNoScopeThenUsesEveryScopeOfTheProtectedResourceMetadata() {
		DiscoveredServer server = server(List.of("mcp:read", "mcp:write"), List.of());

		assertThat(server.scopesToRequest(challenge("Bearer error=\"invalid_token\""))).containsExactly("mcp:read",
				"mcp:write");
		assertThat(server.scopesToRequest(null)).containsExactly("mcp:read", "mcp:write");
	}

	@Test
	void scopesToRequestWhenNeitherChallengeNorMetadataNameScopesThenNone() {
		assertThat(server(List.of(), List.of("mcp:read")).scopesToRequest(null)).isEmpty();
	}

	@Test
	void scopesToRequestWhenServerHasNoProtectedResourceMetadataThenNone() {
		DiscoveredServer legacy = new DiscoveredServer(SERVER, "https://mcp.example/mcp", null,
				AuthorizationServerMetadata.legacyDefaults("https://mcp.example"));

		assertThat(legacy.scopesToRequest(null)).isEmpty();
		assertThat(legacy.scopesToRequest(challenge("Bearer scope=\"a\""))).containsExactly("a");
	}

	@Test
	void scopesToRequestWhenAuthorizationServerSupportsOfflineAccessThenAddsIt() {
		DiscoveredServer server = server(List.of("mcp:read"), List.of("mcp:read", "offline_access"));

		assertThat(server.scopesToRequest(null)).containsExactly("mcp:read", "offline_access");
		assertThat(server.scopesToRequest(challenge("Bearer scope=\"mcp:write\""))).containsExactly("mcp:write",
				"offline_access");
	}

	@Test
	void scopesToRequestWhenAuthorizationServerDoesNotListOfflineAccessThenOmitsIt() {
		DiscoveredServer server = server(List.of("mcp:read"), List.of("mcp:read"));

		assertThat(server.scopesToRequest(null)).containsExactly("mcp:read");
	}

	@Test
	void scopesToRequestWhenChallengeAlreadyAsksForOfflineAccessThenListsItOnce() {
		DiscoveredServer server = server(List.of(), List.of("offline_access"));

		assertThat(server.scopesToRequest(challenge("Bearer scope=\"a offline_access\""))).containsExactly("a",
				"offline_access");
	}

	@Test
	void scopesToRequestWhenNothingElseIsRequestedThenDoesNotAskForOfflineAccessAlone() {
		DiscoveredServer server = server(List.of(), List.of("offline_access"));

		assertThat(server.scopesToRequest(null)).isEmpty();
	}

	private static DiscoveredServer server(List<String> prmScopes, List<String> asScopes) {
		ProtectedResourceMetadata prm = new ProtectedResourceMetadata("https://mcp.example/mcp",
				List.of("https://auth.example"), prmScopes, List.of());
		AuthorizationServerMetadata as = new AuthorizationServerMetadata("https://auth.example",
				URI.create("https://auth.example/authorize"), URI.create("https://auth.example/token"), null, asScopes,
				List.of(), List.of("S256"), List.of(), false, false, false);
		return new DiscoveredServer(SERVER, prm.resource(), prm, as);
	}

	private static @Nullable BearerChallenge challenge(String header) {
		return BearerChallenge.parse(List.of(header)).orElseThrow();
	}

}
