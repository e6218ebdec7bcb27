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

package io.github.mcpoauth.store;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import io.github.mcpoauth.client.McpOAuthClient;
import io.github.mcpoauth.core.McpServerDefinition;
import io.github.mcpoauth.core.McpServerRegistry;
import io.github.mcpoauth.transport.McpOAuthExchangeFilterFunction;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.http.HttpHeaders;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * One instance of an application in a fleet: an engine on a shared store, and a
 * {@code WebClient} with the MCP filter through which it calls one MCP server. Each call
 * reports the status of its final answer and the access token of the request that got it.
 */
final class FleetInstance implements AutoCloseable {

	private static final String USED_TOKEN = FleetInstance.class.getName() + ".USED_TOKEN";

	private final McpOAuthClient engine;

	private final McpServerDefinition server;

	private final ConnectionProvider connections;

	private final WebClient webClient;

	FleetInstance(TokenStore store, McpServerDefinition server) {
		this.engine = McpOAuthClient.builder().webClient(WebClient.create()).tokenStore(store).build();
		this.server = server;
		this.connections = ConnectionProvider.builder("fleet-instance")
			.maxConnections(32)
			.pendingAcquireMaxCount(-1)
			.pendingAcquireTimeout(Duration.ofSeconds(60))
			.build();
		this.webClient = WebClient.builder()
			.clientConnector(new ReactorClientHttpConnector(HttpClient.create(this.connections)))
			.filter(new McpOAuthExchangeFilterFunction(this.engine, new McpServerRegistry(List.of(server))))
			.filter(recordUsedToken())
			.build();
	}

	/**
	 * Sends {@code count} concurrent requests through the filter.
	 * @param count how many
	 * @return per request {@code "<status> <access token>"}, or {@code "ERROR <exception>"}
	 */
	List<String> call(int count) {
		return Flux.range(0, count).flatMap((i) -> one(), count).collectList().block(Duration.ofSeconds(120));
	}

	/**
	 * Loads what a cold JVM needs for its first calls (discovery, the HTTP client) without a
	 * token request or an MCP request, so a fleet test measures the fleet, not class loading.
	 */
	void warmUp() {
		this.engine.discover(this.server, null).block(Duration.ofSeconds(30));
		URI metadata = this.server.url().resolve("/.well-known/oauth-protected-resource/mcp");
		this.webClient.get().uri(metadata).retrieve().toBodilessEntity().block(Duration.ofSeconds(30));
	}

	private Mono<String> one() {
		AtomicReference<String> used = new AtomicReference<>("none");
		return this.webClient.get()
			.uri(this.server.url())
			.attribute(USED_TOKEN, used)
			.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode().value() + " " + used.get()))
			.onErrorResume((ex) -> Mono.just("ERROR " + ex));
	}

	/** Inside the MCP filter: sees each request as sent, with its Authorization header. */
	@SuppressWarnings("unchecked")
	private static ExchangeFilterFunction recordUsedToken() {
		return (request, next) -> {
			request.attribute(USED_TOKEN).ifPresent((sink) -> {
				String authorization = request.headers().getFirst(HttpHeaders.AUTHORIZATION);
				((AtomicReference<String>) sink)
					.set((authorization != null) ? authorization.substring("Bearer ".length()) : "none");
			});
			return next.exchange(request);
		};
	}

	@Override
	public void close() {
		this.engine.close();
		this.connections.dispose();
	}

}
