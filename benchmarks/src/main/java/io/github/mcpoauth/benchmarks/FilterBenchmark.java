package io.github.mcpoauth.benchmarks;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The per-request cost of {@code McpOAuthExchangeFilterFunction} with a cached token, over
 * the network: one MCP-style {@code POST} of a small JSON-RPC request to a Reactor Netty
 * server on loopback, and the read of its small JSON answer, per operation. Two clients share
 * one connector (and so one connection pool):
 * <ul>
 * <li>{@link #fixedHeader()}: a {@code WebClient} with a fixed {@code Authorization: Bearer}
 * default header, the floor;</li>
 * <li>{@link #mcpFilter()}: a {@code WebClient} with the filter, whose engine holds a valid
 * token for the server (registered with the endpoint's URL);</li>
 * <li>{@link #interleaved}: both, one request each in turn, each timed, for the ratio.</li>
 * </ul>
 * The server answers 401 to any other {@code Authorization} header, and {@link #setUp()}
 * checks both clients once, so a filter that stopped sending the token fails the run instead
 * of measuring something else. The benchmark thread blocks on each call; it is not an event
 * loop thread. The server has an event loop of its own.
 *
 * <p>Not {@code final}: JMH generates subclasses of its state classes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = { "-Xms512m", "-Xmx512m" })
@Warmup(iterations = 10, time = 3)
@Measurement(iterations = 5, time = 3)
public class FilterBenchmark {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private LoopResources serverLoop;

	private DisposableServer server;

	private ConnectionProvider connections;

	private URI endpoint;

	private WebClient fixedHeader;

	private WebClient mcpFilter;

	private boolean fixedHeaderFirst;

	@Setup
	public void setUp() {
		this.serverLoop = LoopResources.create("benchmark-server", 1, true);
		this.server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.runOn(this.serverLoop)
			.route((routes) -> routes.post(BenchmarkFixtures.PATH, (request, response) -> {
				if (!BenchmarkFixtures.AUTHORIZATION.equals(request.requestHeaders().get(HttpHeaderNames.AUTHORIZATION))) {
					return response.status(HttpResponseStatus.UNAUTHORIZED).send();
				}
				return request.receive()
					.then(response.header(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
						.sendString(Mono.just(BenchmarkFixtures.RESPONSE))
						.then());
			}))
			.bindNow(TIMEOUT);
		this.endpoint = URI.create("http://127.0.0.1:" + this.server.port() + BenchmarkFixtures.PATH);
		this.connections = ConnectionProvider.create("benchmark-client");
		ClientHttpConnector connector = new ReactorClientHttpConnector(HttpClient.create(this.connections));
		this.fixedHeader = WebClient.builder()
			.clientConnector(connector)
			.defaultHeader(HttpHeaders.AUTHORIZATION, BenchmarkFixtures.AUTHORIZATION)
			.build();
		this.mcpFilter = WebClient.builder()
			.clientConnector(connector)
			.filter(BenchmarkFixtures.filter(this.endpoint))
			.build();
		check(fixedHeader(), "fixedHeader");
		check(mcpFilter(), "mcpFilter");
	}

	@TearDown
	public void tearDown() {
		this.server.disposeNow(TIMEOUT);
		this.connections.disposeLater().block(TIMEOUT);
		this.serverLoop.disposeLater().block(TIMEOUT);
	}

	@Benchmark
	public String fixedHeader() {
		return call(this.fixedHeader);
	}

	@Benchmark
	public String mcpFilter() {
		return call(this.mcpFilter);
	}

	/**
	 * One request with each client, in turn, in alternating order, each timed on its own: the
	 * two share every change of the machine's load, so the ratio of their times holds where
	 * throughputs measured one after the other do not.
	 * @param latencies where the times of the two requests add up
	 * @param blackhole where the answers go
	 */
	@Benchmark
	@Fork(value = 2, jvmArgsAppend = { "-Xms512m", "-Xmx512m" })
	@Measurement(iterations = 8, time = 3)
	public void interleaved(Latencies latencies, Blackhole blackhole) {
		this.fixedHeaderFirst = !this.fixedHeaderFirst;
		if (this.fixedHeaderFirst) {
			latencies.fixedHeaderNanos += timed(this.fixedHeader, blackhole);
			latencies.mcpFilterNanos += timed(this.mcpFilter, blackhole);
		}
		else {
			latencies.mcpFilterNanos += timed(this.mcpFilter, blackhole);
			latencies.fixedHeaderNanos += timed(this.fixedHeader, blackhole);
		}
	}

	private long timed(WebClient client, Blackhole blackhole) {
		long start = System.nanoTime();
		blackhole.consume(call(client));
		return System.nanoTime() - start;
	}

	private String call(WebClient client) {
		return client.post()
			.uri(this.endpoint)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(BenchmarkFixtures.REQUEST)
			.retrieve()
			.bodyToMono(String.class)
			.block(TIMEOUT);
	}

	private static void check(String answer, String client) {
		if (!BenchmarkFixtures.RESPONSE.equals(answer)) {
			throw new IllegalStateException("The " + client + " client got an unexpected answer: " + answer);
		}
	}

	/**
	 * The time spent in each client's requests during one iteration of {@link #interleaved}.
	 */
	@State(Scope.Thread)
	@AuxCounters(AuxCounters.Type.EVENTS)
	public static class Latencies {

		/** Nanoseconds spent in {@code fixedHeader} requests. */
		public long fixedHeaderNanos;

		/** Nanoseconds spent in {@code mcpFilter} requests. */
		public long mcpFilterNanos;

		@Setup(Level.Iteration)
		public void reset() {
			this.fixedHeaderNanos = 0;
			this.mcpFilterNanos = 0;
		}

	}

}
