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
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import io.github.mcpoauth.core.McpServerDefinition;
import io.github.mcpoauth.springai.SpringAiConnections.Transport;
import io.github.mcpoauth.transport.McpOAuthExchangeFilterFunction;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.ai.mcp.client.webflux.transport.WebClientStreamableHttpTransport;
import org.springframework.ai.mcp.customizer.McpClientCustomizer;
import org.springframework.util.Assert;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Authorizes the {@code WebClient} transport that Spring AI builds for each connection
 * ({@code spring-ai-starter-mcp-client-webflux}). Spring AI clones the application's
 * {@code WebClient.Builder}, which carries the {@link McpOAuthExchangeFilterFunction} when it
 * is Spring Boot's (through a {@code WebClientCustomizer}) but not when the application
 * declares a {@code WebClient.Builder} bean of its own. So this gives the transport a
 * {@code WebClient.Builder} built as Spring AI builds it (a clone of the application's, with
 * the connection's base URL) that always carries the filter; the filter then authorizes the
 * requests whose URL belongs to a configured server. For a connection that no server covers,
 * a filter that reports its first 401 comes first ({@link UncoveredConnections}).
 *
 * <p>When the application's own builder lacks the filter, one start-up line says so: Spring
 * AI's connections are authorized all the same, the application's other {@code WebClient}s
 * built from that builder are not.
 */
public final class McpOAuthWebClientTransportCustomizer
		implements McpClientCustomizer<WebClientStreamableHttpTransport.Builder> {

	private static final Logger logger = LoggerFactory.getLogger(McpOAuthWebClientTransportCustomizer.class);

	private final Supplier<WebClient.@Nullable Builder> applicationBuilder;

	private final McpOAuthExchangeFilterFunction filter;

	private final SpringAiConnections connections;

	private final SpringAiStartupSignIn signIn;

	private final UncoveredConnections uncovered;

	private final AtomicBoolean warned = new AtomicBoolean();

	/**
	 * @param applicationBuilder the application's {@code WebClient.Builder}, or {@code null}
	 * when it has none (Spring AI then uses {@code WebClient.builder()})
	 * @param filter the MCP authorization filter
	 * @param connections Spring AI's connections and the configured servers
	 * @param signIn signs in before Spring AI initializes a client
	 * @param uncovered reports connections no server covers
	 */
	public McpOAuthWebClientTransportCustomizer(Supplier<WebClient.@Nullable Builder> applicationBuilder,
			McpOAuthExchangeFilterFunction filter, SpringAiConnections connections, SpringAiStartupSignIn signIn,
			UncoveredConnections uncovered) {
		Assert.notNull(applicationBuilder, "applicationBuilder cannot be null");
		Assert.notNull(filter, "filter cannot be null");
		Assert.notNull(connections, "connections cannot be null");
		Assert.notNull(signIn, "signIn cannot be null");
		Assert.notNull(uncovered, "uncovered cannot be null");
		this.applicationBuilder = applicationBuilder;
		this.filter = filter;
		this.connections = connections;
		this.signIn = signIn;
		this.uncovered = uncovered;
	}

	@Override
	public void customize(String name, WebClientStreamableHttpTransport.Builder builder) {
		URI url = this.connections.requestUrl(name, Transport.WEB_CLIENT);
		if (url == null) {
			return;
		}
		McpServerDefinition server = this.connections.server(url);
		// requestUrl answered: the connection exists and has a URL
		var connection = Objects.requireNonNull(this.connections.connections().get(name));
		WebClient.Builder webClient = template().baseUrl(Objects.requireNonNull(connection.url()));
		webClient.filters((filters) -> {
			if (server == null) {
				filters.add(0, this.uncovered.filter(name, url));
			}
			if (!filters.contains(this.filter)) {
				filters.add(this.filter);
			}
		});
		builder.webClientBuilder(webClient);
		if (server != null) {
			logger.debug("Spring AI MCP connection '{}' ({}) is authorized as MCP server '{}'", name, url,
					server.name());
			this.signIn.beforeInitialization(name, server);
		}
	}

	/** A clone of the application's builder, as Spring AI takes it; a bare one when it has none. */
	private WebClient.Builder template() {
		WebClient.Builder application = this.applicationBuilder.get();
		if (application == null) {
			return WebClient.builder();
		}
		WebClient.Builder clone = application.clone();
		boolean[] carriesFilter = new boolean[1];
		clone.filters((filters) -> carriesFilter[0] = filters.contains(this.filter));
		if (!carriesFilter[0] && this.warned.compareAndSet(false, true)) {
			logger.warn("The application's WebClient.Builder does not carry the mcp-oauth filter: a WebClient.Builder "
					+ "bean of the application's own replaces Spring Boot's, which applies WebClientCustomizer beans. "
					+ "Spring AI's MCP connections are authorized all the same; for other WebClients built from that "
					+ "builder to call MCP servers with tokens, add the McpOAuthExchangeFilterFunction bean to it "
					+ "(builder.filter(mcpOAuthExchangeFilterFunction)), or apply the WebClientCustomizer beans to it.");
		}
		return clone;
	}

}
