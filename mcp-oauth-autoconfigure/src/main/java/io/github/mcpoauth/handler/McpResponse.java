package io.github.mcpoauth.handler;

import java.util.List;
import java.util.Optional;

import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;

/**
 * The answer of an MCP server to one request: its status, headers and the JSON-RPC messages
 * it carried, whether the body was one JSON document or a stream of Server-Sent Events.
 *
 * @param status the HTTP status
 * @param headers the response headers
 * @param messages the JSON documents of the body: one for {@code application/json}, one per
 * {@code data} event for {@code text/event-stream}, none for an empty body
 */
public record McpResponse(HttpStatusCode status, HttpHeaders headers, List<JsonNode> messages) {

	/** The header that carries the MCP session id (MCP Streamable HTTP transport). */
	public static final String SESSION_ID_HEADER = "Mcp-Session-Id";

	public McpResponse {
		headers = HttpHeaders.readOnlyHttpHeaders(headers);
		messages = List.copyOf(messages);
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

}
