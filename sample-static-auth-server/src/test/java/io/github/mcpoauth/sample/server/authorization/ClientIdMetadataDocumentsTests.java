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

package io.github.mcpoauth.sample.server.authorization;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import io.github.mcpoauth.sample.server.StaticServerProperties;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ClientIdMetadataDocuments}, with a recorded fetcher in place of HTTP.
 */
class ClientIdMetadataDocumentsTests {

	private static final String URL = "https://client.example/mcp/client-metadata.json";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final List<URI> fetched = new ArrayList<>();

	private final Map<String, Object> document = new java.util.LinkedHashMap<>(Map.of("client_id", URL, "client_name",
			"Example MCP client", "redirect_uris", List.of("http://127.0.0.1/callback"), "grant_types",
			List.of("authorization_code", "refresh_token"), "token_endpoint_auth_method", "none"));

	private Instant now = Instant.parse("2026-07-28T10:00:00Z");

	private final ClientIdMetadataDocuments clients = new ClientIdMetadataDocuments(
			new InMemoryRegisteredClientRepository(RegisteredClients.staticClient(properties())),
			Duration.ofMinutes(10), fetcher(), new Clock() {

				@Override
				public ZoneOffset getZone() {
					return ZoneOffset.UTC;
				}

				@Override
				public Clock withZone(java.time.ZoneId zone) {
					return this;
				}

				@Override
				public Instant instant() {
					return ClientIdMetadataDocumentsTests.this.now;
				}

			});

	@Test
	void findByClientIdWhenTheIdIsADocumentUrlThenAPublicClientFromTheDocument() {
		RegisteredClient client = this.clients.findByClientId(URL);

		assertThat(client).isNotNull();
		assertThat(client.getId()).isEqualTo(URL);
		assertThat(client.getClientId()).isEqualTo(URL);
		assertThat(client.getClientName()).isEqualTo("Example MCP client");
		assertThat(client.getRedirectUris()).containsExactly("http://127.0.0.1/callback");
		assertThat(client.getClientAuthenticationMethods()).containsExactly(ClientAuthenticationMethod.NONE);
		assertThat(client.getAuthorizationGrantTypes()).containsExactlyInAnyOrder(
				AuthorizationGrantType.AUTHORIZATION_CODE, AuthorizationGrantType.REFRESH_TOKEN);
		assertThat(client.getClientSettings().isRequireProofKey()).isTrue();
		assertThat(client.getScopes()).containsExactlyInAnyOrder("mcp:tools", "mcp:read");
		assertThat(this.clients.findById(URL)).isEqualTo(client);
		assertThat(this.fetched).containsExactly(URI.create(URL));
	}

	@Test
	void findByClientIdWhenAskedAgainThenTheDocumentIsFetchedAgainOnlyAfterFiveMinutes() {
		this.clients.findByClientId(URL);
		this.now = this.now.plus(Duration.ofMinutes(4));
		this.clients.findByClientId(URL);
		assertThat(this.fetched).hasSize(1);

		this.now = this.now.plus(Duration.ofMinutes(2));
		this.clients.findByClientId(URL);

		assertThat(this.fetched).hasSize(2);
	}

	@Test
	void findByClientIdWhenTheStaticClientThenWithoutFetching() {
		assertThat(this.clients.findByClientId(StaticServerProperties.DEFAULT_CLIENT_ID)).isNotNull();
		assertThat(this.clients.findByClientId("unknown-client")).isNull();

		assertThat(this.fetched).isEmpty();
	}

	@Test
	void findByClientIdWhenNotAnHttpsUrlWithAPathThenUnknownWithoutFetching() {
		for (String clientId : List.of("http://client.example/client.json", "https://client.example",
				"https://client.example/", "https://user@client.example/client.json",
				"https://client.example/a/../client.json", "https://client.example/client.json#x")) {
			assertThat(this.clients.findByClientId(clientId)).as(clientId).isNull();
		}

		assertThat(this.fetched).isEmpty();
	}

	@Test
	void findByClientIdWhenTheDocumentNamesAnotherClientIdThenUnknown() {
		this.document.put("client_id", "https://other.example/client.json");

		assertThat(this.clients.findByClientId(URL)).isNull();
	}

	@Test
	void findByClientIdWhenTheDocumentUsesASharedSecretThenUnknown() {
		this.document.put("token_endpoint_auth_method", "client_secret_basic");

		assertThat(this.clients.findByClientId(URL)).isNull();
	}

	@Test
	void findByClientIdWhenTheDocumentListsNoRedirectUriOrNoCodeGrantThenUnknown() {
		this.document.put("redirect_uris", List.of());
		assertThat(this.clients.findByClientId(URL)).isNull();

		this.document.put("redirect_uris", List.of("http://127.0.0.1/callback"));
		this.document.put("grant_types", List.of("client_credentials"));
		assertThat(this.clients.findByClientId(URL)).isNull();
	}

	@Test
	void findByClientIdWhenTheDocumentCannotBeFetchedOrReadThenUnknown() {
		ClientIdMetadataDocuments failing = new ClientIdMetadataDocuments(new InMemoryRegisteredClientRepository(
				RegisteredClients.staticClient(properties())),
				Duration.ofMinutes(10), (url) -> {
					throw new IllegalStateException("Connection refused");
				}, Clock.systemUTC());
		ClientIdMetadataDocuments notJson = new ClientIdMetadataDocuments(new InMemoryRegisteredClientRepository(
				RegisteredClients.staticClient(properties())),
				Duration.ofMinutes(10), (url) -> "<html>", Clock.systemUTC());

		assertThat(failing.findByClientId(URL)).isNull();
		assertThat(notJson.findByClientId(URL)).isNull();
	}

	private Function<URI, @Nullable String> fetcher() {
		return (url) -> {
			this.fetched.add(url);
			return JSON.writeValueAsString(this.document);
		};
	}

	private static StaticServerProperties properties() {
		return new Binder(new MapConfigurationPropertySource(Map.of("mcp.static.client-id", StaticServerProperties.DEFAULT_CLIENT_ID)))
			.bindOrCreate(StaticServerProperties.CONFIG_PREFIX, StaticServerProperties.class);
	}

}
