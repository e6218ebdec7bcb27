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

import java.net.URI;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;

/**
 * The filter's own cost, without network or {@code WebClient}: a prepared request goes
 * through {@code McpOAuthExchangeFilterFunction} (cached token) to an {@link ExchangeFunction}
 * that answers at once with a prepared response.
 * <ul>
 * <li>{@link #withoutFilter()}: the exchange function alone, the floor (subscribing to and
 * blocking on its answer);</li>
 * <li>{@link #filter()}: the same through the filter; the difference is what the filter adds
 * to each request, in time and in allocated bytes.</li>
 * </ul>
 * The answer is not a scalar {@code Mono}, so that blocking on it costs the floor what it costs
 * the filtered call, as a real exchange's answer would.
 *
 * <p>Not {@code final}: JMH generates subclasses of its state classes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 2, jvmArgsAppend = { "-Xms512m", "-Xmx512m" })
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 4, time = 2)
public class FilterOverheadBenchmark {

	private ClientRequest request;

	private ExchangeFunction exchange;

	private ExchangeFilterFunction filter;

	@Setup
	public void setUp() {
		URI endpoint = URI.create("http://127.0.0.1:8080" + BenchmarkFixtures.PATH);
		this.request = ClientRequest.create(HttpMethod.POST, endpoint)
			.header(HttpHeaders.CONTENT_TYPE, "application/json")
			.body(BodyInserters.fromValue(BenchmarkFixtures.REQUEST))
			.build();
		Mono<ClientResponse> answer = Mono.just(ClientResponse.create(HttpStatus.OK).build()).hide();
		this.exchange = (request) -> answer;
		this.filter = BenchmarkFixtures.filter(endpoint);
		AtomicReference<@Nullable String> sent = new AtomicReference<>();
		this.filter.filter(this.request, (request) -> {
			sent.set(request.headers().getFirst(HttpHeaders.AUTHORIZATION));
			return answer;
		}).block();
		if (!BenchmarkFixtures.AUTHORIZATION.equals(sent.get())) {
			throw new IllegalStateException("The filter did not add the token");
		}
	}

	@Benchmark
	public @Nullable ClientResponse withoutFilter() {
		return this.exchange.exchange(this.request).block();
	}

	@Benchmark
	public @Nullable ClientResponse filter() {
		return this.filter.filter(this.request, this.exchange).block();
	}

}
