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

package io.github.mcpoauth.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.mcpoauth.authorization.LoopbackUserAgent;
import io.github.mcpoauth.authorization.UserAgent;
import io.github.mcpoauth.client.McpOAuthClient;
import io.github.mcpoauth.core.McpOAuthErrorCode;
import io.github.mcpoauth.core.McpOAuthException;
import io.github.mcpoauth.core.McpServerDefinition;
import io.github.mcpoauth.core.McpServerRegistry;
import io.github.mcpoauth.discovery.BearerChallenge;
import io.github.mcpoauth.store.InMemoryTokenStore;
import io.github.mcpoauth.testsupport.FakeAuthorizationServer;
import io.github.mcpoauth.testsupport.FakeAuthorizationServer.Response;
import io.github.mcpoauth.testsupport.RecordedRequest;
import io.github.mcpoauth.transport.McpOAuthExchangeFilterFunction;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.netty.http.client.HttpClient;

import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

import static io.github.mcpoauth.testsupport.FakeAuthorizationServer.AS_METADATA_PATH;
import static io.github.mcpoauth.testsupport.FakeAuthorizationServer.PRM_PATH;
import static io.github.mcpoauth.testsupport.McpOAuthAssertions.TIMEOUT;
import static io.github.mcpoauth.testsupport.McpOAuthAssertions.expectError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * A hostile or stuck authorization server against the engine, built through
 * {@link McpOAuthClient#builder()} as an application builds it: its back channel follows no
 * redirect, waits no longer than its timeout, and sends nothing, and opens no browser, for
 * an endpoint that is neither https nor http on a loopback host. Each test plays one point of
 * the threat with {@link FakeAuthorizationServer}, and a raw socket server where the fake
 * cannot misbehave enough (an answer whose body never ends).
 */
class BackChannelHostileServerTests {

	/**
	 * Short, so that the tests do not wait long, yet long enough for the fake's good answers
	 * on a busy machine once Reactor Netty is warm ({@link #warmUpReactorNetty()}).
	 */
	private static final Duration SHORT_TIMEOUT = Duration.ofSeconds(2);

	@RegisterExtension
	final FakeAuthorizationServer fake = FakeAuthorizationServer.startWithMetadata();

	private final List<URI> launched = new CopyOnWriteArrayList<>();

	private final List<AutoCloseable> closeables = new CopyOnWriteArrayList<>();

	/** The first request of a JVM starts Reactor Netty's event loops, which can take longer than the timeout. */
	@BeforeAll
	static void warmUpReactorNetty() {
		try (FakeAuthorizationServer warmUp = FakeAuthorizationServer.startWithMetadata()) {
			WebClient.create().get().uri(warmUp.uri(PRM_PATH)).retrieve().toBodilessEntity().block(TIMEOUT);
		}
	}

	@AfterEach
	void closeStubs() throws Exception {
		for (AutoCloseable closeable : this.closeables) {
			closeable.close();
		}
	}

	// ------------------------------------------------------------------ redirects

	@Test
	void discoveryWhenProtectedResourceMetadataRedirectsThenRedirectRefusedAndNothingIsFollowed() {
		this.fake.document("/moved/prm", this.fake.protectedResourceMetadata());
		this.fake.route(PRM_PATH, (request) -> Response.redirect(this.fake.origin() + "/moved/prm"));

		McpOAuthException ex = expectError(client(null).ensureAuthenticated(clientCredentialsServer()),
				McpOAuthErrorCode.REDIRECT_REFUSED);

		assertThat(ex.getMessage()).contains("GET '" + this.fake.origin() + PRM_PATH + "'")
			.contains("HTTP 302")
			.contains("'" + this.fake.origin() + "/moved/prm'");
		assertThat(this.fake.requestLines()).containsExactly("GET " + PRM_PATH);
	}

	@Test
	void discoveryWhenAuthorizationServerMetadataRedirectsThenRedirectRefusedAndNothingIsFollowed() {
		this.fake.document("/moved/as", this.fake.authorizationServerMetadata());
		this.fake.route(AS_METADATA_PATH,
				(request) -> new Response(301, Map.of("Location", "https://as.example/metadata"), ""));

		expectError(client(null).ensureAuthenticated(clientCredentialsServer()), McpOAuthErrorCode.REDIRECT_REFUSED);

		assertThat(this.fake.requestLines()).containsExactly("GET " + PRM_PATH, "GET " + AS_METADATA_PATH);
	}

	@Test
	void tokenRequestWhenTokenEndpointRedirectsWith307ThenTheClientSecretGoesNowhereElse() {
		this.fake.route("/token", (request) -> new Response(307, Map.of("Location", this.fake.origin() + "/stolen"), ""));

		McpOAuthException ex = expectError(client(null).ensureAuthenticated(clientCredentialsServer()),
				McpOAuthErrorCode.REDIRECT_REFUSED);

		assertThat(ex.getMessage()).contains("POST '" + this.fake.origin() + "/token'").doesNotContain("app-secret");
		assertThat(this.fake.count("/token")).isOne();
		assertThat(this.fake.count("/stolen")).isZero();
	}

	@Test
	void registrationWhenRegistrationEndpointRedirectsThenRedirectRefusedBeforeTheUserIsAsked() {
		this.fake.route("/register", (request) -> Response.redirect(this.fake.origin() + "/moved/register"));

		expectError(client(launcher()).ensureAuthenticated(this.fake.mcpServer()), McpOAuthErrorCode.REDIRECT_REFUSED);

		assertThat(this.fake.requestLines()).containsExactly("GET " + PRM_PATH, "GET " + AS_METADATA_PATH,
				"POST /register");
		assertThat(this.launched).isEmpty();
	}

	@Test
	void identityAssertionRequestWhenIdentityProviderRedirectsThenRedirectRefusedAndTheIdTokenGoesNowhereElse() {
		this.fake.route("/idp/token", (request) -> new Response(308, Map.of("Location", "/stolen"), ""));

		McpOAuthException ex = expectError(client(null).ensureAuthenticated(crossAppServer(this.fake.uri("/idp/token"))),
				McpOAuthErrorCode.REDIRECT_REFUSED);

		assertThat(ex.getMessage()).doesNotContain("alice-id-token");
		assertThat(this.fake.count("/stolen")).isZero();
		assertThat(this.fake.count("/token")).isZero();
	}

	@Test
	void anyRequestWhenTheApplicationsConnectorFollowsRedirectsThenNothingIsSent() {
		WebClient following = WebClient.builder()
			.clientConnector(new ReactorClientHttpConnector(HttpClient.create().followRedirect(true)))
			.build();
		McpOAuthClient client = McpOAuthClient.builder().webClient(following).tokenStore(new InMemoryTokenStore()).build();

		McpOAuthException ex = expectError(client.ensureAuthenticated(clientCredentialsServer()),
				McpOAuthErrorCode.INVALID_CONFIGURATION);

		assertThat(ex.getMessage()).contains("follows redirects");
		assertThat(this.fake.requests()).isEmpty();
	}

	// ------------------------------------------------------------------ timeouts

	@Test
	void tokenRequestWhenTokenEndpointNeverAnswersThenTimeoutWithinTheConfiguredBound() {
		this.fake.tokenDelay(Duration.ofMinutes(10));

		McpOAuthException ex = expectError(client(null).ensureAuthenticated(clientCredentialsServer()),
				McpOAuthErrorCode.TIMEOUT);

		assertThat(ex.getMessage()).contains("POST '" + this.fake.origin() + "/token'")
			.contains("within 2 s")
			.contains("mcp.oauth.http.timeout");
	}

	@Test
	void tokenRequestWhenTheServerRecoversAfterATimeoutThenTheNextRequestStartsAfreshAndSucceeds() {
		McpOAuthClient client = client(null);
		McpServerDefinition server = clientCredentialsServer();
		this.fake.tokenDelay(Duration.ofMinutes(10));
		expectError(client.ensureAuthenticated(server), McpOAuthErrorCode.TIMEOUT);

		this.fake.tokenDelay(Duration.ZERO);

		assertThat(client.ensureAuthenticated(server).block(TIMEOUT).accessToken()).startsWith("access-");
	}

	@Test
	void tokenRequestWhenTheAnswersBodyNeverEndsThenTimeout() {
		StallingServer stalling = stallingServer("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
				+ "Content-Length: 1000\r\n\r\n{\"access_token\":\"");
		Map<String, Object> metadata = this.fake.authorizationServerMetadata();
		metadata.put("token_endpoint", stalling.uri("/token").toString());
		this.fake.document(AS_METADATA_PATH, metadata);

		expectError(client(null).ensureAuthenticated(clientCredentialsServer()), McpOAuthErrorCode.TIMEOUT);

		assertThat(stalling.requests()).isOne();
	}

	@Test
	void tokenRequestWhenTheAnswerBreaksOffThenConnectionFailed() {
		StallingServer breaking = stallingServer("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
				+ "Content-Length: 1000\r\n\r\n{\"access_token\":\"", true);
		Map<String, Object> metadata = this.fake.authorizationServerMetadata();
		metadata.put("token_endpoint", breaking.uri("/token").toString());
		this.fake.document(AS_METADATA_PATH, metadata);

		McpOAuthException ex = expectError(client(null).ensureAuthenticated(clientCredentialsServer()),
				McpOAuthErrorCode.CONNECTION_FAILED);

		assertThat(ex.getMessage()).contains("broke off");
	}

	@Test
	void registrationWhenRegistrationEndpointNeverAnswersThenTimeoutBeforeTheUserIsAsked() {
		this.fake.route("/register", (request) -> sleepThenNotFound());

		expectError(client(launcher()).ensureAuthenticated(this.fake.mcpServer()), McpOAuthErrorCode.TIMEOUT);

		assertThat(this.launched).isEmpty();
	}

	@Test
	void identityAssertionRequestWhenIdentityProviderNeverAnswersThenTimeout() {
		this.fake.route("/idp/token", (request) -> sleepThenNotFound());

		expectError(client(null).ensureAuthenticated(crossAppServer(this.fake.uri("/idp/token"))),
				McpOAuthErrorCode.TIMEOUT);

		assertThat(this.fake.count("/token")).isZero();
	}

	@Test
	void discoveryWhenNoMetadataUrlEverAnswersThenEachIsAbandonedAfterTheBackChannelTimeout() {
		for (String path : List.of(PRM_PATH, "/.well-known/oauth-protected-resource", AS_METADATA_PATH,
				"/.well-known/openid-configuration")) {
			this.fake.route(path, (request) -> sleepThenNotFound());
		}

		// four URLs of 300 ms each; discovery's own 10 s per URL would outlast the verification (15 s)
		expectError(client(null, Duration.ofMillis(300)).ensureAuthenticated(clientCredentialsServer()),
				McpOAuthErrorCode.DISCOVERY_FAILED);
	}

	// ------------------------------------------------------------------ schemes

	@ParameterizedTest
	@ValueSource(strings = { "javascript:alert(document.cookie)", "file:///etc/passwd", "myapp://authorize",
			"http://as.invalid/authorize" })
	void authorizationWhenAuthorizationEndpointIsInsecureThenRefusedBeforeRegistrationAndBeforeTheLauncherRuns(
			String endpoint) {
		advertise("authorization_endpoint", endpoint);

		expectError(client(launcher()).ensureAuthenticated(this.fake.mcpServer()), McpOAuthErrorCode.INSECURE_ENDPOINT);

		assertThat(this.launched).isEmpty();
		assertThat(this.fake.requestLines()).containsExactly("GET " + PRM_PATH, "GET " + AS_METADATA_PATH);
	}

	@ParameterizedTest
	@ValueSource(strings = { "file:///etc/passwd", "myapp://token", "http://as.invalid/token" })
	void tokenRequestWhenTokenEndpointIsInsecureThenRefusedBeforeAnyRequest(String endpoint) {
		advertise("token_endpoint", endpoint);

		// as.invalid cannot resolve: had a request been tried, the code would be CONNECTION_FAILED
		McpOAuthException ex = expectError(client(null).ensureAuthenticated(clientCredentialsServer()),
				McpOAuthErrorCode.INSECURE_ENDPOINT);

		assertThat(ex.getMessage()).contains("token endpoint");
		assertThat(this.fake.requestLines()).containsExactly("GET " + PRM_PATH, "GET " + AS_METADATA_PATH);
	}

	@ParameterizedTest
	@ValueSource(strings = { "file:///tmp/register", "http://as.invalid/register" })
	void registrationWhenRegistrationEndpointIsInsecureThenRefusedBeforeAnyRequestAndBeforeTheLauncherRuns(
			String endpoint) {
		advertise("registration_endpoint", endpoint);

		expectError(client(launcher()).ensureAuthenticated(this.fake.mcpServer()), McpOAuthErrorCode.INSECURE_ENDPOINT);

		assertThat(this.launched).isEmpty();
		assertThat(this.fake.count("/register")).isZero();
	}

	@ParameterizedTest
	@ValueSource(strings = { "file:///etc/passwd", "http://as.invalid/.well-known/oauth-protected-resource" })
	void discoveryWhenChallengeNamesAnInsecureResourceMetadataUrlThenRefusedBeforeAnyRequest(String url) {
		BearerChallenge challenge = BearerChallenge.parse(List.of("Bearer resource_metadata=\"" + url + "\""))
			.orElseThrow();

		expectError(client(launcher()).handleUnauthorized(this.fake.mcpServer(), challenge, null),
				McpOAuthErrorCode.INSECURE_ENDPOINT);

		assertThat(this.fake.requests()).isEmpty();
		assertThat(this.launched).isEmpty();
	}

	@Test
	void discoveryWhenProtectedResourceMetadataNamesAnInsecureAuthorizationServerThenRefusedBeforeFetchingIt() {
		Map<String, Object> prm = this.fake.protectedResourceMetadata();
		prm.put("authorization_servers", List.of("http://as.invalid"));
		this.fake.document(PRM_PATH, prm);

		expectError(client(null).ensureAuthenticated(clientCredentialsServer()), McpOAuthErrorCode.INSECURE_ENDPOINT);

		assertThat(this.fake.requestLines()).containsExactly("GET " + PRM_PATH);
	}

	@Test
	void identityAssertionRequestWhenIdentityProviderIsRemotePlainHttpThenRefusedBeforeAnyRequest() {
		McpOAuthException ex = expectError(
				client(null).ensureAuthenticated(crossAppServer(URI.create("http://idp.invalid/token"))),
				McpOAuthErrorCode.INSECURE_ENDPOINT);

		assertThat(ex.getMessage()).contains("'http://idp.invalid/token'");
		assertThat(this.fake.count("/token")).isZero();
	}

	// ------------------------------------------------------------------ request paths

	@Test
	void requestWhenPathHasEncodedDotSegmentsSlashesOrParametersThenItCarriesNoToken() {
		McpServerDefinition server = clientCredentialsServer();
		McpOAuthClient client = client(null);
		client.ensureAuthenticated(server).block(TIMEOUT);
		WebClient webClient = WebClient.builder()
			.filter(new McpOAuthExchangeFilterFunction(client, new McpServerRegistry(List.of(server))))
			.build();

		for (String path : List.of("/mcp", "/mcp/%2e%2e/admin", "/mcp/.%2E/admin", "/mcp%2f..%2fadmin",
				"/mcp/..%5cadmin", "/mcp/..;/admin")) {
			webClient.get().uri(URI.create(this.fake.origin() + path)).retrieve().toBodilessEntity()
				.onErrorComplete()
				.block(TIMEOUT);
		}

		assertThat(this.fake.requests().stream().filter((request) -> request.path().startsWith("/mcp")))
			.extracting(RecordedRequest::path, (request) -> request.bearerToken() != null)
			.containsExactly(tuple("/mcp", true),
					tuple("/mcp/%2e%2e/admin", false),
					tuple("/mcp/.%2E/admin", false),
					tuple("/mcp%2f..%2fadmin", false),
					tuple("/mcp/..%5cadmin", false),
					tuple("/mcp/..;/admin", false));
	}

	// ------------------------------------------------------------------ helpers

	private McpOAuthClient client(@Nullable UserAgent userAgent) {
		return client(userAgent, SHORT_TIMEOUT);
	}

	private McpOAuthClient client(@Nullable UserAgent userAgent, Duration backChannelTimeout) {
		return McpOAuthClient.builder()
			.webClient(WebClient.create())
			.tokenStore(new InMemoryTokenStore())
			.userAgent(userAgent)
			.backChannelTimeout(backChannelTimeout)
			.build();
	}

	/** A browser user agent whose launcher only records the URL it was asked to open. */
	private UserAgent launcher() {
		return new LoopbackUserAgent(this.launched::add);
	}

	private McpServerDefinition clientCredentialsServer() {
		return this.fake.mcpServer()
			.mutate()
			.grantType(McpServerDefinition.GrantType.CLIENT_CREDENTIALS)
			.clientId("app")
			.clientSecret("app-secret")
			.build();
	}

	private McpServerDefinition crossAppServer(URI idpTokenEndpoint) {
		return this.fake.mcpServer()
			.mutate()
			.grantType(McpServerDefinition.GrantType.CROSS_APP_ACCESS)
			.clientId("app")
			.clientSecret("app-secret")
			.crossApp(new McpServerDefinition.CrossAppAccess(idpTokenEndpoint, "alice-id-token", "idp-client",
					"idp-secret"))
			.build();
	}

	private void advertise(String member, String value) {
		Map<String, Object> metadata = this.fake.authorizationServerMetadata();
		metadata.put(member, value);
		this.fake.document(AS_METADATA_PATH, metadata);
	}

	/** Holds the fake's handler thread until the fake is closed (which interrupts it). */
	private static Response sleepThenNotFound() {
		try {
			Thread.sleep(Duration.ofMinutes(10).toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return Response.notFound();
	}

	private StallingServer stallingServer(String answer) {
		return stallingServer(answer, false);
	}

	private StallingServer stallingServer(String answer, boolean closeAfterAnswer) {
		StallingServer server = new StallingServer(answer, closeAfterAnswer);
		this.closeables.add(server);
		return server;
	}

	/**
	 * Accepts connections on {@code 127.0.0.1}, reads each request's head, writes a fixed
	 * beginning of an answer and then nothing more, holding the connection open or closing it.
	 */
	private static final class StallingServer implements AutoCloseable {

		private final ServerSocket socket;

		private final List<Socket> accepted = new CopyOnWriteArrayList<>();

		private final AtomicInteger requests = new AtomicInteger();

		StallingServer(String answer, boolean closeAfterAnswer) {
			try {
				this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
			Thread thread = new Thread(() -> serve(answer.getBytes(StandardCharsets.US_ASCII), closeAfterAnswer),
					"stalling-server");
			thread.setDaemon(true);
			thread.start();
		}

		URI uri(String path) {
			return URI.create("http://127.0.0.1:" + this.socket.getLocalPort() + path);
		}

		int requests() {
			return this.requests.get();
		}

		private void serve(byte[] answer, boolean closeAfterAnswer) {
			while (!this.socket.isClosed()) {
				try {
					Socket connection = this.socket.accept();
					this.accepted.add(connection);
					readHead(connection.getInputStream());
					this.requests.incrementAndGet();
					OutputStream out = connection.getOutputStream();
					out.write(answer);
					out.flush();
					if (closeAfterAnswer) {
						connection.close();
					}
				}
				catch (IOException ex) {
					return;
				}
			}
		}

		private static void readHead(InputStream in) throws IOException {
			int matched = 0;
			byte[] end = { '\r', '\n', '\r', '\n' };
			while (matched < end.length) {
				int next = in.read();
				if (next < 0) {
					return;
				}
				matched = (next == end[matched]) ? matched + 1 : ((next == '\r') ? 1 : 0);
			}
		}

		@Override
		public void close() throws IOException {
			this.socket.close();
			for (Socket connection : this.accepted) {
				connection.close();
			}
		}

	}

}
