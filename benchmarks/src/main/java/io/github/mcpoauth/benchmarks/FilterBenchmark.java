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

import org.jspecify.annotations.Nullable;
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

import org.springframework.web.reactive.function.client.WebClient;

/**
 * The per-request cost of {@code McpOAuthExchangeFilterFunction} with a cached token, over
 * the network: one MCP-style {@code POST} of a small JSON-RPC request to a
 * {@link LoopbackServer}, and the read of its small JSON answer, per request. Two clients
 * share one connector (and so one connection pool):
 * <ul>
 * <li>{@code fixedHeader}: a {@code WebClient} with a fixed {@code Authorization: Bearer}
 * default header, the floor;</li>
 * <li>{@code mcpFilter}: a {@code WebClient} with the filter, whose engine holds a valid
 * token for the server (registered with the endpoint's URL).</li>
 * </ul>
 * {@link #fixedHeader()} and {@link #mcpFilter()} measure each on its own (throughput, and
 * with the profilers allocation and CPU time per request); {@link #interleaved} times one
 * request of each in turn, for their ratio. {@link #setUp()} checks both clients once. The
 * benchmark thread blocks on each call; it is not an event-loop thread.
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

	private LoopbackServer server;

	private WebClient fixedHeader;

	private WebClient mcpFilter;

	private boolean fixedHeaderFirst;

	@Setup
	public void setUp() {
		this.server = LoopbackServer.start();
		this.fixedHeader = this.server.fixedHeaderClient().build();
		this.mcpFilter = WebClient.builder()
			.clientConnector(this.server.connector())
			.filter(BenchmarkFixtures.filter(this.server.endpoint()))
			.build();
		this.server.check(this.fixedHeader, "fixedHeader");
		this.server.check(this.mcpFilter, "mcpFilter");
	}

	@TearDown
	public void tearDown() {
		this.server.close();
	}

	@Benchmark
	public @Nullable String fixedHeader() {
		return this.server.call(this.fixedHeader);
	}

	@Benchmark
	public @Nullable String mcpFilter() {
		return this.server.call(this.mcpFilter);
	}

	/**
	 * One request with each client, in alternating order, each timed on its own: the two share
	 * every change of the machine's load, so the ratio of their times holds where throughputs
	 * measured one after the other do not.
	 * @param times where the times of the two requests add up
	 * @param blackhole where the answers go
	 */
	@Benchmark
	@Fork(value = 2, jvmArgsAppend = { "-Xms512m", "-Xmx512m" })
	@Measurement(iterations = 8, time = 3)
	public void interleaved(Times times, Blackhole blackhole) {
		this.fixedHeaderFirst = !this.fixedHeaderFirst;
		if (this.fixedHeaderFirst) {
			times.fixedHeaderNanos += this.server.timedCall(this.fixedHeader, blackhole);
			times.mcpFilterNanos += this.server.timedCall(this.mcpFilter, blackhole);
		}
		else {
			times.mcpFilterNanos += this.server.timedCall(this.mcpFilter, blackhole);
			times.fixedHeaderNanos += this.server.timedCall(this.fixedHeader, blackhole);
		}
	}

	/**
	 * The time spent in each client's requests during one iteration of {@link #interleaved}.
	 */
	@State(Scope.Thread)
	@AuxCounters(AuxCounters.Type.EVENTS)
	public static class Times {

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
