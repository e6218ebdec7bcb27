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

package io.github.mcpoauth.transport;

import java.net.URI;
import java.util.Set;
import java.util.function.Consumer;

import io.github.mcpoauth.client.McpOAuthClient;
import io.github.mcpoauth.core.McpServerDefinition;
import io.github.mcpoauth.core.McpServerRegistry;
import io.github.mcpoauth.dpop.DPoP;
import io.github.mcpoauth.protocol.McpProtocolClient;
import io.github.mcpoauth.protocol.McpRequestHeaders;
import io.github.mcpoauth.protocol.McpResponse;
import io.github.mcpoauth.token.OAuthToken;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.util.Assert;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The high-level API over the engine, by server name: make sure a server is authorized
 * (cached token, else refreshed, else a new authorization), prepare the headers of a request
 * to it, clear what is stored for it, and send authenticated MCP requests whose answers,
 * JSON or Server-Sent Events, come back parsed.
 *
 * <pre class="code">
 * handler.ensureAuthenticated("sample").block();
 * McpResponse response = handler.post("sample", Map.of("jsonrpc", "2.0", "id", 1, "method", "ping"), null).block();
 * </pre>
 *
 * For tools, {@link #client(String)} gives an MCP client that speaks protocol revision
 * 2026-07-28 and falls back to 2025-11-25 ({@link McpProtocolClient}):
 *
 * <pre class="code">
 * McpProtocolClient mcp = handler.client("sample");
 * CallToolResult result = mcp.callTool(new CallToolRequest("echo", Map.of("message", "hi"))).block();
 * </pre>
 *
 * Requests go through a {@code WebClient} that carries the
 * {@link McpOAuthExchangeFilterFunction}, so a rejected token is refreshed and the request
 * sent once more.
 */
public final class McpOAuthHandler {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final McpOAuthClient client;

	private final McpServerRegistry servers;

	private final WebClient webClient;

	/**
	 * @param client the engine
	 * @param servers the servers by name
	 * @param webClientBuilder the builder of the requests' {@code WebClient}; the MCP filter is
	 * added to a copy of it unless it already carries one
	 */
	public McpOAuthHandler(McpOAuthClient client, McpServerRegistry servers, WebClient.Builder webClientBuilder) {
		Assert.notNull(client, "client cannot be null");
		Assert.notNull(servers, "servers cannot be null");
		Assert.notNull(webClientBuilder, "webClientBuilder cannot be null");
		this.client = client;
		this.servers = servers;
		this.webClient = webClientBuilder.clone().filters((filters) -> {
			if (filters.stream().noneMatch(McpOAuthExchangeFilterFunction.class::isInstance)) {
				filters.add(new McpOAuthExchangeFilterFunction(client, servers));
			}
		}).build();
	}

	/**
	 * A usable token for a configured server: cached, else refreshed, else from a new
	 * authorization.
	 * @param serverName the server name
	 * @return the token
	 */
	public Mono<OAuthToken> ensureAuthenticated(String serverName) {
		return server(serverName).flatMap(this.client::ensureAuthenticated);
	}

	/**
	 * Registers (or updates) a server and makes sure it is authorized.
	 * @param serverName the server name
	 * @param url the MCP endpoint URL
	 * @param scopes the scopes to request, empty to follow the server's challenge and metadata
	 * @return the token
	 */
	public Mono<OAuthToken> ensureAuthenticated(String serverName, URI url, Set<String> scopes) {
		// a known server keeps its client settings unless it moved to another URL
		McpServerDefinition server = this.servers.find(serverName)
			.filter((known) -> known.url().equals(url))
			.map(McpServerDefinition::mutate)
			.orElseGet(() -> McpServerDefinition.builder(serverName, url))
			.scopes(scopes)
			.build();
		this.servers.register(server);
		return this.client.ensureAuthenticated(server);
	}

	/**
	 * The headers of an MCP request ({@code POST} to the server's URL): {@code Authorization}
	 * with a usable token (authorizing when needed), for a DPoP-bound token a proof for that
	 * request in {@code DPoP} (RFC 9449 §7.1), {@code Accept} and {@code Content-Type}.
	 * @param serverName the server name
	 * @return the headers, for one request (a DPoP proof is good once)
	 */
	public Mono<HttpHeaders> prepareHeaders(String serverName) {
		return server(serverName).flatMap((server) -> prepareHeaders(serverName, HttpMethod.POST, server.url()));
	}

	/**
	 * The headers of one request to a server: {@code Authorization} with a usable token
	 * (authorizing when needed), for a DPoP-bound token a proof for this method and URI in
	 * {@code DPoP} (RFC 9449 §7.1), {@code Accept} and {@code Content-Type}.
	 * @param serverName the server name
	 * @param method the request's method
	 * @param uri the request's URI
	 * @return the headers, for one request (a DPoP proof is good once)
	 */
	public Mono<HttpHeaders> prepareHeaders(String serverName, HttpMethod method, URI uri) {
		return server(serverName).flatMap((server) -> this.client.ensureAuthenticated(server).map((token) -> {
			HttpHeaders headers = new HttpHeaders();
			headers.set(HttpHeaders.AUTHORIZATION, token.authorizationHeader());
			if (token.isDPoP()) {
				headers.set(DPoP.HEADER, this.client.dpopProof(server, token, method.name(), uri));
			}
			headers.set(HttpHeaders.ACCEPT, McpProtocolClient.ACCEPT);
			headers.setContentType(MediaType.APPLICATION_JSON);
			return headers;
		}));
	}

	/**
	 * The {@code Authorization} header value of the token held for a server, refreshed if it
	 * has expired, without starting a new authorization. A DPoP-bound token
	 * ({@code DPoP <token>}) needs a proof per request as well: use
	 * {@link #prepareHeaders(String, HttpMethod, URI)} for it.
	 * @param serverName the server name
	 * @return the header value, or empty when no usable token is held
	 */
	public Mono<String> authorizationHeader(String serverName) {
		return server(serverName).flatMap(this.client::currentToken).map(OAuthToken::authorizationHeader);
	}

	/**
	 * Removes the tokens stored for a server; its client registration is kept.
	 * @param serverName the server name
	 * @return completion
	 */
	public Mono<Void> clearTokens(String serverName) {
		return server(serverName).flatMap(this.client::clearTokens);
	}

	/**
	 * Removes the tokens and the client registrations stored for a server.
	 * @param serverName the server name
	 * @return whether anything was removed
	 */
	public Mono<Boolean> clear(String serverName) {
		return server(serverName).flatMap(this.client::forget);
	}

	/**
	 * An MCP client for a configured server, whose requests go through this handler's
	 * authorized {@code WebClient}: it speaks protocol revision 2026-07-28 and falls back to
	 * 2025-11-25 when the server needs it. Keep it for as long as you talk to the server: it
	 * remembers the revision the server speaks.
	 * @param serverName the server name
	 * @return the client
	 */
	public McpProtocolClient client(String serverName) {
		return clientBuilder(serverName).build();
	}

	/**
	 * A builder of {@link #client(String)}, to set the client's name, capabilities, first
	 * revision or request timeout before {@code build()}.
	 * @param serverName the server name
	 * @return the builder
	 */
	public McpProtocolClient.Builder clientBuilder(String serverName) {
		McpServerDefinition server = this.servers.get(serverName);
		return McpProtocolClient.builder(this.webClient, server.url()).serverName(serverName);
	}

	/**
	 * Posts a JSON-RPC message to the server's MCP endpoint. A message of revision 2026-07-28
	 * (whose {@code params._meta} names the protocol version) is sent with the headers that
	 * mirror it: {@code MCP-Protocol-Version}, {@code Mcp-Method} and, for
	 * {@code tools/call}, {@code prompts/get} and {@code resources/read}, {@code Mcp-Name}
	 * ({@link McpRequestHeaders}).
	 * @param serverName the server name
	 * @param message the JSON-RPC message (a map, a record or a {@link JsonNode})
	 * @param sessionId the MCP session id from the {@code initialize} answer (revisions up to
	 * 2025-11-25), or {@code null}
	 * @return the parsed answer
	 */
	public Mono<McpResponse> post(String serverName, Object message, @Nullable String sessionId) {
		return server(serverName).flatMap((server) -> {
			HttpHeaders mirrored = McpRequestHeaders.of(JSON.valueToTree(message));
			return exchange(serverName, HttpMethod.POST, server.url(), message, (headers) -> {
				headers.addAll(mirrored);
				if (sessionId != null) {
					headers.set(McpResponse.SESSION_ID_HEADER, sessionId);
				}
			});
		});
	}

	/**
	 * Sends an authenticated request to a server and parses its answer
	 * ({@link McpResponse#read}): one JSON document for {@code application/json}, the data of
	 * each event for {@code text/event-stream}. A 401 is answered with a refresh or a new
	 * authorization and the request sent once more, a 403 {@code insufficient_scope} with a
	 * step-up ({@link McpOAuthExchangeFilterFunction}).
	 * @param serverName the server the request is for
	 * @param method the method
	 * @param uri the request URI
	 * @param body the JSON body, or {@code null}
	 * @param headers more headers
	 * @return the parsed answer, whatever its status
	 */
	public Mono<McpResponse> exchange(String serverName, HttpMethod method, URI uri, @Nullable Object body,
			Consumer<HttpHeaders> headers) {
		WebClient.RequestBodySpec request = this.webClient.method(method)
			.uri(uri)
			.attributes(McpOAuthExchangeFilterFunction.mcpServer(serverName))
			.header(HttpHeaders.ACCEPT, McpProtocolClient.ACCEPT)
			.headers(headers);
		WebClient.RequestHeadersSpec<?> spec = (body != null)
				? request.contentType(MediaType.APPLICATION_JSON).bodyValue(body) : request;
		return spec.exchangeToMono(McpResponse::read);
	}

	private Mono<McpServerDefinition> server(String serverName) {
		return Mono.fromSupplier(() -> this.servers.get(serverName));
	}

}
