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
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.mcpoauth.core.McpOAuthErrorCode;
import io.github.mcpoauth.core.McpOAuthException;
import io.github.mcpoauth.http.BackChannel;
import io.github.mcpoauth.testsupport.FakeAuthorizationServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.web.reactive.function.client.WebClient;

import static io.github.mcpoauth.testsupport.FakeAuthorizationServer.AS_METADATA_PATH;
import static io.github.mcpoauth.testsupport.FakeAuthorizationServer.PRM_PATH;
import static io.github.mcpoauth.testsupport.McpOAuthAssertions.expectError;
import static io.github.mcpoauth.testsupport.McpOAuthAssertions.expectThrown;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MetadataDiscoverer} over HTTP against {@link FakeAuthorizationServer}:
 * RFC 9728 §3 protected-resource metadata, RFC 8414 §3 authorization-server metadata, and
 * the 2025-03-26 fallbacks.
 */
class MetadataDiscovererTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final String ROOT_PRM_PATH = "/.well-known/oauth-protected-resource";

	private FakeAuthorizationServer fake;

	private MetadataDiscoverer discoverer;

	@BeforeEach
	void setUp() {
		this.fake = FakeAuthorizationServer.start();
		this.discoverer = new MetadataDiscoverer(WebClient.create());
	}

	@AfterEach
	void tearDown() {
		this.fake.close();
	}

	@Test
	void discoverWhenChallengeNamesResourceMetadataThenFetchesThatUrlFirst() {
		this.fake.document("/custom/prm", this.fake.protectedResourceMetadata());
		this.fake.document(AS_METADATA_PATH, this.fake.authorizationServerMetadata());
		BearerChallenge challenge = challenge("Bearer resource_metadata=\"" + this.fake.origin() + "/custom/prm\"");

		DiscoveredServer discovered = discover(this.fake.mcpUrl(), challenge);

		assertThat(this.fake.requestLines()).containsExactly("GET /custom/prm", "GET " + AS_METADATA_PATH);
		assertThat(discovered.protectedResource()).isNotNull();
		assertThat(discovered.resource()).isEqualTo(this.fake.mcpUrl().toString());
		assertThat(discovered.authorizationServer().issuer()).isEqualTo(this.fake.issuer());
		assertThat(discovered.authorizationServer().tokenEndpoint()).isEqualTo(this.fake.uri("/token"));
		assertThat(discovered.authorizationServer().legacyDefaults()).isFalse();
	}

	@Test
	void discoverWhenNoChallengeThenTriesThePathAwareThenTheRootWellKnownUrl() {
		this.fake.document(ROOT_PRM_PATH, this.fake.protectedResourceMetadata());
		this.fake.document(AS_METADATA_PATH, this.fake.authorizationServerMetadata());

		discover(this.fake.mcpUrl(), null);

		assertThat(this.fake.requestLines()).containsExactly("GET " + PRM_PATH, "GET " + ROOT_PRM_PATH,
				"GET " + AS_METADATA_PATH);
	}

	@Test
	void discoverWhenChallengeUrlIsMissingThenFallsBackToTheWellKnownUrlsInOrder() {
		this.fake.document(ROOT_PRM_PATH, this.fake.protectedResourceMetadata());
		this.fake.document(AS_METADATA_PATH, this.fake.authorizationServerMetadata());
		BearerChallenge challenge = challenge("Bearer resource_metadata=\"" + this.fake.origin() + "/gone\"");

		discover(this.fake.mcpUrl(), challenge);

		assertThat(this.fake.requestLines()).containsExactly("GET /gone", "GET " + PRM_PATH, "GET " + ROOT_PRM_PATH,
				"GET " + AS_METADATA_PATH);
	}

	@Test
	void discoverWhenPathAwareDocumentExistsThenDoesNotAskTheRoot() {
		this.fake.document(PRM_PATH, this.fake.protectedResourceMetadata());
		this.fake.document(ROOT_PRM_PATH, Map.of("resource", "https://elsewhere.example", "authorization_servers",
				List.of("https://elsewhere.example")));
		this.fake.document(AS_METADATA_PATH, this.fake.authorizationServerMetadata());

		discover(this.fake.mcpUrl(), null);

		assertThat(this.fake.requestLines()).containsExactly("GET " + PRM_PATH, "GET " + AS_METADATA_PATH);
	}

	@Test
	void discoverWhenMetadataRequestsAreSentThenTheyAcceptJsonAndNameTheProtocolVersion() {
		this.fake.document(PRM_PATH, this.fake.protectedResourceMetadata());
		this.fake.document(AS_METADATA_PATH, this.fake.authorizationServerMetadata());

		discover(this.fake.mcpUrl(), null);

		assertThat(this.fake.lastRequest(PRM_PATH).header("Accept")).contains("application/json");
		assertThat(this.fake.lastRequest(PRM_PATH).header("MCP-Protocol-Version")).isNotBlank();
		assertThat(this.fake.lastRequest(PRM_PATH).header("Authorization")).isNull();
	}

	@Test
	void discoverWhenResourceDoesNotMatchTheServerThenResourceMismatchBeforeAnyAuthorizationServerRequest() {
		Map<String, Object> prm = this.fake.protectedResourceMetadata();
		prm.put("resource", "https://other.example/mcp");
		this.fake.document(PRM_PATH, prm);
		this.fake.document(AS_METADATA_PATH, this.fake.authorizationServerMetadata());

		expectError(this.discoverer.discover(this.fake.mcpUrl(), null, null), McpOAuthErrorCode.RESOURCE_MISMATCH);

		assertThat(this.fake.requestLines()).containsExactly("GET " + PRM_PATH);
	}

	@Test
	void discoverWhenResourceIsOnlyAPathPrefixOfTheServerThenResourceMismatch() {
		Map<String, Object> prm = this.fake.protectedResourceMetadata();
		prm.put("resource", this.fake.origin() + "/mc");
		this.fake.document(PRM_PATH, prm);

		expectError(this.discoverer.discover(this.fake.mcpUrl(), null, null), McpOAuthErrorCode.RESOURCE_MISMATCH);
	}

	@Test
	void discoverWhenResourceIsAParentOfTheServerUrlThenAcceptsIt() {
		Map<String, Object> prm = this.fake.protectedResourceMetadata();
		prm.put("resource", this.fake.origin());
		this.fake.document(PRM_PATH, prm);
		this.fake.document(AS_METADATA_PATH, this.fake.authorizationServerMetadata());

		DiscoveredServer discovered = discover(this.fake.mcpUrl(), null);

		assertThat(discovered.resource()).isEqualTo(this.fake.origin());
	}

	@Test
	void discoverWhenResourceIsConfiguredThenUsesItInsteadOfTheMetadataOne() {
		this.fake.document(PRM_PATH, this.fake.protectedResourceMetadata());
		this.fake.document(AS_METADATA_PATH, this.fake.authorizationServerMetadata());

		DiscoveredServer discovered = this.discoverer.discover(this.fake.mcpUrl(), null, "https://configured.example/api")
			.block(TIMEOUT);

		assertThat(discovered.resource()).isEqualTo("https://configured.example/api");
	}

	@Test
	void authorizationServerMetadataUrlsWhenIssuerHasAPathThenOAuthAppendedThenOidcAppendedThenOidcPrepended() {
		assertThat(MetadataDiscoverer.authorizationServerMetadataUrls("https://auth.example/tenant1")).containsExactly(
				URI.create("https://auth.example/.well-known/oauth-authorization-server/tenant1"),
				URI.create("https://auth.example/.well-known/openid-configuration/tenant1"),
				URI.create("https://auth.example/tenant1/.well-known/openid-configuration"));
	}

	@Test
	void authorizationServerMetadataUrlsWhenIssuerHasNoPathThenOAuthThenOidcAtTheRoot() {
		assertThat(MetadataDiscoverer.authorizationServerMetadataUrls("https://auth.example")).containsExactly(
				URI.create("https://auth.example/.well-known/oauth-authorization-server"),
				URI.create("https://auth.example/.well-known/openid-configuration"));
		assertThat(MetadataDiscoverer.authorizationServerMetadataUrls("https://auth.example/"))
			.containsExactly(URI.create("https://auth.example/.well-known/oauth-authorization-server"),
					URI.create("https://auth.example/.well-known/openid-configuration"));
	}

	@Test
	void discoverWhenIssuerHasAPathThenTriesItsThreeUrlsInOrderAndNeverTheRoot() {
		String issuer = this.fake.origin() + "/tenant1";
		this.fake.document(PRM_PATH, prmFor(issuer));
		this.fake.document("/tenant1/.well-known/openid-configuration", this.fake.authorizationServerMetadata(issuer));
		// root documents that must not be used for an issuer with a path
		this.fake.document(AS_METADATA_PATH, this.fake.authorizationServerMetadata());
		this.fake.document("/.well-known/openid-configuration", this.fake.authorizationServerMetadata());

		DiscoveredServer discovered = discover(this.fake.mcpUrl(), null);

		assertThat(discovered.authorizationServer().issuer()).isEqualTo(issuer);
		assertThat(this.fake.requestLines()).containsExactly("GET " + PRM_PATH,
				"GET /.well-known/oauth-authorization-server/tenant1", "GET /.well-known/openid-configuration/tenant1",
				"GET /tenant1/.well-known/openid-configuration");
	}

	@Test
	void discoverWhenIssuerHasAPathAndNoDocumentExistsThenDiscoveryFailedWithoutTryingTheRoot() {
		String issuer = this.fake.origin() + "/tenant1";
		this.fake.document(PRM_PATH, prmFor(issuer));
		this.fake.document(AS_METADATA_PATH, this.fake.authorizationServerMetadata());

		McpOAuthException ex = expectError(this.discoverer.discover(this.fake.mcpUrl(), null, null),
				McpOAuthErrorCode.DISCOVERY_FAILED);

		assertThat(ex.getMessage()).contains(issuer);
		assertThat(this.fake.requestLines()).containsExactly("GET " + PRM_PATH,
				"GET /.well-known/oauth-authorization-server/tenant1", "GET /.well-known/openid-configuration/tenant1",
				"GET /tenant1/.well-known/openid-configuration");
	}

	@Test
	void discoverWhenIssuerHasNoPathThenTriesOAuthThenOidcAtTheRoot() {
		this.fake.document(PRM_PATH, this.fake.protectedResourceMetadata());
		this.fake.document("/.well-known/openid-configuration", this.fake.authorizationServerMetadata());

		DiscoveredServer discovered = discover(this.fake.mcpUrl(), null);

		assertThat(discovered.authorizationServer().issuer()).isEqualTo(this.fake.issuer());
		assertThat(this.fake.requestLines()).containsExactly("GET " + PRM_PATH, "GET " + AS_METADATA_PATH,
				"GET /.well-known/openid-configuration");
	}

	@Test
	void discoverWhenSeveralAuthorizationServersAreListedThenUsesTheFirst() {
		String first = this.fake.origin() + "/first";
		Map<String, Object> prm = this.fake.protectedResourceMetadata();
		prm.put("authorization_servers", List.of(first, this.fake.issuer()));
		this.fake.document(PRM_PATH, prm);
		this.fake.document("/.well-known/oauth-authorization-server/first", this.fake.authorizationServerMetadata(first));
		this.fake.document(AS_METADATA_PATH, this.fake.authorizationServerMetadata());

		assertThat(discover(this.fake.mcpUrl(), null).authorizationServer().issuer()).isEqualTo(first);
	}

	@Test
	void discoverWhenMetadataNamesAnotherIssuerThenIssuerMismatch() {
		this.fake.document(PRM_PATH, this.fake.protectedResourceMetadata());
		this.fake.document(AS_METADATA_PATH, this.fake.authorizationServerMetadata("https://impostor.example"));

		McpOAuthException ex = expectError(this.discoverer.discover(this.fake.mcpUrl(), null, null),
				McpOAuthErrorCode.ISSUER_MISMATCH);

		assertThat(ex.getMessage()).contains("https://impostor.example");
	}

	@Test
	void discoverWhenIssuerDiffersOnlyByATrailingSlashThenAcceptsIt() {
		this.fake.document(PRM_PATH, this.fake.protectedResourceMetadata());
		this.fake.document(AS_METADATA_PATH, this.fake.authorizationServerMetadata(this.fake.issuer() + "/"));

		assertThat(discover(this.fake.mcpUrl(), null).authorizationServer().issuer()).isEqualTo(this.fake.issuer() + "/");
	}

	@Test
	void discoverWhenProtectedResourceMetadataIsNotJsonThenInvalidMetadata() {
		this.fake.rawDocument(PRM_PATH, 200, "{\"resource\": ");

		McpOAuthException ex = expectError(this.discoverer.discover(this.fake.mcpUrl(), null, null),
				McpOAuthErrorCode.INVALID_METADATA);

		assertThat(ex.getMessage()).contains(PRM_PATH);
	}

	@Test
	void discoverWhenMetadataIsAJsonArrayThenInvalidMetadata() {
		this.fake.rawDocument(PRM_PATH, 200, "[\"resource\"]");

		expectError(this.discoverer.discover(this.fake.mcpUrl(), null, null), McpOAuthErrorCode.INVALID_METADATA);
	}

	@Test
	void discoverWhenProtectedResourceMetadataLacksResourceThenInvalidMetadataNamingTheMember() {
		Map<String, Object> prm = this.fake.protectedResourceMetadata();
		prm.remove("resource");
		this.fake.document(PRM_PATH, prm);

		McpOAuthException ex = expectError(this.discoverer.discover(this.fake.mcpUrl(), null, null),
				McpOAuthErrorCode.INVALID_METADATA);

		assertThat(ex.getMessage()).contains("'resource'");
	}

	@Test
	void discoverWhenProtectedResourceMetadataListsNoAuthorizationServerThenInvalidMetadata() {
		Map<String, Object> prm = this.fake.protectedResourceMetadata();
		prm.put("authorization_servers", List.of());
		this.fake.document(PRM_PATH, prm);

		McpOAuthException ex = expectError(this.discoverer.discover(this.fake.mcpUrl(), null, null),
				McpOAuthErrorCode.INVALID_METADATA);

		assertThat(ex.getMessage()).contains("authorization_servers");
	}

	@Test
	void discoverWhenScopesSupportedIsNotAnArrayThenInvalidMetadata() {
		Map<String, Object> prm = this.fake.protectedResourceMetadata();
		prm.put("scopes_supported", "mcp:read mcp:write");
		this.fake.document(PRM_PATH, prm);

		McpOAuthException ex = expectError(this.discoverer.discover(this.fake.mcpUrl(), null, null),
				McpOAuthErrorCode.INVALID_METADATA);

		assertThat(ex.getMessage()).contains("scopes_supported");
	}

	@Test
	void discoverWhenAuthorizationServerMetadataLacksTokenEndpointThenInvalidMetadata() {
		Map<String, Object> as = this.fake.authorizationServerMetadata();
		as.remove("token_endpoint");
		this.fake.document(PRM_PATH, this.fake.protectedResourceMetadata());
		this.fake.document(AS_METADATA_PATH, as);

		McpOAuthException ex = expectError(this.discoverer.discover(this.fake.mcpUrl(), null, null),
				McpOAuthErrorCode.INVALID_METADATA);

		assertThat(ex.getMessage()).contains("token_endpoint").contains(AS_METADATA_PATH);
	}

	@Test
	void discoverWhenAuthorizationEndpointIsRelativeThenInvalidMetadata() {
		Map<String, Object> as = this.fake.authorizationServerMetadata();
		as.put("authorization_endpoint", "/authorize");
		this.fake.document(PRM_PATH, this.fake.protectedResourceMetadata());
		this.fake.document(AS_METADATA_PATH, as);

		expectError(this.discoverer.discover(this.fake.mcpUrl(), null, null), McpOAuthErrorCode.INVALID_METADATA);
	}

	@Test
	void discoverWhenAnEndpointIsNeitherHttpsNorLoopbackHttpThenInsecureEndpointNamingIt() {
		this.fake.document(PRM_PATH, this.fake.protectedResourceMetadata());
		for (String member : List.of("authorization_endpoint", "token_endpoint", "registration_endpoint")) {
			Map<String, Object> as = this.fake.authorizationServerMetadata();
			as.put(member, "http://as.example/" + member);
			this.fake.document(AS_METADATA_PATH, as);

			McpOAuthException ex = expectError(this.discoverer.discover(this.fake.mcpUrl(), null, null),
					McpOAuthErrorCode.INSECURE_ENDPOINT);

			assertThat(ex.getMessage()).contains("'http://as.example/" + member + "'");
		}
	}

	@Test
	void discoverWhenChallengeNamesAFileUrlThenInsecureEndpointWithoutAnyRequest() {
		BearerChallenge challenge = challenge("Bearer resource_metadata=\"file:///etc/passwd\"");

		expectError(this.discoverer.discover(this.fake.mcpUrl(), challenge, null), McpOAuthErrorCode.INSECURE_ENDPOINT);

		assertThat(this.fake.requests()).isEmpty();
	}

	@Test
	void discoverWhenProtectedResourceMetadataNamesARemotePlainHttpIssuerThenInsecureEndpointBeforeFetchingIt() {
		this.fake.document(PRM_PATH, prmFor("http://as.example"));

		expectError(this.discoverer.discover(this.fake.mcpUrl(), null, null), McpOAuthErrorCode.INSECURE_ENDPOINT);

		assertThat(this.fake.requestLines()).containsExactly("GET " + PRM_PATH);
	}

	@Test
	void discoverWhenTheServerIsRemotePlainHttpThenInsecureEndpointWithoutAnyRequest() {
		expectError(this.discoverer.discover(URI.create("http://mcp.invalid/mcp"), null, null),
				McpOAuthErrorCode.INSECURE_ENDPOINT);
	}

	@Test
	void discoverWhenAMetadataUrlRedirectsThenTheBackChannelsRedirectRefusedStopsDiscovery() {
		MetadataDiscoverer discoverer = new MetadataDiscoverer(
				BackChannel.webClient(WebClient.create(), Duration.ofSeconds(5)));
		this.fake.route(PRM_PATH, (request) -> FakeAuthorizationServer.Response.redirect("/elsewhere"));
		this.fake.document(ROOT_PRM_PATH, this.fake.protectedResourceMetadata());

		expectError(discoverer.discover(this.fake.mcpUrl(), null, null), McpOAuthErrorCode.REDIRECT_REFUSED);

		assertThat(this.fake.requestLines()).containsExactly("GET " + PRM_PATH);
	}

	@Test
	void legacyDefaultsWhenTheOriginIsRemotePlainHttpThenInsecureEndpoint() {
		expectThrown(() -> AuthorizationServerMetadata.legacyDefaults("http://mcp.example"),
				McpOAuthErrorCode.INSECURE_ENDPOINT);
		assertThat(AuthorizationServerMetadata.legacyDefaults("http://127.0.0.1:9003").tokenEndpoint())
			.isEqualTo(URI.create("http://127.0.0.1:9003/token"));
	}

	@Test
	void discoverWhenAuthorizationServerMetadataIsFoundThenReadsItsMembers() {
		Map<String, Object> as = this.fake.authorizationServerMetadata();
		as.put("client_id_metadata_document_supported", true);
		as.put("authorization_response_iss_parameter_supported", true);
		this.fake.document(PRM_PATH, this.fake.protectedResourceMetadata());
		this.fake.document(AS_METADATA_PATH, as);

		AuthorizationServerMetadata metadata = discover(this.fake.mcpUrl(), null).authorizationServer();

		assertThat(metadata.authorizationEndpoint()).isEqualTo(this.fake.uri("/authorize"));
		assertThat(metadata.registrationEndpoint()).isEqualTo(this.fake.uri("/register"));
		assertThat(metadata.supportsS256()).isTrue();
		assertThat(metadata.supportsScope("offline_access")).isTrue();
		assertThat(metadata.clientIdMetadataDocumentSupported()).isTrue();
		assertThat(metadata.authorizationResponseIssParameterSupported()).isTrue();
		assertThat(metadata.supportsAuthMethod("client_secret_post")).isTrue();
		assertThat(metadata.supportsAuthMethod("private_key_jwt")).isFalse();
	}

	@Test
	void discoverWhenNoProtectedResourceMetadataThenUsesAuthorizationServerMetadataAtTheServerOrigin() {
		this.fake.document(AS_METADATA_PATH, this.fake.authorizationServerMetadata());

		DiscoveredServer discovered = discover(this.fake.mcpUrl(), null);

		assertThat(discovered.protectedResource()).isNull();
		assertThat(discovered.resource()).isEqualTo(this.fake.mcpUrl().toString());
		assertThat(discovered.authorizationServer().issuer()).isEqualTo(this.fake.issuer());
		assertThat(discovered.authorizationServer().legacyDefaults()).isFalse();
		assertThat(this.fake.requestLines()).containsExactly("GET " + PRM_PATH, "GET " + ROOT_PRM_PATH,
				"GET " + AS_METADATA_PATH);
	}

	@Test
	void discoverWhenNoMetadataAtAllThenUsesTheDefaultEndpointsAtTheServerOrigin() {
		DiscoveredServer discovered = discover(this.fake.uri("/api/mcp/"), null);

		AuthorizationServerMetadata defaults = discovered.authorizationServer();
		assertThat(discovered.protectedResource()).isNull();
		assertThat(discovered.resource()).isEqualTo(this.fake.origin() + "/api/mcp");
		assertThat(defaults.legacyDefaults()).isTrue();
		assertThat(defaults.issuer()).isEqualTo(this.fake.origin());
		assertThat(defaults.authorizationEndpoint()).isEqualTo(this.fake.uri("/authorize"));
		assertThat(defaults.tokenEndpoint()).isEqualTo(this.fake.uri("/token"));
		assertThat(defaults.registrationEndpoint()).isEqualTo(this.fake.uri("/register"));
		assertThat(defaults.supportsS256()).isTrue();
		assertThat(this.fake.requestLines()).containsExactly("GET /.well-known/oauth-protected-resource/api/mcp",
				"GET " + ROOT_PRM_PATH, "GET " + AS_METADATA_PATH, "GET /.well-known/openid-configuration");
	}

	@Test
	void discoverWhenProtectedResourceMetadataExistsButNoAuthorizationServerMetadataThenDiscoveryFailed() {
		this.fake.document(PRM_PATH, this.fake.protectedResourceMetadata());

		McpOAuthException ex = expectError(this.discoverer.discover(this.fake.mcpUrl(), null, null),
				McpOAuthErrorCode.DISCOVERY_FAILED);

		assertThat(ex.getMessage()).contains(this.fake.issuer());
		assertThat(this.fake.count("/authorize") + this.fake.count("/token") + this.fake.count("/register")).isZero();
	}

	@Test
	void discoverWhenServerCannotBeReachedThenDiscoveryFailedInsteadOfDefaultEndpoints() {
		URI serverUrl = this.fake.mcpUrl();
		this.fake.close();

		McpOAuthException ex = expectError(this.discoverer.discover(serverUrl, null, null),
				McpOAuthErrorCode.DISCOVERY_FAILED);

		assertThat(ex.getMessage()).contains(serverUrl.toString());
	}

	@Test
	void discoverWhenEveryMetadataRequestTimesOutThenDiscoveryFailed() {
		FakeAuthorizationServer.Handler slow = (request) -> {
			try {
				Thread.sleep(1000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return FakeAuthorizationServer.Response.notFound();
		};
		for (String path : List.of(PRM_PATH, ROOT_PRM_PATH, AS_METADATA_PATH, "/.well-known/openid-configuration")) {
			this.fake.route(path, slow);
		}
		this.discoverer.setTimeout(Duration.ofMillis(100));

		expectError(this.discoverer.discover(this.fake.mcpUrl(), null, null), McpOAuthErrorCode.DISCOVERY_FAILED);
	}

	@Test
	void discoverWhenOneMetadataRequestTimesOutThenTriesTheNextUrl() {
		this.fake.route(PRM_PATH, (request) -> {
			try {
				Thread.sleep(1000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return FakeAuthorizationServer.Response.json(200, this.fake.protectedResourceMetadata());
		});
		this.fake.document(ROOT_PRM_PATH, this.fake.protectedResourceMetadata());
		this.fake.document(AS_METADATA_PATH, this.fake.authorizationServerMetadata());
		this.discoverer.setTimeout(Duration.ofMillis(100));

		assertThat(discover(this.fake.mcpUrl(), null).protectedResource()).isNotNull();
	}

	@Test
	void fetchProtectedResourceMetadataWhenServerAnswers500ThenTriesTheNextUrl() {
		this.fake.route(PRM_PATH, (request) -> FakeAuthorizationServer.Response.json(500, Map.of("error", "boom")));
		this.fake.document(ROOT_PRM_PATH, this.fake.protectedResourceMetadata());

		StepVerifier.create(this.discoverer.fetchProtectedResourceMetadata(this.fake.mcpUrl(), null))
			.assertNext((prm) -> assertThat(prm.resource()).isEqualTo(this.fake.mcpUrl().toString()))
			.expectComplete()
			.verify(TIMEOUT);
	}

	private Map<String, Object> prmFor(String issuer) {
		Map<String, Object> prm = this.fake.protectedResourceMetadata();
		prm.put("authorization_servers", List.of(issuer));
		return prm;
	}

	private DiscoveredServer discover(URI serverUrl, BearerChallenge challenge) {
		DiscoveredServer discovered = this.discoverer.discover(serverUrl, challenge, null).block(TIMEOUT);
		assertThat(discovered).isNotNull();
		return discovered;
	}

	private static BearerChallenge challenge(String header) {
		return BearerChallenge.parse(List.of(header)).orElseThrow();
	}

}
