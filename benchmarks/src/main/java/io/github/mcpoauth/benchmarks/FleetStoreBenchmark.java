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

package io.github.mcpoauth.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.mcpoauth.client.McpOAuthClient;
import io.github.mcpoauth.core.McpServerDefinition;
import io.github.mcpoauth.core.McpServerRegistry;
import io.github.mcpoauth.registration.OAuthClientRegistration;
import io.github.mcpoauth.store.EncryptedFileTokenStore;
import io.github.mcpoauth.store.InMemoryTokenStore;
import io.github.mcpoauth.store.McpOAuthStore;
import io.github.mcpoauth.store.PostgresTokenStore;
import io.github.mcpoauth.store.TokenKey;
import io.github.mcpoauth.token.OAuthToken;
import io.github.mcpoauth.transport.McpOAuthExchangeFilterFunction;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.spi.ConnectionFactories;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * What the store behind the engine costs (run by {@code scripts/fleet-benchmark.sh}, which
 * starts a scratch PostgreSQL and passes its R2DBC URL in {@code MCP_BENCH_R2DBC_URL}):
 * <ul>
 * <li>{@link #cachedToken}: the WebClient filter's own cost with a cached token (as
 * {@code FilterOverheadBenchmark.filter}), for each store: the store is not on this path, so
 * the figures should not differ;</li>
 * <li>{@link #refresh}: one refresh of an expired token by the engine, against a token
 * endpoint on loopback, with the PostgreSQL store, with its refresh lock (a lock
 * connection, the advisory lock, the re-read, the request, the write) and without it (the
 * same store behind a wrapper that hides the lock).</li>
 * </ul>
 *
 * <p>Not {@code final}: JMH generates subclasses of its state classes.
 */
@Fork(value = 1, jvmArgsAppend = { "-Xms512m", "-Xmx512m" })
public class FleetStoreBenchmark {

	static final String R2DBC_URL_VARIABLE = "MCP_BENCH_R2DBC_URL";

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	@Benchmark
	@BenchmarkMode(Mode.AverageTime)
	@OutputTimeUnit(TimeUnit.NANOSECONDS)
	@Warmup(iterations = 3, time = 2)
	@Measurement(iterations = 4, time = 2)
	public @Nullable ClientResponse cachedToken(CachedToken state) {
		return state.filter.filter(state.request, state.exchange).block();
	}

	@Benchmark
	@BenchmarkMode(Mode.AverageTime)
	@OutputTimeUnit(TimeUnit.MICROSECONDS)
	@Warmup(iterations = 3, time = 2)
	@Measurement(iterations = 4, time = 3)
	public @Nullable OAuthToken refresh(Refresh state) {
		return state.engine.currentToken(state.server).block(TIMEOUT);
	}

	/** A filter whose engine holds a valid token loaded from the chosen store. */
	@State(Scope.Benchmark)
	public static class CachedToken {

		@Param({ "memory", "encrypted-file", "database" })
		public String store;

		ClientRequest request;

		ExchangeFunction exchange;

		McpOAuthExchangeFilterFunction filter;

		private Resources resources;

		@Setup
		public void setUp() throws IOException {
			URI endpoint = URI.create("http://127.0.0.1:8080" + BenchmarkFixtures.PATH);
			McpServerDefinition server = McpServerDefinition.builder(BenchmarkFixtures.SERVER_NAME, endpoint).build();
			this.resources = Resources.open(this.store);
			OAuthToken token = OAuthToken.builder()
				.accessToken(BenchmarkFixtures.ACCESS_TOKEN)
				.issuedAt(Instant.now())
				.issuer(endpoint.resolve("/").toString())
				.resource(endpoint.toString())
				.build();
			this.resources.store.saveToken(TokenKey.of(BenchmarkFixtures.SERVER_NAME), token).block(TIMEOUT);
			McpOAuthClient engine = McpOAuthClient.builder().tokenStore(this.resources.store).build();
			if (!token.equals(engine.currentToken(server).block(TIMEOUT))) {
				throw new IllegalStateException("The engine did not load the token from the " + this.store + " store");
			}
			this.filter = new McpOAuthExchangeFilterFunction(engine, new McpServerRegistry(Set.of(server)));
			this.request = ClientRequest.create(HttpMethod.POST, endpoint)
				.header(HttpHeaders.CONTENT_TYPE, "application/json")
				.body(BodyInserters.fromValue(BenchmarkFixtures.REQUEST))
				.build();
			Mono<ClientResponse> answer = Mono.just(ClientResponse.create(HttpStatus.OK).build()).hide();
			this.exchange = (request) -> answer;
		}

		@TearDown
		public void tearDown() {
			this.resources.close();
		}

	}

	/** An engine whose stored token has expired before every call, on PostgreSQL. */
	@State(Scope.Benchmark)
	public static class Refresh {

		@Param({ "true", "false" })
		public boolean lock;

		McpOAuthClient engine;

		McpServerDefinition server;

		private Resources resources;

		private DisposableServer authorizationServer;

		private OAuthToken expired;

		private final AtomicInteger issued = new AtomicInteger();

		@Setup
		public void setUp() {
			this.authorizationServer = authorizationServer();
			String origin = "http://127.0.0.1:" + this.authorizationServer.port();
			this.server = McpServerDefinition.builder("refresh", URI.create(origin + "/mcp"))
				.clientId("benchmark-client")
				.clientSecret("benchmark-secret")
				.build();
			this.resources = Resources.open("database");
			McpOAuthStore store = this.lock ? this.resources.store : new WithoutLock(this.resources.store);
			this.engine = McpOAuthClient.builder().webClient(WebClient.create()).tokenStore(store).build();
			this.expired = OAuthToken.builder()
				.accessToken("expired")
				.refreshToken("refresh-token")
				.issuedAt(Instant.now().minusSeconds(7200))
				.expiresAt(Instant.now().minusSeconds(3600))
				.issuer(origin)
				.resource(origin + "/mcp")
				.build();
		}

		/** Before each call: the stored token has expired, and the engine holds none. */
		@Setup(Level.Invocation)
		public void expire() {
			this.engine.clearTokens(this.server).block(TIMEOUT);
			this.resources.store.saveToken(TokenKey.of("refresh"), this.expired).block(TIMEOUT);
		}

		@TearDown
		public void tearDown() {
			OAuthToken last = this.engine.currentToken(this.server).block(TIMEOUT);
			this.engine.close();
			this.resources.close();
			this.authorizationServer.disposeNow();
			if (last == null || !last.accessToken().startsWith("refreshed-")) {
				throw new IllegalStateException("The refreshes did not go through the token endpoint");
			}
		}

		private DisposableServer authorizationServer() {
			return HttpServer.create().host("127.0.0.1").port(0).route((routes) -> routes
				.get("/.well-known/oauth-protected-resource/mcp", (request, response) -> json(response,
						"{\"resource\":\"" + origin(request) + "/mcp\",\"authorization_servers\":[\"" + origin(request)
								+ "\"]}"))
				.get("/.well-known/oauth-authorization-server", (request, response) -> json(response, "{\"issuer\":\""
						+ origin(request) + "\",\"authorization_endpoint\":\"" + origin(request)
						+ "/authorize\",\"token_endpoint\":\"" + origin(request) + "/token\","
						+ "\"response_types_supported\":[\"code\"],\"code_challenge_methods_supported\":[\"S256\"],"
						+ "\"grant_types_supported\":[\"authorization_code\",\"refresh_token\"]}"))
				.post("/token", (request, response) -> request.receive()
					.then(json(response, "{\"access_token\":\"refreshed-" + this.issued.incrementAndGet()
							+ "\",\"token_type\":\"Bearer\",\"expires_in\":3600,\"refresh_token\":\"refresh-token\"}"))))
				.bindNow(TIMEOUT);
		}

		private static String origin(reactor.netty.http.server.HttpServerRequest request) {
			return "http://" + request.requestHeaders().get(HttpHeaderNames.HOST);
		}

		private static Mono<Void> json(reactor.netty.http.server.HttpServerResponse response, String body) {
			return response.header(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
				.sendString(Mono.just(body))
				.then();
		}

	}

	/** A store and what it holds open. */
	private record Resources(McpOAuthStore store, AutoCloseable closer) implements AutoCloseable {

		static Resources open(String type) throws IllegalStateException {
			try {
				return switch (type) {
					case "memory" -> new Resources(new InMemoryTokenStore(), () -> {
					});
					case "encrypted-file" -> {
						Path directory = Files.createTempDirectory("mcp-oauth-benchmark-store");
						yield new Resources(EncryptedFileTokenStore.builder(directory).build(), () -> {
						});
					}
					case "database" -> database();
					default -> throw new IllegalArgumentException(type);
				};
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		}

		private static Resources database() {
			String url = System.getenv(R2DBC_URL_VARIABLE);
			if (url == null || url.isBlank()) {
				throw new IllegalStateException(R2DBC_URL_VARIABLE + " is not set: run scripts/fleet-benchmark.sh,"
						+ " which starts a scratch PostgreSQL");
			}
			ConnectionPool pool = new ConnectionPool(
					ConnectionPoolConfiguration.builder(ConnectionFactories.get(url)).maxSize(10).build());
			PostgresTokenStore store = PostgresTokenStore.builder(pool)
				.password("benchmark password".toCharArray())
				.build();
			store.initialize().block(TIMEOUT);
			store.tokenKeys().flatMap(store::deleteToken).then().block(TIMEOUT);
			// a registration left by an earlier trial binds the client to another port's issuer
			store.registrationIssuers("refresh").flatMap((issuer) -> store.deleteRegistration("refresh", issuer))
				.then()
				.block(TIMEOUT);
			return new Resources(store, pool::dispose);
		}

		@Override
		public void close() {
			try {
				this.closer.close();
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

	/** The PostgreSQL store without its refresh lock: the engine then refreshes unlocked. */
	private record WithoutLock(McpOAuthStore store) implements McpOAuthStore {

		@Override
		public Mono<Void> saveToken(TokenKey key, OAuthToken token) {
			return this.store.saveToken(key, token);
		}

		@Override
		public Mono<OAuthToken> loadToken(TokenKey key) {
			return this.store.loadToken(key);
		}

		@Override
		public Mono<Boolean> deleteToken(TokenKey key) {
			return this.store.deleteToken(key);
		}

		@Override
		public Mono<Boolean> deleteToken(TokenKey key, OAuthToken expected) {
			return this.store.deleteToken(key, expected);
		}

		@Override
		public Flux<TokenKey> tokenKeys() {
			return this.store.tokenKeys();
		}

		@Override
		public String backendName() {
			return this.store.backendName();
		}

		@Override
		public Mono<Void> saveRegistration(String serverName, OAuthClientRegistration registration) {
			return this.store.saveRegistration(serverName, registration);
		}

		@Override
		public Mono<OAuthClientRegistration> loadRegistration(String serverName, String issuer) {
			return this.store.loadRegistration(serverName, issuer);
		}

		@Override
		public Mono<Boolean> deleteRegistration(String serverName, String issuer) {
			return this.store.deleteRegistration(serverName, issuer);
		}

		@Override
		public Flux<String> registrationIssuers(String serverName) {
			return this.store.registrationIssuers(serverName);
		}

	}


}
