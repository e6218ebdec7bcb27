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

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.AuxCounters;
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
import org.openjdk.jmh.infra.Blackhole;

import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Where the filter's cost comes from: like {@link FilterBenchmark#interleaved}, one request
 * of the fixed-header client and one of a {@link #variant} in turn, each timed:
 * <ul>
 * <li>{@code fixedHeader}: the same client twice, to show the method's own bias (none
 * expected);</li>
 * <li>{@code noopFilter}: the fixed header, and a filter that passes the request on: the cost
 * of having a filter at all;</li>
 * <li>{@code copyingFilter}: a filter that only copies the request with the header added, the
 * least any {@code Authorization}-setting filter does (as Spring Security's OAuth2 filter
 * does);</li>
 * <li>{@code mcpFilter}: {@code McpOAuthExchangeFilterFunction} with a cached token.</li>
 * </ul>
 * Not run by {@code scripts/benchmark.sh}; run it with
 * {@code java -jar benchmarks/target/benchmarks.jar FilterVariantsBenchmark -rf json}.
 *
 * <p>Not {@code final}: JMH generates subclasses of its state classes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = { "-Xms512m", "-Xmx512m" })
@Warmup(iterations = 10, time = 3)
@Measurement(iterations = 5, time = 3)
public class FilterVariantsBenchmark {

	@Param({ "fixedHeader", "noopFilter", "copyingFilter", "mcpFilter" })
	public String variant;

	private LoopbackServer server;

	private WebClient fixedHeader;

	private WebClient other;

	private boolean fixedHeaderFirst;

	@Setup
	public void setUp() {
		this.server = LoopbackServer.start();
		this.fixedHeader = this.server.fixedHeaderClient().build();
		WebClient.Builder plain = WebClient.builder().clientConnector(this.server.connector());
		this.other = switch (this.variant) {
			case "fixedHeader" -> this.server.fixedHeaderClient().build();
			case "noopFilter" -> this.server.fixedHeaderClient().filter((request, next) -> next.exchange(request)).build();
			case "copyingFilter" -> plain.filter((request, next) -> next.exchange(ClientRequest.from(request)
				.headers((headers) -> headers.set(HttpHeaders.AUTHORIZATION, BenchmarkFixtures.AUTHORIZATION))
				.build())).build();
			case "mcpFilter" -> plain.filter(BenchmarkFixtures.filter(this.server.endpoint())).build();
			default -> throw new IllegalArgumentException("Unknown variant " + this.variant);
		};
		this.server.check(this.fixedHeader, "fixedHeader");
		this.server.check(this.other, this.variant);
	}

	@TearDown
	public void tearDown() {
		this.server.close();
	}

	/**
	 * One request with each client, in alternating order, each timed on its own.
	 * @param times where the times of the two requests add up
	 * @param blackhole where the answers go
	 */
	@Benchmark
	public void interleaved(Times times, Blackhole blackhole) {
		this.fixedHeaderFirst = !this.fixedHeaderFirst;
		if (this.fixedHeaderFirst) {
			times.fixedHeaderNanos += this.server.timedCall(this.fixedHeader, blackhole);
			times.variantNanos += this.server.timedCall(this.other, blackhole);
		}
		else {
			times.variantNanos += this.server.timedCall(this.other, blackhole);
			times.fixedHeaderNanos += this.server.timedCall(this.fixedHeader, blackhole);
		}
	}

	/**
	 * The time spent in each client's requests during one iteration.
	 */
	@State(Scope.Thread)
	@AuxCounters(AuxCounters.Type.EVENTS)
	public static class Times {

		/** Nanoseconds spent in {@code fixedHeader} requests. */
		public long fixedHeaderNanos;

		/** Nanoseconds spent in the variant's requests. */
		public long variantNanos;

		@Setup(Level.Iteration)
		public void reset() {
			this.fixedHeaderNanos = 0;
			this.variantNanos = 0;
		}

	}

}
