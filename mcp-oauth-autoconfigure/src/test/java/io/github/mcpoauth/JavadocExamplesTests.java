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

package io.github.mcpoauth;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.mcpoauth.actuate.McpOAuthHealthIndicator;
import io.github.mcpoauth.authorization.LoopbackUserAgent;
import io.github.mcpoauth.authorization.Pkce;
import io.github.mcpoauth.authorization.PrintUrlLauncher;
import io.github.mcpoauth.authorization.SystemBrowserLauncher;
import io.github.mcpoauth.authorization.UserAgent;
import io.github.mcpoauth.client.McpOAuthClient;
import io.github.mcpoauth.core.McpOAuthErrorCode;
import io.github.mcpoauth.core.McpOAuthException;
import io.github.mcpoauth.core.McpServerDefinition;
import io.github.mcpoauth.core.McpServerRegistry;
import io.github.mcpoauth.discovery.BearerChallenge;
import io.github.mcpoauth.discovery.DiscoveredServer;
import io.github.mcpoauth.discovery.MetadataDiscoverer;
import io.github.mcpoauth.dpop.DPoPKey;
import io.github.mcpoauth.grant.GrantProvider;
import io.github.mcpoauth.http.BackChannel;
import io.github.mcpoauth.principal.McpPrincipals;
import io.github.mcpoauth.principal.PrincipalResolver;
import io.github.mcpoauth.protocol.McpProtocolClient;
import io.github.mcpoauth.protocol.McpServerDescription;
import io.github.mcpoauth.registration.ClientRegistrar;
import io.github.mcpoauth.registration.OAuthClientRegistration;
import io.github.mcpoauth.springai.SpringAiConnections;
import io.github.mcpoauth.springai.SpringAiConnections.Transport;
import io.github.mcpoauth.store.InMemoryTokenStore;
import io.github.mcpoauth.store.McpOAuthStore;
import io.github.mcpoauth.store.TokenKey;
import io.github.mcpoauth.store.TokenStore;
import io.github.mcpoauth.store.TokenStoreSettings;
import io.github.mcpoauth.store.TokenStoreSettings.FileSettings;
import io.github.mcpoauth.store.TokenStores;
import io.github.mcpoauth.token.OAuthToken;
import io.github.mcpoauth.token.Redaction;
import io.github.mcpoauth.token.TokenEndpointClient;
import io.github.mcpoauth.web.McpConnections;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The code examples of the library's Javadoc (each package's {@code package-info.java} and
 * the class Javadoc of the main entry points), compiled here so that they keep to the API,
 * and run where they can run without a server. Each {@code ...Example} method holds the code
 * of one Javadoc example as it is written there; change both together.
 */
class JavadocExamplesTests {

	private static final URI SAMPLE = URI.create("http://127.0.0.1:9003/mcp");

	// ---- io.github.mcpoauth.core (package-info)

	static McpServerRegistry coreExample() {
		McpServerDefinition server = McpServerDefinition.builder("sample", URI.create("http://127.0.0.1:9003/mcp"))
			.clientId("static-mcp-client-001")
			.clientSecret(System.getenv("SAMPLE_CLIENT_SECRET"))
			.scopes(Set.of("mcp:tools"))
			.build();
		McpServerRegistry servers = new McpServerRegistry(List.of(server));
		// A request URL is authorized with the server whose URL it starts with (path at a "/" boundary):
		McpServerDefinition matched = servers.match(URI.create("http://127.0.0.1:9003/mcp/tools"));
		return servers;
	}

	static void coreErrorExample(McpOAuthClient engine, McpServerDefinition server) {
		try {
			String header = engine.authorizationHeader(server).block();
		}
		catch (McpOAuthException ex) {
			// A stable code, and a message that says what is wrong and what to do.
			if (ex.getErrorCode() != McpOAuthErrorCode.INTERACTION_REQUIRED) {
				throw ex;
			}
		}
	}

	@Test
	void coreExampleMatchesRequestUrlsToTheConfiguredServer() {
		McpServerRegistry servers = coreExample();
		assertThat(servers.match(URI.create("http://127.0.0.1:9003/mcp/tools")).name()).isEqualTo("sample");
		assertThat(servers.match(URI.create("http://127.0.0.1:9003/mcpx"))).isNull();
	}

	@Test
	void coreErrorExampleReadsTheErrorCode() {
		try (McpOAuthClient engine = McpOAuthClient.builder().build()) {
			// Nothing listens on port 1: the typed error names what failed.
			McpServerDefinition server = McpServerDefinition.builder("down", URI.create("http://127.0.0.1:1/mcp")).build();
			assertThatThrownBy(() -> coreErrorExample(engine, server)).isInstanceOfSatisfying(McpOAuthException.class,
					(ex) -> assertThat(ex.getErrorCode()).isIn(McpOAuthErrorCode.CONNECTION_FAILED,
							McpOAuthErrorCode.DISCOVERY_FAILED));
		}
	}

	// ---- io.github.mcpoauth.client (package-info, McpOAuthClient, McpOAuthClientBuilder)

	static McpOAuthClient clientExample(TokenStore store) {
		McpOAuthClient engine = McpOAuthClient.builder()
			.userAgent(new LoopbackUserAgent(new SystemBrowserLauncher())) // browser + 127.0.0.1 listener
			.tokenStore(store)
			.build();
		return engine;
	}

	// McpOAuthClientBuilder's class Javadoc.
	static McpOAuthClient builderClassExample(TokenStore store, GrantProvider myDeviceCodeProvider) {
		McpOAuthClient engine = McpOAuthClient.builder()
			.userAgent(new LoopbackUserAgent(new SystemBrowserLauncher()))
			.tokenStore(store)
			.grantProvider(myDeviceCodeProvider) // asked before the built-in providers
			.build();
		return engine;
	}

	static String clientUseExample(McpOAuthClient engine) {
		McpServerDefinition server = McpServerDefinition.builder("sample", URI.create("http://127.0.0.1:9003/mcp"))
			.clientId("static-mcp-client-001")
			.build();
		// The stored token, else a refreshed one, else a new authorization (the browser opens):
		OAuthToken token = engine.ensureAuthenticated(server).block();
		String header = engine.authorizationHeader(server).block(); // "Bearer ..." or "DPoP ..."
		engine.clearTokens(server).block(); // forget this principal's tokens
		return header;
	}

	@Test
	void clientExampleBuildsAnEngineThatReadsTheGivenStore() {
		InMemoryTokenStore store = new InMemoryTokenStore();
		try (McpOAuthClient engine = clientExample(store)) {
			assertThat(engine.tokenStore()).isSameAs(store);
			McpServerDefinition server = McpServerDefinition.builder("sample", SAMPLE).build();
			// Nothing stored: no token, and no request is made to find one.
			assertThat(engine.currentToken(server).blockOptional()).isEmpty();
		}
	}

	// ---- io.github.mcpoauth.store (package-info, TokenStore)

	static McpOAuthStore storeExample(Path directory) {
		// The encrypted file in a directory of your choice, with a random key file next to it:
		McpOAuthStore store = TokenStores.create(TokenStoreSettings.defaults()
			.withType(TokenStoreSettings.Type.ENCRYPTED_FILE)
			.withFile(new FileSettings(directory, null, null)));
		// TokenStoreSettings.Type.AUTO picks the OS keychain when one answers, else the file;
		// new InMemoryTokenStore() keeps nothing across restarts (tests, short-lived processes).
		return store;
	}

	static boolean storeUseExample(McpOAuthStore store) {
		// Whose token for which server; the engine saves and refreshes, the store keeps.
		Boolean usable = store.hasValidToken(TokenKey.of("sample", "alice"), Clock.systemUTC(), Duration.ofSeconds(60))
			.block();
		List<TokenKey> stored = store.tokenKeys().collectList().block();
		return usable;
	}

	// TokenStore's class Javadoc; not run: the AUTO store would probe this machine's keychain.
	static McpOAuthClient tokenStoreClassExample() {
		TokenStore store = TokenStores.create(TokenStoreSettings.defaults()); // the OS keychain, else the encrypted file
		OAuthToken token = store.loadToken(TokenKey.of("sample", "alice")).block();
		McpOAuthClient engine = McpOAuthClient.builder().tokenStore(store).build();
		return engine;
	}

	// McpOAuthClient's class Javadoc.
	static String clientClassExample(UserAgent userAgent, TokenStore store, McpServerDefinition server) {
		McpOAuthClient engine = McpOAuthClient.builder().userAgent(userAgent).tokenStore(store).build();
		String header = engine.authorizationHeader(server).block();
		return header;
	}

	@Test
	void storeExampleCreatesAnEncryptedFileStore(@TempDir Path directory) throws Exception {
		McpOAuthStore store = storeExample(directory);
		try {
			assertThat(store.backendName()).isEqualTo("encrypted-file");
			assertThat(storeUseExample(store)).isFalse();
		}
		finally {
			if (store instanceof AutoCloseable closeable) {
				closeable.close();
			}
		}
	}

	// ---- io.github.mcpoauth.grant (package-info, GrantProvider)

	static McpOAuthClient grantExample() {
		TokenEndpointClient tokens = new TokenEndpointClient(
				BackChannel.webClient(WebClient.create(), BackChannel.DEFAULT_TIMEOUT), Clock.systemUTC());
		GrantProvider partnerAssertion = (context) -> {
			if (context.isRefresh() || !context.server().name().equals("partner")) {
				return Mono.empty(); // not this provider's: the next one is asked
			}
			return context.registration(context.server().redirectUri())
				.flatMap((registration) -> tokens.jwtBearer(context.tokenRequest(registration, null),
						System.getenv("PARTNER_ASSERTION")));
		};
		McpOAuthClient engine = McpOAuthClient.builder().grantProvider(partnerAssertion).build();
		return engine;
	}

	@Test
	void grantExampleIsAskedBeforeTheBuiltInProviders() {
		try (McpOAuthClient engine = grantExample()) {
			// The provider answers empty for other servers: with nothing stored, no token and no request.
			McpServerDefinition server = McpServerDefinition.builder("sample", SAMPLE).build();
			assertThat(engine.currentToken(server).blockOptional()).isEmpty();
		}
	}

	static McpOAuthClient grantProviderClassExample(TokenEndpointClient tokens, String assertion) {
		GrantProvider partnerAssertion = (context) -> (context.isRefresh() || !context.server().name().equals("partner"))
				? Mono.empty() // not this provider's: the next one is asked
				: context.registration(context.server().redirectUri())
					.flatMap((registration) -> tokens.jwtBearer(context.tokenRequest(registration, null), assertion));
		McpOAuthClient engine = McpOAuthClient.builder().grantProvider(partnerAssertion).build();
		return engine;
	}

	@Test
	void grantProviderClassExampleBuildsAnEngine() {
		TokenEndpointClient tokens = new TokenEndpointClient(httpExample(), Clock.systemUTC());
		try (McpOAuthClient engine = grantProviderClassExample(tokens, "not-a-real-assertion")) {
			assertThat(engine.defaultPrincipal()).isEqualTo(TokenKey.DEFAULT_PRINCIPAL);
		}
	}

	// ---- io.github.mcpoauth.principal (package-info, PrincipalResolver)

	static Mono<String> principalExample(McpOAuthClient engine) {
		Mono<String> principal = engine.principal().contextWrite(McpPrincipals.withPrincipal("alice")); // "alice"
		return principal;
	}

	static McpOAuthClient principalResolverExample() {
		// Whose tokens a request uses, found in the Reactor context (here: a tenant key).
		PrincipalResolver tenants = (context) -> Mono.justOrEmpty(context.<String>getOrEmpty("tenant"));
		McpOAuthClient engine = McpOAuthClient.builder().principalResolver(tenants).build();
		return engine;
	}

	@Test
	void principalExampleNamesThePrincipalInTheContext() {
		try (McpOAuthClient engine = principalResolverExample()) {
			assertThat(principalExample(engine).block()).isEqualTo("alice");
			assertThat(engine.principal().contextWrite((context) -> context.put("tenant", "acme")).block())
				.isEqualTo("acme");
			assertThat(engine.principal().block()).isEqualTo(TokenKey.DEFAULT_PRINCIPAL);
		}
	}

	// ---- io.github.mcpoauth.http (package-info, BackChannel)

	static WebClient httpExample() {
		// No redirects followed, https (or loopback http) only, 10 s for each exchange:
		WebClient backChannel = BackChannel.webClient(WebClient.create(), Duration.ofSeconds(10));
		return backChannel;
	}

	@Test
	void httpExampleRefusesAnInsecureEndpointBeforeSendingIt() {
		Mono<String> request = httpExample().get().uri("http://auth.example.com/token").retrieve().bodyToMono(String.class);
		assertThatThrownBy(request::block).isInstanceOfSatisfying(McpOAuthException.class,
				(ex) -> assertThat(ex.getErrorCode()).isEqualTo(McpOAuthErrorCode.INSECURE_ENDPOINT));
	}

	// ---- io.github.mcpoauth.discovery (package-info)

	static Mono<DiscoveredServer> discoveryExample(WebClient backChannel, List<String> wwwAuthenticate) {
		// The 401's WWW-Authenticate header may name the protected-resource metadata (RFC 9728 §5.1):
		BearerChallenge challenge = BearerChallenge.parse(wwwAuthenticate).orElse(null);
		Logger log = LoggerFactory.getLogger("discovery");
		MetadataDiscoverer discoverer = new MetadataDiscoverer(backChannel);
		Mono<DiscoveredServer> discovered = discoverer
			.discover(URI.create("http://127.0.0.1:9003/mcp"), challenge, null)
			.doOnNext((server) -> log.info("{} at {}", server.resource(), server.authorizationServer().issuer()));
		return discovered;
	}

	@Test
	void discoveryExampleParsesTheChallenge() {
		BearerChallenge challenge = BearerChallenge
			.parse(List.of("Bearer resource_metadata=\"http://127.0.0.1:9003/.well-known/oauth-protected-resource/mcp\", "
					+ "scope=\"mcp:tools\""))
			.orElseThrow();
		assertThat(challenge.scopes()).containsExactly("mcp:tools");
		assertThat(challenge.resourceMetadata())
			.isEqualTo(URI.create("http://127.0.0.1:9003/.well-known/oauth-protected-resource/mcp"));
		assertThat(discoveryExample(httpExample(), List.of())).isNotNull();
	}

	// ---- io.github.mcpoauth.registration (package-info)

	static Mono<OAuthClientRegistration> registrationExample(WebClient backChannel, McpOAuthStore store,
			McpServerDefinition server, DiscoveredServer discovered, URI redirectUri) {
		// Pre-registered (client-id), else a Client ID Metadata Document (client-metadata-url),
		// else a registration stored earlier for this issuer, else RFC 7591 dynamic registration:
		ClientRegistrar registrar = new ClientRegistrar(backChannel, store, Clock.systemUTC());
		Mono<OAuthClientRegistration> registration = registrar.registration(server, discovered.authorizationServer(),
				redirectUri);
		return registration;
	}

	@Test
	void registrationExampleCompilesAgainstTheRegistrar() {
		InMemoryTokenStore store = new InMemoryTokenStore();
		assertThat(new ClientRegistrar(httpExample(), store, Clock.systemUTC())).isNotNull();
		assertThat(store.registrationIssuers("sample").collectList().block()).isEmpty();
	}

	// ---- io.github.mcpoauth.authorization (package-info)

	static UserAgent authorizationExample() {
		// The redirect still comes back to a one-off listener on 127.0.0.1 (RFC 8252 §7.3).
		Logger log = LoggerFactory.getLogger("sign-in");
		LoopbackUserAgent userAgent = new LoopbackUserAgent(new PrintUrlLauncher((url) -> log.info("Open {}", url)));
		userAgent.setTimeout(Duration.ofMinutes(2));
		McpOAuthClient engine = McpOAuthClient.builder().userAgent(userAgent).build();
		engine.close();
		return userAgent;
	}

	@Test
	void authorizationExampleListensOnLoopback() {
		UserAgent userAgent = authorizationExample();
		try (UserAgent.Session session = userAgent.start(URI.create("http://127.0.0.1:0/callback")).block()) {
			assertThat(session.redirectUri().getHost()).isEqualTo("127.0.0.1");
			assertThat(session.redirectUri().getPort()).isPositive();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		Pkce pkce = Pkce.generate();
		assertThat(Pkce.challengeOf(pkce.codeVerifier())).isEqualTo(pkce.codeChallenge());
	}

	// ---- io.github.mcpoauth.token (package-info)

	static Mono<String> tokenExample(McpOAuthClient engine, McpServerDefinition server) {
		// The current token, if any (never starts an authorization), told apart without being shown:
		Mono<String> summary = engine.currentToken(server)
			.map((token) -> Redaction.fingerprint(token.accessToken()) + ", expires " + token.expiresAt()
					+ ", scopes " + token.scopes() + (token.hasRefreshToken() ? ", refreshable" : ""));
		return summary;
	}

	@Test
	void tokenExampleRedactsTheToken() {
		try (McpOAuthClient engine = McpOAuthClient.builder().build()) {
			assertThat(tokenExample(engine, McpServerDefinition.builder("sample", SAMPLE).build()).blockOptional())
				.isEmpty();
		}
		assertThat(Redaction.fingerprint("eyJhbGciOiJFUzI1NiJ9.not-a-real-token")).startsWith("eyJhbG... sha256:").doesNotContain("real");
	}

	// ---- io.github.mcpoauth.dpop (package-info)

	static String dpopExample() {
		DPoPKey key = DPoPKey.generate("ES256");
		// A proof for one request (RFC 9449 §4.2): method, URI, access token (resource requests), nonce.
		String proof = key.proof("POST", URI.create("https://auth.example.com/token"), null, null, Instant.now());
		String jkt = key.thumbprint(); // what a bound token's cnf.jkt names (RFC 9449 §6)
		return proof;
	}

	@Test
	void dpopExampleSignsAProof() {
		assertThat(dpopExample().split("\\.")).hasSize(3);
	}

	// ---- io.github.mcpoauth.protocol (package-info)

	static String protocolExample(WebClient.Builder webClients) {
		McpProtocolClient mcp = McpProtocolClient.builder(webClients.build(), URI.create("http://127.0.0.1:9003/mcp"))
			.serverName("sample")
			.build();
		McpServerDescription description = mcp.connect().block(); // 2026-07-28, else 2025-11-25
		CallToolResult result = mcp.callTool(new CallToolRequest("echo", Map.of("message", "hi"))).block();
		mcp.close().block();
		return description.protocolVersion();
	}

	@Test
	void protocolExampleBuildsAClient() {
		assertThat(McpProtocolClient.builder(WebClient.create(), SAMPLE).serverName("sample").build()).isNotNull();
	}

	// ---- io.github.mcpoauth.springai (package-info)

	static CallToolResult springAiExample(List<McpSyncClient> mcpClients) {
		// spring.ai.mcp.client.streamable-http.connections.sample.url=http://127.0.0.1:9003
		// mcp.oauth.servers.sample.client-id=static-mcp-client-001
		return mcpClients.get(0).callTool(new CallToolRequest("echo", Map.of("message", "Hello, Spring AI")));
	}

	@Test
	void springAiExampleUsesTheUrlTheTransportRequests() {
		// The server a connection is matched to is the one whose url covers what the transport requests:
		assertThat(SpringAiConnections.requestUrl("http://127.0.0.1:9003", null, Transport.HTTP_CLIENT))
			.isEqualTo(SAMPLE);
		assertThat(SpringAiConnections.requestUrl("http://127.0.0.1:9003", null, Transport.WEB_CLIENT))
			.isEqualTo(SAMPLE);
		java.util.function.Function<List<McpSyncClient>, CallToolResult> example = JavadocExamplesTests::springAiExample;
		assertThat(example).isNotNull();
	}

	// ---- io.github.mcpoauth.web (package-info)

	static class WebExample {

		private final McpConnections connections;

		WebExample(McpConnections connections) {
			this.connections = connections;
		}

		// Back at once when the signed-in user holds a token, else McpAuthorizationWebFilter
		// sends the browser to the authorization server and back.
		Mono<ServerResponse> connect(ServerRequest request) {
			return this.connections.connect("sample").then(ServerResponse.seeOther(URI.create("/")).build());
		}

		Mono<ServerResponse> status(ServerRequest request) {
			return this.connections.isConnected("sample").flatMap((connected) -> ServerResponse.ok().bodyValue(connected));
		}

	}

	@Test
	void webExampleTellsWhetherTheUserIsConnected() {
		McpServerRegistry servers = new McpServerRegistry(List.of(McpServerDefinition.builder("sample", SAMPLE).build()));
		try (McpOAuthClient engine = McpOAuthClient.builder().build()) {
			McpConnections connections = new McpConnections(engine, servers);
			assertThat(new WebExample(connections)).isNotNull();
			assertThat(connections.isConnected("sample").contextWrite(McpPrincipals.withPrincipal("alice")).block())
				.isFalse();
		}
	}

	// ---- io.github.mcpoauth.actuate (package-info)

	static Health actuateExample(McpServerRegistry servers, TokenStore store) {
		McpOAuthHealthIndicator health = new McpOAuthHealthIndicator(servers, store, Clock.systemUTC(),
				Duration.ofSeconds(60));
		Health report = health.health().block(); // UP; per server "valid", "refreshable", "expired" or "none"
		return report;
	}

	@Test
	void actuateExampleReportsEachServer() {
		Health health = actuateExample(coreExample(), new InMemoryTokenStore());
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("store", "memory")
			.containsEntry("servers", Map.of("sample", Map.of("token", "none")));
	}

}
