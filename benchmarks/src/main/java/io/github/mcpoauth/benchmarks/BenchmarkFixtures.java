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
import java.time.Instant;
import java.util.Set;

import io.github.mcpoauth.client.McpOAuthClient;
import io.github.mcpoauth.core.McpServerDefinition;
import io.github.mcpoauth.core.McpServerRegistry;
import io.github.mcpoauth.store.InMemoryTokenStore;
import io.github.mcpoauth.store.TokenKey;
import io.github.mcpoauth.token.OAuthToken;
import io.github.mcpoauth.transport.McpOAuthExchangeFilterFunction;

/**
 * What the benchmarks share: the request and response bodies, the access token and a filter
 * whose engine already holds a valid, non-expiring token for the endpoint.
 */
final class BenchmarkFixtures {

	/** The name the endpoint is registered under. */
	static final String SERVER_NAME = "benchmark";

	/** The path of the MCP endpoint. */
	static final String PATH = "/mcp";

	/** A JWT-sized access token (Spring Authorization Server's are about 700 characters). */
	static final String ACCESS_TOKEN = "benchmark-access-token-" + "0".repeat(677);

	/** The header the filter sends, and the fixed header the baseline sends. */
	static final String AUTHORIZATION = "Bearer " + ACCESS_TOKEN;

	/** A small MCP JSON-RPC request. */
	static final String REQUEST = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\","
			+ "\"params\":{\"name\":\"echo\",\"arguments\":{\"message\":\"hello\"}}}";

	/** A small MCP JSON-RPC response. */
	static final String RESPONSE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"content\":"
			+ "[{\"type\":\"text\",\"text\":\"hello\"}],\"isError\":false}}";

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private BenchmarkFixtures() {
	}

	/**
	 * A filter for the server at {@code endpoint}, built as an application would: an engine
	 * from {@link McpOAuthClient#builder()} over an in-memory store that holds a token without
	 * expiry, and a registry with the server. The token is read into the engine's cache here,
	 * so every benchmarked request finds it cached.
	 * @param endpoint the MCP endpoint URL
	 * @return the filter
	 */
	static McpOAuthExchangeFilterFunction filter(URI endpoint) {
		McpServerDefinition server = McpServerDefinition.builder(SERVER_NAME, endpoint).build();
		InMemoryTokenStore store = new InMemoryTokenStore();
		OAuthToken token = OAuthToken.builder()
			.accessToken(ACCESS_TOKEN)
			.issuedAt(Instant.now())
			.issuer(endpoint.resolve("/").toString())
			.resource(endpoint.toString())
			.build();
		store.saveToken(TokenKey.of(SERVER_NAME), token).block(TIMEOUT);
		McpOAuthClient engine = McpOAuthClient.builder().tokenStore(store).build();
		OAuthToken cached = engine.currentToken(server).block(TIMEOUT);
		if (cached == null || !AUTHORIZATION.equals(cached.authorizationHeader())) {
			throw new IllegalStateException("The engine did not load the benchmark token");
		}
		return new McpOAuthExchangeFilterFunction(engine, new McpServerRegistry(Set.of(server)));
	}

}
