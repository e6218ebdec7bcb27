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
import java.time.Duration;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.infra.Blackhole;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * A Reactor Netty server on 127.0.0.1 (a free port, an event loop of its own) that answers
 * {@code POST /mcp} with a small JSON body when the request carries
 * {@link BenchmarkFixtures#AUTHORIZATION}, and 401 otherwise; and the client connector (one
 * connection pool) the benchmarked clients share.
 */
final class LoopbackServer implements AutoCloseable {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final LoopResources loop;

	private final DisposableServer server;

	private final URI endpoint;

	private final ConnectionProvider connections;

	private final ClientHttpConnector connector;

	private LoopbackServer() {
		this.loop = LoopResources.create("benchmark-server", 1, true);
		this.server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.runOn(this.loop)
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
		this.connector = new ReactorClientHttpConnector(HttpClient.create(this.connections));
	}

	static LoopbackServer start() {
		return new LoopbackServer();
	}

	/**
	 * @return the MCP endpoint URL
	 */
	URI endpoint() {
		return this.endpoint;
	}

	/**
	 * @return the connector every benchmarked client uses
	 */
	ClientHttpConnector connector() {
		return this.connector;
	}

	/**
	 * One benchmarked operation: an MCP-style {@code POST} of a small JSON-RPC request, and the
	 * read of the answer.
	 * @param client the client
	 * @return the answer (its body, {@code null} when empty)
	 */
	@Nullable String call(WebClient client) {
		return client.post()
			.uri(this.endpoint)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(BenchmarkFixtures.REQUEST)
			.retrieve()
			.bodyToMono(String.class)
			.block(TIMEOUT);
	}

	/**
	 * One call, timed, its answer consumed: the unit of the interleaved benchmarks.
	 * @param client the client
	 * @param blackhole where the answer goes
	 * @return the call's time in nanoseconds
	 */
	long timedCall(WebClient client, Blackhole blackhole) {
		long start = System.nanoTime();
		blackhole.consume(call(client));
		return System.nanoTime() - start;
	}

	/**
	 * @return a builder on the shared connector, with the fixed {@code Authorization} header
	 * of the baseline client
	 */
	WebClient.Builder fixedHeaderClient() {
		return WebClient.builder()
			.clientConnector(this.connector)
			.defaultHeader(HttpHeaders.AUTHORIZATION, BenchmarkFixtures.AUTHORIZATION);
	}

	/**
	 * Makes one call and fails unless it got the expected answer, so that a client that stopped
	 * sending the token fails the run instead of measuring something else.
	 * @param client the client
	 * @param name the client's name, for the message
	 */
	void check(WebClient client, String name) {
		String answer = call(client);
		if (!BenchmarkFixtures.RESPONSE.equals(answer)) {
			throw new IllegalStateException("The " + name + " client got an unexpected answer: " + answer);
		}
	}

	@Override
	public void close() {
		this.server.disposeNow(TIMEOUT);
		this.connections.disposeLater().block(TIMEOUT);
		this.loop.disposeLater().block(TIMEOUT);
	}

}
