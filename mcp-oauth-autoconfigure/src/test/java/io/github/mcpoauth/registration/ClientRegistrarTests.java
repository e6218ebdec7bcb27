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

package io.github.mcpoauth.registration;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.github.mcpoauth.core.McpOAuthErrorCode;
import io.github.mcpoauth.core.McpOAuthException;
import io.github.mcpoauth.core.McpServerDefinition;
import io.github.mcpoauth.discovery.AuthorizationServerMetadata;
import io.github.mcpoauth.store.InMemoryTokenStore;
import io.github.mcpoauth.testsupport.FakeAuthorizationServer;
import io.github.mcpoauth.testsupport.MutableClock;
import io.github.mcpoauth.testsupport.RecordedRequest;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.reactive.function.client.WebClient;

import static io.github.mcpoauth.testsupport.McpOAuthAssertions.TIMEOUT;
import static io.github.mcpoauth.testsupport.McpOAuthAssertions.expectError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ClientRegistrar}: the registration priority of the MCP specification
 * (pre-registered, Client ID Metadata Document, RFC 7591 dynamic registration) over HTTP
 * against {@link FakeAuthorizationServer}.
 */
class ClientRegistrarTests {

	private static final URI REDIRECT_URI = URI.create("http://127.0.0.1:49152/callback");

	private static final String CIMD_URL = "https://client.example/mcp-client.json";

	private final MutableClock clock = MutableClock.now();

	private final InMemoryTokenStore store = new InMemoryTokenStore();

	private FakeAuthorizationServer fake;

	private ClientRegistrar registrar;

	@BeforeEach
	void setUp() {
		this.fake = FakeAuthorizationServer.start();
		this.registrar = new ClientRegistrar(WebClient.create(), this.store, this.clock);
	}

	@AfterEach
	void tearDown() {
		this.fake.close();
	}

	@Test
	void registrationWhenPreRegisteredWithSecretAndBasicSupportedThenUsesClientSecretBasic() {
		OAuthClientRegistration registration = register(server().clientId("app").clientSecret("s3cr3t").build(),
				metadata(List.of("client_secret_post", "client_secret_basic", "none")));

		assertThat(registration.source()).isEqualTo(OAuthClientRegistration.Source.PRE_REGISTERED);
		assertThat(registration.clientId()).isEqualTo("app");
		assertThat(registration.clientSecret()).isEqualTo("s3cr3t");
		assertThat(registration.tokenEndpointAuthMethod()).isEqualTo("client_secret_basic");
		assertThat(registration.issuer()).isEqualTo(this.fake.issuer());
		assertThat(registration.redirectUris()).containsExactly(REDIRECT_URI.toString());
		assertThat(this.fake.requests()).isEmpty();
	}

	@Test
	void registrationWhenPreRegisteredWithSecretAndOnlyPostSupportedThenUsesClientSecretPost() {
		OAuthClientRegistration registration = register(server().clientId("app").clientSecret("s3cr3t").build(),
				metadata(List.of("client_secret_post", "none")));

		assertThat(registration.tokenEndpointAuthMethod()).isEqualTo("client_secret_post");
	}

	@Test
	void registrationWhenPreRegisteredWithSecretAndNoMethodsPublishedThenUsesTheRfc8414DefaultBasic() {
		OAuthClientRegistration registration = register(server().clientId("app").clientSecret("s3cr3t").build(),
				metadata(List.of()));

		assertThat(registration.tokenEndpointAuthMethod()).isEqualTo("client_secret_basic");
	}

	@Test
	void registrationWhenPreRegisteredWithoutSecretThenUsesNone() {
		OAuthClientRegistration registration = register(server().clientId("public-app").build(),
				metadata(List.of("client_secret_basic", "none")));

		assertThat(registration.tokenEndpointAuthMethod()).isEqualTo("none");
		assertThat(registration.clientSecret()).isNull();
	}

	@Test
	void registrationWhenPreRegisteredWithPrivateKeyThenUsesPrivateKeyJwt() {
		OAuthClientRegistration registration = register(
				server().clientId("app").clientPrivateKey("-----BEGIN PRIVATE KEY-----", null).build(),
				metadata(List.of("private_key_jwt")));

		assertThat(registration.tokenEndpointAuthMethod()).isEqualTo("private_key_jwt");
	}

	@Test
	void registrationWhenMethodIsConfiguredThenUsesItWhateverTheServerPublishes() {
		OAuthClientRegistration registration = register(server().clientId("app")
			.clientSecret("s3cr3t")
			.clientAuthenticationMethod("client_secret_post")
			.build(), metadata(List.of("client_secret_basic")));

		assertThat(registration.tokenEndpointAuthMethod()).isEqualTo("client_secret_post");
	}

	@Test
	void registrationWhenSecretMethodIsConfiguredWithoutSecretThenInvalidConfigurationNamingTheProperty() {
		McpServerDefinition server = server().clientId("app").clientAuthenticationMethod("client_secret_basic").build();

		McpOAuthException ex = expectError(this.registrar.registration(server, metadata(List.of()), REDIRECT_URI),
				McpOAuthErrorCode.INVALID_CONFIGURATION);

		assertThat(ex.getMessage()).contains("mcp.oauth.servers.fake.client-secret");
	}

	@Test
	void registrationWhenPreRegisteredAndCimdSupportedThenPreRegisteredWins() {
		OAuthClientRegistration registration = register(server().clientId("app").clientMetadataUrl(CIMD_URL).build(),
				cimdMetadata());

		assertThat(registration.source()).isEqualTo(OAuthClientRegistration.Source.PRE_REGISTERED);
		assertThat(registration.clientId()).isEqualTo("app");
	}

	@Test
	void registrationWhenCimdConfiguredAndSupportedThenUsesTheDocumentUrlAsClientId() {
		OAuthClientRegistration registration = register(server().clientMetadataUrl(CIMD_URL).build(), cimdMetadata());

		assertThat(registration.source()).isEqualTo(OAuthClientRegistration.Source.CLIENT_ID_METADATA_DOCUMENT);
		assertThat(registration.clientId()).isEqualTo(CIMD_URL);
		assertThat(registration.tokenEndpointAuthMethod()).isEqualTo("none");
		assertThat(registration.clientSecret()).isNull();
		assertThat(this.fake.count("/register")).isZero();
	}

	@Test
	void registrationWhenCimdConfiguredButNotSupportedThenRegistersDynamically() {
		OAuthClientRegistration registration = register(server().clientMetadataUrl(CIMD_URL).build(),
				metadata(List.of("none")));

		assertThat(registration.source()).isEqualTo(OAuthClientRegistration.Source.DYNAMIC);
		assertThat(this.fake.count("/register")).isOne();
	}

	@Test
	void registrationWhenNothingConfiguredThenRegistersDynamicallyWithTheMcpClientMetadata() {
		OAuthClientRegistration registration = register(server().clientName("My MCP app").build(),
				metadata(List.of("client_secret_post", "client_secret_basic", "none")));

		RecordedRequest request = this.fake.lastRequest("/register");
		assertThat(request.method()).isEqualTo("POST");
		assertThat(request.header("Content-Type")).startsWith("application/json");
		Map<String, Object> body = json(request.body());
		assertThat(body).containsEntry("application_type", "native")
			.containsEntry("client_name", "My MCP app")
			.containsEntry("redirect_uris", List.of(REDIRECT_URI.toString()))
			.containsEntry("grant_types", List.of("authorization_code", "refresh_token"))
			.containsEntry("response_types", List.of("code"))
			.containsEntry("token_endpoint_auth_method", "client_secret_basic");
		assertThat(registration.source()).isEqualTo(OAuthClientRegistration.Source.DYNAMIC);
		assertThat(registration.clientId()).startsWith("client-");
		assertThat(registration.clientSecret()).startsWith("secret-");
		assertThat(registration.tokenEndpointAuthMethod()).isEqualTo("client_secret_basic");
		assertThat(registration.clientSecretExpiresAt()).isNull();
	}

	@Test
	void registrationWhenServerOnlyAcceptsPublicClientsThenRegistersWithNone() {
		OAuthClientRegistration registration = register(server().build(), metadata(List.of("none")));

		assertThat(json(this.fake.lastRequest("/register").body())).containsEntry("token_endpoint_auth_method", "none");
		assertThat(registration.tokenEndpointAuthMethod()).isEqualTo("none");
		assertThat(registration.clientSecret()).isNull();
	}

	@Test
	void registrationWhenRegisteredOnceThenStoresItAndReusesItWithoutAnotherRequest() {
		AuthorizationServerMetadata metadata = metadata(List.of("client_secret_basic"));

		OAuthClientRegistration first = register(server().build(), metadata);
		OAuthClientRegistration second = register(server().build(), metadata);

		assertThat(second).isEqualTo(first);
		assertThat(this.fake.count("/register")).isOne();
		assertThat(this.store.loadRegistration("fake", this.fake.issuer()).block(TIMEOUT)).isEqualTo(first);
	}

	@Test
	void registrationWhenStoredForAnotherIssuerThenRegistersAgainForThisOne() {
		register(server().build(), metadata(List.of("client_secret_basic")));
		AuthorizationServerMetadata other = new AuthorizationServerMetadata(this.fake.origin() + "/other",
				this.fake.uri("/authorize"), this.fake.uri("/token"), this.fake.uri("/register"), List.of(), List.of(),
				List.of("S256"), List.of("client_secret_basic"), false, false, false);

		OAuthClientRegistration registration = register(server().build(), other);

		assertThat(registration.issuer()).isEqualTo(this.fake.origin() + "/other");
		assertThat(this.fake.count("/register")).isEqualTo(2);
	}

	@Test
	void registrationWhenStoredSecretHasExpiredThenRegistersAgain() {
		Instant expiry = this.clock.instant().plus(Duration.ofHours(1));
		this.fake.enqueueRegistrationResponse(201, Map.of("client_id", "short-lived", "client_secret", "old-secret",
				"client_secret_expires_at", expiry.getEpochSecond(), "token_endpoint_auth_method", "client_secret_basic"));
		AuthorizationServerMetadata metadata = metadata(List.of("client_secret_basic"));
		OAuthClientRegistration first = register(server().build(), metadata);
		assertThat(first.clientSecretExpiresAt()).isEqualTo(Instant.ofEpochSecond(expiry.getEpochSecond()));
		assertThat(register(server().build(), metadata)).isEqualTo(first);

		this.clock.advance(Duration.ofHours(2));
		OAuthClientRegistration renewed = register(server().build(), metadata);

		assertThat(renewed.clientId()).isNotEqualTo("short-lived");
		assertThat(this.fake.count("/register")).isEqualTo(2);
		assertThat(this.store.loadRegistration("fake", this.fake.issuer()).block(TIMEOUT)).isEqualTo(renewed);
	}

	@Test
	void registrationWhenEndpointRefusesThenRegistrationRefusedWithTheRfc7591Error() {
		this.fake.enqueueRegistrationResponse(400,
				Map.of("error", "invalid_redirect_uri", "error_description", "loopback not allowed"));

		McpOAuthException ex = expectError(
				this.registrar.registration(server().build(), metadata(List.of("none")), REDIRECT_URI),
				McpOAuthErrorCode.REGISTRATION_REFUSED);

		assertThat(ex.getOAuthError()).isEqualTo("invalid_redirect_uri");
		assertThat(ex.getMessage()).contains("400").contains("invalid_redirect_uri").contains("loopback not allowed");
		assertThat(this.store.loadRegistration("fake", this.fake.issuer()).block(TIMEOUT)).isNull();
	}

	@Test
	void registrationWhenEndpointAnswersWithoutJsonThenRegistrationRefused() {
		this.fake.route("/register", (request) -> new FakeAuthorizationServer.Response(403,
				Map.of("Content-Type", "text/html"), "<h1>Forbidden</h1>"));

		McpOAuthException ex = expectError(
				this.registrar.registration(server().build(), metadata(List.of("none")), REDIRECT_URI),
				McpOAuthErrorCode.REGISTRATION_REFUSED);

		assertThat(ex.getOAuthError()).isNull();
		assertThat(ex.getMessage()).contains("403");
	}

	@Test
	void registrationWhenResponseHasNoClientIdThenRegistrationRefused() {
		this.fake.enqueueRegistrationResponse(201, Map.of("client_name", "x"));

		expectError(this.registrar.registration(server().build(), metadata(List.of("none")), REDIRECT_URI),
				McpOAuthErrorCode.REGISTRATION_REFUSED);
	}

	@Test
	void registrationWhenNoRegistrationEndpointThenRegistrationUnavailableNamingTheProperty() {
		AuthorizationServerMetadata metadata = new AuthorizationServerMetadata(this.fake.issuer(),
				this.fake.uri("/authorize"), this.fake.uri("/token"), null, List.of(), List.of(), List.of("S256"),
				List.of(), false, false, false);

		McpOAuthException ex = expectError(this.registrar.registration(server().build(), metadata, REDIRECT_URI),
				McpOAuthErrorCode.REGISTRATION_UNAVAILABLE);

		assertThat(ex.getMessage()).contains("mcp.oauth.servers.fake.client-id").contains(this.fake.issuer());
		assertThat(this.fake.requests()).isEmpty();
	}

	@Test
	void forgetThenTheNextRegistrationRegistersAgain() {
		AuthorizationServerMetadata metadata = metadata(List.of("client_secret_basic"));
		register(server().build(), metadata);

		this.registrar.forget(server().build(), this.fake.issuer()).block(TIMEOUT);
		register(server().build(), metadata);

		assertThat(this.fake.count("/register")).isEqualTo(2);
	}

	private OAuthClientRegistration register(McpServerDefinition server, AuthorizationServerMetadata metadata) {
		OAuthClientRegistration registration = this.registrar.registration(server, metadata, REDIRECT_URI)
			.block(TIMEOUT);
		assertThat(registration).isNotNull();
		return registration;
	}

	private McpServerDefinition.Builder server() {
		return McpServerDefinition.builder("fake", this.fake.mcpUrl());
	}

	private AuthorizationServerMetadata metadata(List<String> authMethods) {
		return metadata(authMethods, false);
	}

	private AuthorizationServerMetadata cimdMetadata() {
		return metadata(List.of("none"), true);
	}

	private AuthorizationServerMetadata metadata(List<String> authMethods, boolean cimd) {
		return new AuthorizationServerMetadata(this.fake.issuer(), this.fake.uri("/authorize"), this.fake.uri("/token"),
				this.fake.uri("/register"), List.of(), List.of(), List.of("S256"), authMethods, cimd, false, false);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> json(@Nullable String body) {
		return JsonMapper.builder().build().readValue(body, Map.class);
	}

}
