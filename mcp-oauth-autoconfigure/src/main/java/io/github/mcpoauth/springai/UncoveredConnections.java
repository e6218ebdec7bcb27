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

package io.github.mcpoauth.springai;

import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.modelcontextprotocol.client.transport.customizer.McpHttpClientTransportAuthorizationErrorHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.util.Assert;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;

/**
 * Names a Spring AI connection that no configured MCP server covers, in one log line, when
 * its server first refuses it with 401: a connection that needs no authorization never
 * causes a line, one that does is named once with what to configure (or the host mismatch,
 * {@code localhost} against {@code 127.0.0.1}, that keeps it from matching).
 */
public final class UncoveredConnections {

	private static final Logger logger = LoggerFactory.getLogger(UncoveredConnections.class);

	private final SpringAiConnections connections;

	private final Set<String> reported = ConcurrentHashMap.newKeySet();

	public UncoveredConnections(SpringAiConnections connections) {
		Assert.notNull(connections, "connections cannot be null");
		this.connections = connections;
	}

	/**
	 * Logs the connection's line, the first time only.
	 * @param name the connection name
	 * @param requestUrl the URL the connection requests
	 */
	public void refused(String name, URI requestUrl) {
		if (this.reported.add(name)) {
			logger.warn("Spring AI MCP connection '{}' ({}) was refused with 401, and no mcp.oauth server covers it, "
					+ "so its requests carry no token. {}", name, requestUrl, this.connections.uncovered(name, requestUrl));
		}
	}

	/**
	 * @param name the connection name
	 * @param requestUrl the URL the connection requests
	 * @return an authorization error handler for the JDK {@code HttpClient} transport that
	 * reports a 401 and never asks for a retry (as the transport does without a handler)
	 */
	public McpHttpClientTransportAuthorizationErrorHandler errorHandler(String name, URI requestUrl) {
		return (request, response, context) -> {
			if (response.statusCode() == 401) {
				refused(name, requestUrl);
			}
			return Mono.just(false);
		};
	}

	/**
	 * @param name the connection name
	 * @param requestUrl the URL the connection requests
	 * @return a {@code WebClient} filter that reports a 401 and changes nothing
	 */
	public ExchangeFilterFunction filter(String name, URI requestUrl) {
		return (request, next) -> next.exchange(request).doOnNext((response) -> {
			if (response.statusCode().value() == 401) {
				refused(name, requestUrl);
			}
		});
	}

}
