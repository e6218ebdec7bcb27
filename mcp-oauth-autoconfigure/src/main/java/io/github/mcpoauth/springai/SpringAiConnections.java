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
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.github.mcpoauth.core.McpServerDefinition;
import io.github.mcpoauth.core.McpServerRegistry;
import io.modelcontextprotocol.util.Utils;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.mcp.client.common.autoconfigure.properties.McpStreamableHttpClientProperties;
import org.springframework.ai.mcp.client.common.autoconfigure.properties.McpStreamableHttpClientProperties.ConnectionParameters;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;
import org.springframework.web.util.DefaultUriBuilderFactory;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Spring AI's Streamable HTTP connections ({@code spring.ai.mcp.client.streamable-http.connections})
 * and the configured MCP server each one calls. A connection is matched by the URL its
 * transport requests (base URL plus endpoint) with {@link McpServerRegistry#match(URI)}, the
 * rule the {@code WebClient} filter applies to every request, never by its name.
 */
public final class SpringAiConnections {

	/** The endpoint Spring AI uses when a connection sets none. */
	public static final String DEFAULT_ENDPOINT = "/mcp";

	/** The prefix of Spring AI's connection properties. */
	public static final String CONNECTIONS_PREFIX = McpStreamableHttpClientProperties.CONFIG_PREFIX + ".connections";

	private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

	private final McpStreamableHttpClientProperties connections;

	private final McpServerRegistry servers;

	/**
	 * @param connections Spring AI's connection properties
	 * @param servers the configured MCP servers
	 */
	public SpringAiConnections(McpStreamableHttpClientProperties connections, McpServerRegistry servers) {
		Assert.notNull(connections, "connections cannot be null");
		Assert.notNull(servers, "servers cannot be null");
		this.connections = connections;
		this.servers = servers;
	}

	/**
	 * The URL a connection's transport sends its requests to.
	 * @param name the connection name
	 * @param transport the transport Spring AI builds for it
	 * @return the URL, or {@code null} when no connection has that name or it has no URL
	 */
	public @Nullable URI requestUrl(String name, Transport transport) {
		ConnectionParameters parameters = this.connections.getConnections().get(name);
		if (parameters == null || !StringUtils.hasText(parameters.url())) {
			return null;
		}
		return requestUrl(parameters.url(), parameters.endpoint(), transport);
	}

	/**
	 * The configured MCP server whose URL covers a request URL.
	 * @param requestUrl the URL a connection requests
	 * @return the server, or {@code null}
	 */
	public @Nullable McpServerDefinition server(URI requestUrl) {
		return this.servers.match(requestUrl);
	}

	/**
	 * Explains why no configured server covers a request URL, for the log line that names an
	 * uncovered connection.
	 * @param name the connection name
	 * @param requestUrl the URL the connection requests
	 * @return one or two sentences: a host mismatch ({@code localhost} against
	 * {@code 127.0.0.1}) when that is the cause, else what to configure
	 */
	public String uncovered(String name, URI requestUrl) {
		McpServerDefinition nearest = this.servers.servers()
			.stream()
			.filter((server) -> differsOnlyInLoopbackHost(server.url(), requestUrl))
			.min(Comparator.comparing(McpServerDefinition::name))
			.orElse(null);
		if (nearest != null) {
			return "Its host " + requestUrl.getHost() + " is not the host " + nearest.url().getHost()
					+ " of mcp.oauth.servers." + nearest.name() + ".url (" + nearest.url()
					+ "): tokens go only to the exact host configured, and " + requestUrl.getHost() + " and "
					+ nearest.url().getHost() + " are different hosts to a browser and to OAuth. Use the same host in "
					+ CONNECTIONS_PREFIX + "." + name + ".url and mcp.oauth.servers." + nearest.name() + ".url.";
		}
		return "Add mcp.oauth.servers." + name + " (its url may be left out: it is taken from " + CONNECTIONS_PREFIX
				+ "." + name + "), or an mcp.oauth server whose url covers " + requestUrl + ".";
	}

	/**
	 * The URL a transport requests for a base URL and endpoint, computed as each transport
	 * does: the JDK {@code HttpClient} transport resolves the endpoint against the base URL
	 * (RFC 3986 §5.2), the {@code WebClient} transport appends it to the base URL's path.
	 * @param baseUrl the connection's base URL
	 * @param endpoint the connection's endpoint, or {@code null} for {@value #DEFAULT_ENDPOINT}
	 * @param transport the transport
	 * @return the request URL
	 */
	public static URI requestUrl(String baseUrl, @Nullable String endpoint, Transport transport) {
		String path = StringUtils.hasText(endpoint) ? endpoint : DEFAULT_ENDPOINT;
		return switch (transport) {
			case HTTP_CLIENT -> Utils.resolveUri(URI.create(baseUrl), path);
			case WEB_CLIENT -> new DefaultUriBuilderFactory(baseUrl).expand(path);
		};
	}

	private static boolean differsOnlyInLoopbackHost(URI configured, URI requested) {
		String a = lower(configured.getHost());
		String b = lower(requested.getHost());
		if (a.equals(b) || !LOOPBACK_HOSTS.contains(a) || !LOOPBACK_HOSTS.contains(b)) {
			return false;
		}
		URI withConfiguredHost = UriComponentsBuilder.fromUri(requested).host(configured.getHost()).build(true).toUri();
		return new McpServerRegistry(List.of(McpServerDefinition.builder("nearest", configured).build()))
			.match(withConfiguredHost) != null;
	}

	private static String lower(@Nullable String host) {
		return (host != null) ? host.toLowerCase(Locale.ROOT) : "";
	}

	/**
	 * @return the connections by name, as Spring AI binds them
	 */
	public Map<String, ConnectionParameters> connections() {
		return this.connections.getConnections();
	}

	/** The two Streamable HTTP transports Spring AI builds. */
	public enum Transport {

		/** The MCP SDK's {@code HttpClientStreamableHttpTransport} ({@code spring-ai-starter-mcp-client}). */
		HTTP_CLIENT,

		/** {@code WebClientStreamableHttpTransport} ({@code spring-ai-starter-mcp-client-webflux}). */
		WEB_CLIENT

	}

}
