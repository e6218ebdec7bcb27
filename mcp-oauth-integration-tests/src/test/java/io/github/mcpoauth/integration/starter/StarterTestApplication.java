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

package io.github.mcpoauth.integration.starter;

import java.time.Duration;

import io.github.mcpoauth.integration.FormLoginUserAndTokenCounters;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.http.client.autoconfigure.reactive.ClientHttpConnectorBuilderCustomizer;
import org.springframework.boot.http.client.reactive.ReactorClientHttpConnectorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * An application that uses the starter and nothing else of this project: its MCP server,
 * token store and user agent mode come from {@code application-starter-it.yml}. What a test
 * needs on top: a user who logs in through the sample server's form and counters of the
 * engine's token requests (imported), and a connection pool for bursts of calls (below).
 */
@SpringBootApplication(proxyBeanMethods = false)
@Import(FormLoginUserAndTokenCounters.class)
class StarterTestApplication {

	/**
	 * The application's connections. Without this, Boot's Reactor Netty connector uses the
	 * global pool: up to 500 connections to one server and 1,000 waiting acquisitions, beyond
	 * which an acquisition fails with {@code PoolAcquirePendingLimitException}. A burst of a
	 * thousand MCP calls fits, but opens hundreds of connections at once to a server whose
	 * Tomcat serves 200 requests at a time, which is many times slower here. This pool bounds
	 * the connections to the server and lets the rest of a burst, however long, wait for one
	 * (for at most a minute each).
	 */
	@Bean(destroyMethod = "dispose")
	ConnectionProvider mcpConnectionProvider() {
		return ConnectionProvider.builder("mcp")
			.maxConnections(64)
			.pendingAcquireMaxCount(-1)
			.pendingAcquireTimeout(Duration.ofMinutes(1))
			.build();
	}

	@Bean
	ClientHttpConnectorBuilderCustomizer<ReactorClientHttpConnectorBuilder> mcpConnectionPool(
			ConnectionProvider mcpConnectionProvider) {
		return (builder) -> builder.withHttpClientFactory(() -> HttpClient.create(mcpConnectionProvider));
	}

}
