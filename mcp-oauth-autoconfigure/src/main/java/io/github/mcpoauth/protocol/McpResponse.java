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

package io.github.mcpoauth.protocol;

import java.util.List;
import java.util.Optional;

import io.github.mcpoauth.core.McpOAuthErrorCode;
import io.github.mcpoauth.core.McpOAuthException;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.ClientResponse;

/**
 * The answer of an MCP server to one request: its status, headers and the JSON-RPC messages
 * it carried, whether the body was one JSON document or a stream of Server-Sent Events.
 *
 * <pre class="code">
 * Mono&lt;McpResponse&gt; answer = webClient.post()
 *     .uri("https://mcp.example.com/mcp")
 *     .header(HttpHeaders.ACCEPT, McpProtocolClient.ACCEPT)
 *     .bodyValue(Map.of("jsonrpc", "2.0", "id", 1, "method", "ping"))
 *     .exchangeToMono(McpResponse::read);
 * </pre>
 *
 * <p>This class reads the messages of an answer for {@link McpProtocolClient} as well, so the
 * library has one reader of MCP answers: Spring's {@code text/event-stream} decoder (the
 * HTML Living Standard §9.2.6 event stream format) for streams, Jackson for the JSON.
 *
 * @param status the HTTP status
 * @param headers the response headers
 * @param messages the JSON documents of the body: one for {@code application/json}, one per
 * event with data for {@code text/event-stream}, none for an empty body
 * @see <a href="https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#sending-messages-to-the-server">MCP
 * 2025-11-25: Streamable HTTP, Sending Messages to the Server</a>
 */
public record McpResponse(HttpStatusCode status, HttpHeaders headers, List<JsonNode> messages) {

	/** The header that carries the MCP session id (MCP Streamable HTTP transport, 2025-11-25). */
	public static final String SESSION_ID_HEADER = "Mcp-Session-Id";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final ParameterizedTypeReference<ServerSentEvent<String>> EVENTS = new ParameterizedTypeReference<>() {
	};

	public McpResponse {
		headers = HttpHeaders.readOnlyHttpHeaders(headers);
		messages = List.copyOf(messages);
	}

	/**
	 * Reads an answer whole: one JSON document for {@code application/json} (or no content
	 * type), the data of each event for {@code text/event-stream}. Events without data, such
	 * as the event an MCP server sends to prime reconnection, carry no message.
	 * @param response the answer
	 * @return the parsed answer, whatever its status; an {@link McpOAuthException}
	 * ({@link McpOAuthErrorCode#INVALID_RESPONSE}) when a body or an event is not JSON
	 */
	public static Mono<McpResponse> read(ClientResponse response) {
		MediaType contentType = response.headers().contentType().orElse(MediaType.APPLICATION_JSON);
		return texts(response).map((text) -> readJson(text, contentType))
			.collectList()
			.map((messages) -> new McpResponse(response.statusCode(), response.headers().asHttpHeaders(), messages));
	}

	/**
	 * @return the session id the server assigned, if any
	 */
	public Optional<String> sessionId() {
		return Optional.ofNullable(this.headers.getFirst(SESSION_ID_HEADER));
	}

	/**
	 * The JSON-RPC response among the messages: the first one with a {@code result} or an
	 * {@code error} member (notifications and requests the server sends first are skipped).
	 * @return the response, if any
	 */
	public Optional<JsonNode> jsonRpcResponse() {
		return this.messages.stream().filter((message) -> message.has("result") || message.has("error")).findFirst();
	}

	/**
	 * Whether an answer is a stream of Server-Sent Events.
	 */
	static boolean isEventStream(ClientResponse response) {
		return response.headers()
			.contentType()
			.filter(MediaType.TEXT_EVENT_STREAM::isCompatibleWith)
			.isPresent();
	}

	/**
	 * The texts of the messages of an answer, as they arrive: the data of each event of a
	 * {@code text/event-stream} (events without data are skipped), else the whole body unless
	 * it is blank.
	 */
	@SuppressWarnings("NullAway") // mapNotNull takes a function that may answer null
	static Flux<String> texts(ClientResponse response) {
		if (isEventStream(response)) {
			return response.bodyToFlux(EVENTS)
				.mapNotNull(ServerSentEvent::data)
				.filter((data) -> !data.isBlank());
		}
		return response.bodyToMono(String.class).filter((body) -> !body.isBlank()).flux();
	}

	/**
	 * A JSON-RPC message, or {@code null} when the text is not a JSON object.
	 */
	static @Nullable JsonNode parse(String text) {
		if (text.isBlank()) {
			return null;
		}
		try {
			JsonNode node = JSON.readTree(text);
			return node.isObject() ? node : null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private static JsonNode readJson(String text, MediaType contentType) {
		try {
			return JSON.readTree(text);
		}
		catch (JacksonException ex) {
			throw new McpOAuthException(McpOAuthErrorCode.INVALID_RESPONSE, "The MCP server answered with a "
					+ contentType + " body that is not JSON: " + ex.getOriginalMessage()
					+ ". Check that the server's URL is its MCP endpoint.", ex);
		}
	}

}
