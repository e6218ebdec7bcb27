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

package io.github.mcpoauth.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.dpop.JWKThumbprintConfirmation;
import com.nimbusds.oauth2.sdk.dpop.verifiers.DPoPIssuer;
import com.nimbusds.oauth2.sdk.dpop.verifiers.DPoPProtectedResourceRequestVerifier;
import com.nimbusds.oauth2.sdk.dpop.verifiers.DPoPTokenRequestVerifier;
import com.nimbusds.oauth2.sdk.token.DPoPAccessToken;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.mcpoauth.core.McpServerDefinition;
import io.github.mcpoauth.discovery.BearerChallenge;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * An authorization server and MCP resource in one, for tests: a JDK {@link HttpServer} on
 * {@code 127.0.0.1} and a free port that
 * <ul>
 * <li>serves JSON documents (protected-resource and authorization-server metadata) at
 * configurable paths, and 404 everywhere else;</li>
 * <li>answers {@code /authorize} with a 302 to the redirect URI carrying {@code code},
 * {@code state} and optionally {@code iss} (or an error, or a login page);</li>
 * <li>answers {@code /token} for the authorization-code grant (checking the PKCE verifier
 * and the redirect URI), refresh (rotating refresh tokens), client credentials and JWT
 * bearer, unless a queued response is pending;</li>
 * <li>answers {@code /register} as an RFC 7591 endpoint;</li>
 * <li>protects {@code /mcp}: 401 with a {@code Bearer} challenge without a valid token,
 * 403 {@code insufficient_scope} when the token lacks a required scope, else 200;</li>
 * <li>with {@link #dpop(boolean)}, plays a DPoP authorization and resource server (RFC 9449):
 * advertises {@code dpop_signing_alg_values_supported}, verifies proofs with Nimbus's
 * verifiers, issues {@code DPoP} tokens bound to the proof's key (refresh tokens too), and
 * at {@code /mcp} takes a bound token only as {@code Authorization: DPoP} with a valid proof
 * for it; each side can demand a nonce.</li>
 * </ul>
 * Every request is recorded, in order.
 *
 * <p>As a field registered with {@code @RegisterExtension} it serves the one test its test
 * instance runs, and is closed after it.
 */
public final class FakeAuthorizationServer implements AutoCloseable, AfterEachCallback {

	public static final String PRM_PATH = "/.well-known/oauth-protected-resource/mcp";

	public static final String AS_METADATA_PATH = "/.well-known/oauth-authorization-server";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** The proof algorithms the fake accepts, as published. */
	public static final List<String> DPOP_ALGORITHMS = List.of("ES256", "RS256");

	private static final Set<JWSAlgorithm> DPOP_JWS_ALGORITHMS = Set.of(JWSAlgorithm.ES256, JWSAlgorithm.RS256);

	private final HttpServer server;

	private final ExecutorService executor;

	private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();

	private final Map<String, Handler> routes = new ConcurrentHashMap<>();

	private final Queue<Response> tokenResponses = new ConcurrentLinkedQueue<>();

	private final Queue<Response> registrationResponses = new ConcurrentLinkedQueue<>();

	private final Map<String, Grant> codes = new ConcurrentHashMap<>();

	private final Map<String, Grant> refreshTokens = new ConcurrentHashMap<>();

	private final Map<String, Grant> accessTokens = new ConcurrentHashMap<>();

	private final AtomicInteger counter = new AtomicInteger();

	private volatile @Nullable Integer expiresIn = 3600;

	private volatile boolean issueRefreshTokens = true;

	private volatile Duration tokenDelay = Duration.ZERO;

	private volatile java.util.function.Consumer<RecordedRequest> beforeToken = (request) -> {
	};

	private volatile @Nullable String authorizationIss;

	private volatile @Nullable String authorizationStateOverride;

	private volatile @Nullable String authorizationError;

	private volatile boolean loginPage;

	private volatile boolean consentHop;

	private volatile boolean dpop;

	private volatile @Nullable String dpopNonce;

	private volatile @Nullable String mcpDPoPNonce;

	private volatile boolean mcpBearerOnly;

	/** The key thumbprint (cnf.jkt) each DPoP-bound access or refresh token is bound to. */
	private final Map<String, String> boundTokens = new ConcurrentHashMap<>();

	/** The jti of every proof seen, to refuse a replay (RFC 9449 §11.1). */
	private final Set<String> proofIds = ConcurrentHashMap.newKeySet();

	private volatile Set<String> mcpRequiredScopes = Set.of();

	private volatile Response mcpResponse = Response.json(200, Map.of("ok", true));

	private volatile @Nullable Handler mcpHandler;

	private FakeAuthorizationServer() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.executor = Executors.newCachedThreadPool((runnable) -> {
			Thread thread = new Thread(runnable, "fake-authorization-server");
			thread.setDaemon(true);
			return thread;
		});
		this.server.setExecutor(this.executor);
		this.server.createContext("/", this::dispatch);
		this.routes.put("/authorize", this::authorize);
		this.routes.put("/consent", (request) -> Response.redirect(request.query("next")));
		this.routes.put("/token", this::token);
		this.routes.put("/register", this::register);
		this.routes.put("/mcp", this::mcp);
	}

	/**
	 * Starts a server that publishes nothing yet: endpoints answer, metadata paths are 404.
	 * @return the started server
	 */
	public static FakeAuthorizationServer start() {
		try {
			FakeAuthorizationServer fake = new FakeAuthorizationServer();
			fake.server.start();
			return fake;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot start the fake authorization server", ex);
		}
	}

	/**
	 * Starts a server that publishes protected-resource metadata for {@code /mcp} at
	 * {@link #PRM_PATH} and authorization-server metadata at {@link #AS_METADATA_PATH}, the
	 * issuer being the server's origin.
	 * @return the started server
	 */
	public static FakeAuthorizationServer startWithMetadata() {
		FakeAuthorizationServer fake = start();
		fake.document(PRM_PATH, fake.protectedResourceMetadata());
		fake.document(AS_METADATA_PATH, fake.authorizationServerMetadata());
		return fake;
	}

	// ---------------------------------------------------------------- addresses

	/** @return {@code http://127.0.0.1:<port>} */
	public String origin() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	public URI uri(String path) {
		return URI.create(origin() + path);
	}

	/** @return the MCP endpoint, {@code <origin>/mcp} */
	public URI mcpUrl() {
		return uri("/mcp");
	}

	/**
	 * @return the MCP server this fake plays, named {@code fake}, at {@link #mcpUrl()}
	 */
	public McpServerDefinition mcpServer() {
		return McpServerDefinition.builder("fake", mcpUrl()).build();
	}

	/** @return the default issuer: the origin */
	public String issuer() {
		return origin();
	}

	// ---------------------------------------------------------------- documents

	/**
	 * Protected-resource metadata for {@link #mcpUrl()}, protected by {@link #issuer()}, with
	 * {@code scopes_supported} {@code mcp:read}; a mutable map to adjust.
	 * @return the document
	 */
	public Map<String, Object> protectedResourceMetadata() {
		Map<String, Object> prm = new LinkedHashMap<>();
		prm.put("resource", mcpUrl().toString());
		prm.put("authorization_servers", List.of(issuer()));
		prm.put("scopes_supported", List.of("mcp:read"));
		prm.put("bearer_methods_supported", List.of("header"));
		return prm;
	}

	/**
	 * Authorization-server metadata of {@link #issuer()}; a mutable map to adjust.
	 * @return the document
	 */
	public Map<String, Object> authorizationServerMetadata() {
		return authorizationServerMetadata(issuer());
	}

	/**
	 * Authorization-server metadata naming the given issuer, with this server's endpoints.
	 * @param issuer the issuer to publish
	 * @return a mutable document
	 */
	public Map<String, Object> authorizationServerMetadata(String issuer) {
		Map<String, Object> as = new LinkedHashMap<>();
		as.put("issuer", issuer);
		as.put("authorization_endpoint", origin() + "/authorize");
		as.put("token_endpoint", origin() + "/token");
		as.put("registration_endpoint", origin() + "/register");
		as.put("response_types_supported", List.of("code"));
		as.put("grant_types_supported", List.of("authorization_code", "refresh_token", "client_credentials"));
		as.put("code_challenge_methods_supported", List.of("S256"));
		as.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post", "none"));
		as.put("scopes_supported", List.of("mcp:read", "mcp:write", "offline_access"));
		if (this.dpop) {
			as.put("dpop_signing_alg_values_supported", DPOP_ALGORITHMS);
		}
		return as;
	}

	/**
	 * Serves a JSON document with status 200 at a path.
	 * @param path the path
	 * @param json a map or list, written as JSON
	 * @return this server
	 */
	public FakeAuthorizationServer document(String path, Object json) {
		return route(path, (request) -> Response.json(200, json));
	}

	/**
	 * Serves a raw body as {@code application/json} at a path.
	 * @param path the path
	 * @param status the status
	 * @param body the body, sent as is
	 * @return this server
	 */
	public FakeAuthorizationServer rawDocument(String path, int status, String body) {
		return route(path, (request) -> new Response(status, Map.of("Content-Type", "application/json"), body));
	}

	/**
	 * Publishes authorization-server metadata whose token endpoint is a loopback port nobody
	 * listens on, so that every token request fails to connect.
	 * @return this server
	 */
	public FakeAuthorizationServer unreachableTokenEndpoint() {
		Map<String, Object> metadata = authorizationServerMetadata();
		metadata.put("token_endpoint", "http://127.0.0.1:" + closedPort() + "/token");
		return document(AS_METADATA_PATH, metadata);
	}

	private static int closedPort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public FakeAuthorizationServer route(String path, Handler handler) {
		this.routes.put(path, handler);
		return this;
	}

	public FakeAuthorizationServer remove(String path) {
		this.routes.remove(path);
		return this;
	}

	// ---------------------------------------------------------------- behaviour

	/**
	 * Queues a response for the next {@code /token} request, answered before the default logic.
	 * @param status the status
	 * @param json the JSON body
	 * @return this server
	 */
	public FakeAuthorizationServer enqueueTokenResponse(int status, Map<String, ?> json) {
		this.tokenResponses.add(Response.json(status, json));
		return this;
	}

	/**
	 * Queues a response, headers included, for the next {@code /token} request.
	 * @param response the response
	 * @return this server
	 */
	public FakeAuthorizationServer enqueueTokenResponse(Response response) {
		this.tokenResponses.add(response);
		return this;
	}

	public FakeAuthorizationServer enqueueTokenError(int status, String error) {
		return enqueueTokenResponse(status, Map.of("error", error, "error_description", "fake " + error));
	}

	public FakeAuthorizationServer enqueueRegistrationResponse(int status, Map<String, ?> json) {
		this.registrationResponses.add(Response.json(status, json));
		return this;
	}

	/** @param expiresIn the {@code expires_in} of issued tokens, {@code null} to omit it */
	public FakeAuthorizationServer expiresIn(@Nullable Integer expiresIn) {
		this.expiresIn = expiresIn;
		return this;
	}

	public FakeAuthorizationServer issueRefreshTokens(boolean issue) {
		this.issueRefreshTokens = issue;
		return this;
	}

	/**
	 * @param hook runs when a token request arrives, before it is answered: for example to
	 * let "another process" change a shared store in the middle of a refresh
	 * @return this server
	 */
	public FakeAuthorizationServer beforeTokenResponse(java.util.function.Consumer<RecordedRequest> hook) {
		this.beforeToken = hook;
		return this;
	}

	/** @param delay how long {@code /token} waits before answering */
	public FakeAuthorizationServer tokenDelay(Duration delay) {
		this.tokenDelay = delay;
		return this;
	}

	/** @param iss the {@code iss} to add to authorization responses (RFC 9207), {@code null} for none */
	public FakeAuthorizationServer authorizationIss(@Nullable String iss) {
		this.authorizationIss = iss;
		return this;
	}

	/** @param state a state to send back instead of the request's, {@code null} to echo it */
	public FakeAuthorizationServer authorizationStateOverride(@Nullable String state) {
		this.authorizationStateOverride = state;
		return this;
	}

	/** @param error an error to redirect with instead of a code, {@code null} for a code */
	public FakeAuthorizationServer authorizationError(@Nullable String error) {
		this.authorizationError = error;
		return this;
	}

	/** @param loginPage whether {@code /authorize} answers 200 with a login form instead of a redirect */
	public FakeAuthorizationServer loginPage(boolean loginPage) {
		this.loginPage = loginPage;
		return this;
	}

	/** @param consentHop whether {@code /authorize} redirects through {@code /consent} before the redirect URI */
	public FakeAuthorizationServer consentHop(boolean consentHop) {
		this.consentHop = consentHop;
		return this;
	}

	/**
	 * Plays a DPoP authorization server and resource (RFC 9449): the metadata lists
	 * {@code dpop_signing_alg_values_supported} (published again when it is served), a token
	 * request with a valid proof gets a {@code DPoP} token bound to its key, a refresh token
	 * issued so needs a proof with the same key, and {@code /mcp} takes bound tokens only as
	 * {@code Authorization: DPoP} with a valid proof ({@code htm}, {@code htu}, {@code ath},
	 * {@code cnf.jkt}, unused {@code jti}).
	 * @param dpop whether to
	 * @return this server
	 */
	public FakeAuthorizationServer dpop(boolean dpop) {
		this.dpop = dpop;
		if (this.routes.containsKey(AS_METADATA_PATH)) {
			document(AS_METADATA_PATH, authorizationServerMetadata());
		}
		return this;
	}

	/**
	 * @param nonce the nonce every token-request proof must carry; without it the answer is 400
	 * {@code use_dpop_nonce} with a {@code DPoP-Nonce} header (RFC 9449 §8), {@code null} for none
	 * @return this server
	 */
	public FakeAuthorizationServer dpopNonce(@Nullable String nonce) {
		this.dpopNonce = nonce;
		return this;
	}

	/**
	 * @param nonce the nonce every proof at {@code /mcp} must carry; without it the answer is 401
	 * {@code DPoP error="use_dpop_nonce"} with a {@code DPoP-Nonce} header (RFC 9449 §9), {@code null}
	 * for none
	 * @return this server
	 */
	public FakeAuthorizationServer mcpDPoPNonce(@Nullable String nonce) {
		this.mcpDPoPNonce = nonce;
		return this;
	}

	/**
	 * @param bearerOnly whether {@code /mcp} ignores {@code Authorization: DPoP} and challenges
	 * with {@code Bearer} alone, as a resource server without DPoP support does
	 * @return this server
	 */
	public FakeAuthorizationServer mcpBearerOnly(boolean bearerOnly) {
		this.mcpBearerOnly = bearerOnly;
		return this;
	}

	/**
	 * @param token an access or refresh token this server issued
	 * @return the thumbprint of the key it is bound to, or {@code null} for a bearer token
	 */
	public @Nullable String boundKey(String token) {
		return this.boundTokens.get(token);
	}

	/** @param scopes the scopes {@code /mcp} requires */
	public FakeAuthorizationServer mcpRequiredScopes(String... scopes) {
		this.mcpRequiredScopes = new LinkedHashSet<>(List.of(scopes));
		return this;
	}

	/**
	 * @param response what {@code /mcp} answers to an authorized request (default: 200 with
	 * {@code {"ok":true}})
	 */
	public FakeAuthorizationServer mcpResponse(Response response) {
		this.mcpResponse = response;
		return this;
	}

	/**
	 * @param handler what answers an authorized request to {@code /mcp}, in place of
	 * {@link #mcpResponse(Response)} (such as a {@link FakeMcpServer})
	 * @return this fake
	 */
	public FakeAuthorizationServer mcpHandler(Handler handler) {
		this.mcpHandler = handler;
		return this;
	}

	/** Makes every issued access token invalid, as if the server had restarted. */
	public FakeAuthorizationServer revokeAccessTokens() {
		this.accessTokens.clear();
		return this;
	}

	// ---------------------------------------------------------------- recordings

	public List<RecordedRequest> requests() {
		return List.copyOf(this.requests);
	}

	/** @return every request as {@code "METHOD /path"}, in order */
	public List<String> requestLines() {
		return this.requests.stream().map(RecordedRequest::line).toList();
	}

	public List<RecordedRequest> requests(String path) {
		return this.requests.stream().filter((request) -> request.path().equals(path)).toList();
	}

	public int count(String path) {
		return requests(path).size();
	}

	public RecordedRequest lastRequest(String path) {
		List<RecordedRequest> matching = requests(path);
		if (matching.isEmpty()) {
			throw new AssertionError("No request to " + path + "; requests were " + requestLines());
		}
		return matching.get(matching.size() - 1);
	}

	/** @return the {@code /token} requests of one grant type */
	public List<RecordedRequest> tokenRequests(String grantType) {
		return requests("/token").stream().filter((request) -> grantType.equals(request.form("grant_type"))).toList();
	}

	public void clearRecordings() {
		this.requests.clear();
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	@Override
	public void afterEach(ExtensionContext context) {
		close();
	}

	// ---------------------------------------------------------------- handlers

	private void dispatch(HttpExchange exchange) throws IOException {
		try (exchange) {
			RecordedRequest request = record(exchange);
			this.requests.add(request);
			Handler handler = this.routes.get(request.path());
			Response response;
			try {
				response = (handler != null) ? handler.handle(request) : Response.notFound();
			}
			catch (RuntimeException ex) {
				response = Response.json(500, Map.of("error", "server_error", "error_description", String.valueOf(ex)));
			}
			send(exchange, response);
		}
	}

	private static RecordedRequest record(HttpExchange exchange) throws IOException {
		String body;
		try (InputStream in = exchange.getRequestBody()) {
			body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		URI uri = exchange.getRequestURI();
		return new RecordedRequest(exchange.getRequestMethod(), uri.getRawPath(), uri.getRawQuery(),
				exchange.getRequestHeaders(), body);
	}

	private static void send(HttpExchange exchange, Response response) throws IOException {
		response.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
		byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
		if (bytes.length == 0) {
			exchange.sendResponseHeaders(response.status(), -1);
			return;
		}
		exchange.sendResponseHeaders(response.status(), bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	private Response authorize(RecordedRequest request) {
		if (this.loginPage) {
			return new Response(200, Map.of("Content-Type", "text/html"), "<html><form>Sign in</form></html>");
		}
		String redirectUri = request.query("redirect_uri");
		if (redirectUri == null) {
			return Response.json(400, Map.of("error", "invalid_request"));
		}
		String state = (this.authorizationStateOverride != null) ? this.authorizationStateOverride
				: request.query("state");
		StringBuilder location = new StringBuilder(redirectUri).append('?');
		if (this.authorizationError != null) {
			location.append("error=").append(encode(this.authorizationError))
				.append("&error_description=").append(encode("the fake said no"));
		}
		else {
			String code = "code-" + this.counter.incrementAndGet();
			this.codes.put(code, new Grant(request.query("client_id"), redirectUri, request.query("code_challenge"),
					scopes(request.query("scope")), request.query("resource")));
			location.append("code=").append(encode(code));
		}
		if (state != null) {
			location.append("&state=").append(encode(state));
		}
		if (this.authorizationIss != null) {
			location.append("&iss=").append(encode(this.authorizationIss));
		}
		if (this.consentHop) {
			return Response.redirect(origin() + "/consent?next=" + encode(location.toString()));
		}
		return Response.redirect(location.toString());
	}

	private Response token(RecordedRequest request) {
		this.beforeToken.accept(request);
		sleep(this.tokenDelay);
		Response queued = this.tokenResponses.poll();
		if (queued != null) {
			return queued;
		}
		String jkt = null;
		String proof = request.header("DPoP");
		if (this.dpop && proof != null) {
			Object checked = checkTokenRequestProof(proof);
			if (checked instanceof Response refusal) {
				return refusal;
			}
			jkt = (String) checked;
		}
		String grantType = String.valueOf(request.form("grant_type"));
		String clientId = clientId(request);
		return switch (grantType) {
			case "authorization_code" -> {
				Grant grant = this.codes.remove(String.valueOf(request.form("code")));
				if (grant == null) {
					yield tokenError("invalid_grant", "unknown or used code");
				}
				if (!String.valueOf(request.form("redirect_uri")).equals(grant.redirectUri())) {
					yield tokenError("invalid_grant", "redirect_uri differs from the authorization request");
				}
				if (grant.codeChallenge() == null
						|| !grant.codeChallenge().equals(s256(String.valueOf(request.form("code_verifier"))))) {
					yield tokenError("invalid_grant", "PKCE verification failed");
				}
				yield issue(grant, true, jkt);
			}
			case "refresh_token" -> {
				String presented = String.valueOf(request.form("refresh_token"));
				String bound = this.boundTokens.get(presented);
				if (bound != null && !bound.equals(jkt)) {
					yield tokenError("invalid_dpop_proof", "the refresh token is bound to another DPoP key");
				}
				Grant grant = this.refreshTokens.remove(presented);
				if (grant == null) {
					yield tokenError("invalid_grant", "unknown or used refresh token");
				}
				yield issue(new Grant(grant.clientId(), grant.redirectUri(), null, grant.scopes(),
						(request.form("resource") != null) ? request.form("resource") : grant.resource()), true, jkt);
			}
			case "client_credentials", "urn:ietf:params:oauth:grant-type:jwt-bearer" ->
				issue(new Grant(clientId, null, null, scopes(request.form("scope")), request.form("resource")), false,
						jkt);
			default -> tokenError("unsupported_grant_type", grantType);
		};
	}

	private Response issue(Grant grant, boolean withRefreshToken, @Nullable String jkt) {
		int n = this.counter.incrementAndGet();
		String accessToken = "access-" + n;
		this.accessTokens.put(accessToken, grant);
		if (jkt != null) {
			this.boundTokens.put(accessToken, jkt);
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("access_token", accessToken);
		body.put("token_type", (jkt != null) ? "DPoP" : "Bearer");
		if (this.expiresIn != null) {
			body.put("expires_in", this.expiresIn);
		}
		if (withRefreshToken && this.issueRefreshTokens) {
			String refreshToken = "refresh-" + n;
			this.refreshTokens.put(refreshToken, grant);
			if (jkt != null) {
				this.boundTokens.put(refreshToken, jkt);
			}
			body.put("refresh_token", refreshToken);
		}
		if (!grant.scopes().isEmpty()) {
			body.put("scope", String.join(" ", grant.scopes()));
		}
		return new Response(200, Map.of("Content-Type", "application/json", "Cache-Control", "no-store"),
				JSON.writeValueAsString(body));
	}

	private Response register(RecordedRequest request) {
		Response queued = this.registrationResponses.poll();
		if (queued != null) {
			return queued;
		}
		@SuppressWarnings("unchecked")
		Map<String, Object> metadata = JSON.readValue(request.body(), Map.class);
		Map<String, Object> body = new LinkedHashMap<>(metadata);
		int n = this.counter.incrementAndGet();
		body.put("client_id", "client-" + n);
		if (!"none".equals(metadata.get("token_endpoint_auth_method"))) {
			body.put("client_secret", "secret-" + n);
			body.put("client_secret_expires_at", 0);
		}
		body.put("client_id_issued_at", System.currentTimeMillis() / 1000);
		return Response.json(201, body);
	}

	private Response mcp(RecordedRequest request) {
		String token = request.bearerToken();
		String authorization = request.header("Authorization");
		if (authorization != null && authorization.regionMatches(true, 0, "DPoP ", 0, 5) && !this.mcpBearerOnly) {
			token = authorization.substring(5).trim();
			Response refusal = checkResourceProof(request, token);
			if (refusal != null) {
				return refusal;
			}
		}
		else if (token != null && this.boundTokens.containsKey(token)) {
			// a DPoP-bound token presented as a bearer token, as a thief would (RFC 9449 §7.1)
			return new Response(401, Map.of("WWW-Authenticate", "DPoP error=\"invalid_token\", resource_metadata=\""
					+ origin() + PRM_PATH + "\""), "");
		}
		Grant grant = (token != null) ? this.accessTokens.get(token) : null;
		String challengeScope = String.join(" ", this.mcpRequiredScopes);
		if (grant == null || !mcpUrl().toString().equals(grant.resource())) {
			String challenge = "Bearer resource_metadata=\"" + origin() + PRM_PATH + "\""
					+ (challengeScope.isEmpty() ? "" : ", scope=\"" + challengeScope + "\"")
					+ ((token != null) ? ", error=\"invalid_token\"" : "");
			return new Response(401, Map.of("WWW-Authenticate", challenge), "");
		}
		if (!grant.scopes().containsAll(this.mcpRequiredScopes)) {
			return new Response(403, Map.of("WWW-Authenticate",
					"Bearer error=\"insufficient_scope\", scope=\"" + challengeScope + "\""), "");
		}
		Handler handler = this.mcpHandler;
		return (handler != null) ? handler.handle(request) : this.mcpResponse;
	}

	/**
	 * Checks a token-request proof (RFC 9449 §4.3, §8).
	 * @return the thumbprint of the proof's key, or the refusal to send
	 */
	private Object checkTokenRequestProof(String proof) {
		try {
			SignedJWT jwt = SignedJWT.parse(proof);
			if (this.dpopNonce != null && !this.dpopNonce.equals(jwt.getJWTClaimsSet().getStringClaim("nonce"))) {
				return new Response(400, Map.of("Content-Type", "application/json", "DPoP-Nonce", this.dpopNonce),
						JSON.writeValueAsString(Map.of("error", "use_dpop_nonce", "error_description", "use the nonce")));
			}
			if (!this.proofIds.add(jwt.getJWTClaimsSet().getJWTID())) {
				return tokenError("invalid_dpop_proof", "replayed proof");
			}
			JWKThumbprintConfirmation cnf = new DPoPTokenRequestVerifier(DPOP_JWS_ALGORITHMS, uri("/token"), 60, null)
				.verify(new DPoPIssuer("fake-client"), jwt, (this.dpopNonce != null) ? new Nonce(this.dpopNonce) : null);
			return cnf.getValue().toString();
		}
		catch (java.text.ParseException | com.nimbusds.jose.JOSEException
				| com.nimbusds.oauth2.sdk.dpop.verifiers.InvalidDPoPProofException ex) {
			return tokenError("invalid_dpop_proof", String.valueOf(ex.getMessage()));
		}
	}

	/**
	 * Checks the proof of a request to {@code /mcp} with {@code Authorization: DPoP} (RFC 9449
	 * §7.1, §9).
	 * @return the refusal to send, or {@code null} when the proof holds
	 */
	private @Nullable Response checkResourceProof(RecordedRequest request, String token) {
		String metadata = "resource_metadata=\"" + origin() + PRM_PATH + "\"";
		String jkt = this.boundTokens.get(token);
		String proof = request.header("DPoP");
		if (jkt == null || proof == null) {
			return new Response(401, Map.of("WWW-Authenticate", "DPoP error=\"invalid_token\", " + metadata), "");
		}
		try {
			SignedJWT jwt = SignedJWT.parse(proof);
			if (this.mcpDPoPNonce != null && !this.mcpDPoPNonce.equals(jwt.getJWTClaimsSet().getStringClaim("nonce"))) {
				return new Response(401, Map.of("WWW-Authenticate", "DPoP error=\"use_dpop_nonce\", " + metadata,
						"DPoP-Nonce", this.mcpDPoPNonce), "");
			}
			if (!this.proofIds.add(jwt.getJWTClaimsSet().getJWTID())) {
				throw new com.nimbusds.oauth2.sdk.dpop.verifiers.InvalidDPoPProofException("replayed proof");
			}
			new DPoPProtectedResourceRequestVerifier(DPOP_JWS_ALGORITHMS, 60, null).verify(request.method(), mcpUrl(),
					new DPoPIssuer("fake-client"), jwt, new DPoPAccessToken(token),
					new JWKThumbprintConfirmation(new Base64URL(jkt)),
					(this.mcpDPoPNonce != null) ? new Nonce(this.mcpDPoPNonce) : null);
			return null;
		}
		catch (java.text.ParseException | com.nimbusds.jose.JOSEException
				| com.nimbusds.oauth2.sdk.dpop.verifiers.InvalidDPoPProofException
				| com.nimbusds.oauth2.sdk.dpop.verifiers.AccessTokenValidationException ex) {
			return new Response(401, Map.of("WWW-Authenticate", "DPoP error=\"invalid_dpop_proof\", " + metadata),
					"");
		}
	}

	private static Response tokenError(String error, String description) {
		return Response.json(400, Map.of("error", error, "error_description", description));
	}

	private static @Nullable String clientId(RecordedRequest request) {
		String basic = request.basicCredentials();
		if (basic != null) {
			return basic.substring(0, Math.max(basic.indexOf(':'), 0));
		}
		return request.form("client_id");
	}

	private static Set<String> scopes(@Nullable String scope) {
		return (scope != null) ? BearerChallenge.Scopes.parse(scope) : Set.of();
	}

	/**
	 * @param verifier a PKCE code verifier
	 * @return its S256 challenge (RFC 7636 §4.2)
	 */
	public static String s256(String verifier) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private static void sleep(Duration duration) {
		if (duration.isZero()) {
			return;
		}
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** Answers one request. */
	@FunctionalInterface
	public interface Handler {

		Response handle(RecordedRequest request);

	}

	/**
	 * A response to send.
	 *
	 * @param status the status
	 * @param headers the headers
	 * @param body the body, empty for none
	 */
	public record Response(int status, Map<String, String> headers, String body) {

		public static Response json(int status, Object json) {
			return new Response(status, Map.of("Content-Type", "application/json"), JSON.writeValueAsString(json));
		}

		public static Response redirect(@Nullable String location) {
			return new Response(302, Map.of("Location", String.valueOf(location)), "");
		}

		public static Response notFound() {
			return new Response(404, Map.of("Content-Type", "text/plain"), "not found");
		}

	}

	private record Grant(@Nullable String clientId, @Nullable String redirectUri, @Nullable String codeChallenge,
			Set<String> scopes, @Nullable String resource) {

		Grant {
			scopes = new LinkedHashSet<>(scopes);
		}

	}

}
