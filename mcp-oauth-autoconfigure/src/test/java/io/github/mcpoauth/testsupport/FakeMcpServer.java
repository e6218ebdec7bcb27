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

package io.github.mcpoauth.testsupport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.mcpoauth.testsupport.FakeAuthorizationServer.Response;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An MCP server for {@link FakeAuthorizationServer#route} or
 * {@link FakeAuthorizationServer#mcpHandler}, on the wire of the MCP conformance suite's mock
 * servers:
 * <ul>
 * <li>{@link Era#STATELESS}: revision 2026-07-28 only, validated as the suite's
 * {@code validateStatelessRequest} does: 400 {@code -32020} without
 * {@code MCP-Protocol-Version}, 400 {@code -32602} without the {@code _meta} keys, 400
 * {@code -32020} when header and {@code _meta} differ, 400 {@code -32022} with the supported
 * versions for another version; {@code server/discover} answered, other unknown methods 404
 * {@code -32601}; results carry {@code resultType}.</li>
 * <li>{@link Era#LEGACY}: revision 2025-11-25 like the MCP Java SDK's servlet transport: a
 * request other than {@code initialize} without a session is answered 400 with a body that
 * is not a JSON-RPC message; {@code initialize} assigns {@code Mcp-Session-Id}; an unknown
 * session is 404.</li>
 * </ul>
 * The tools are {@code test-tool} and, with {@link #headerTool()}, {@code execute_sql}
 * whose {@code region} argument is mirrored into {@code Mcp-Param-Region}.
 */
public final class FakeMcpServer implements FakeAuthorizationServer.Handler {

	/** The revision of the stateless era. */
	public static final String STATELESS_VERSION = "2026-07-28";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Era era;

	private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();

	private final Set<String> sessions = new java.util.concurrent.ConcurrentSkipListSet<>();

	private final AtomicInteger sessionCounter = new AtomicInteger();

	private final List<Map<String, Object>> tools = new ArrayList<>();

	private volatile boolean eventStream;

	private volatile boolean requireParamHeaders;

	public FakeMcpServer(Era era) {
		this.era = era;
		this.tools.add(Map.of("name", "test-tool", "inputSchema", Map.of("type", "object")));
	}

	/**
	 * Adds {@code execute_sql}, whose {@code region} is marked {@code x-mcp-header: Region},
	 * and makes a call without the matching header fail with {@code -32020}.
	 * @return this server
	 */
	public FakeMcpServer headerTool() {
		this.tools.add(Map.of("name", "execute_sql", "inputSchema",
				Map.of("type", "object", "properties", Map.of("region", Map.of("type", "string", "x-mcp-header", "Region"),
						"query", Map.of("type", "string")))));
		this.requireParamHeaders = true;
		return this;
	}

	/**
	 * Adds a tool with an invalid {@code x-mcp-header} (on a {@code number}).
	 * @return this server
	 */
	public FakeMcpServer invalidHeaderTool() {
		this.tools.add(Map.of("name", "bad-tool", "inputSchema", Map.of("type", "object", "properties",
				Map.of("ratio", Map.of("type", "number", "x-mcp-header", "Ratio")))));
		return this;
	}

	/**
	 * Answers requests with a {@code text/event-stream} whose response is preceded by a
	 * notification.
	 * @return this server
	 */
	public FakeMcpServer eventStream() {
		this.eventStream = true;
		return this;
	}

	/**
	 * Forgets every session, so that the next request with one is answered 404.
	 */
	public void forgetSessions() {
		this.sessions.clear();
	}

	/** @return the requests received, in order */
	public List<RecordedRequest> requests() {
		return List.copyOf(this.requests);
	}

	/** @return the JSON-RPC methods received, in order ({@code DELETE} for a session end) */
	public List<String> methods() {
		return this.requests.stream()
			.map((request) -> "DELETE".equals(request.method()) ? "DELETE" : JSON.readTree(request.body()).path("method").asString())
			.toList();
	}

	/**
	 * @param method a JSON-RPC method
	 * @return the last request for it
	 */
	public RecordedRequest last(String method) {
		List<RecordedRequest> matching = this.requests.stream()
			.filter((request) -> !"DELETE".equals(request.method())
					&& method.equals(JSON.readTree(request.body()).path("method").asString()))
			.toList();
		if (matching.isEmpty()) {
			throw new AssertionError("no " + method + " request among " + methods());
		}
		return matching.get(matching.size() - 1);
	}

	@Override
	public Response handle(RecordedRequest request) {
		this.requests.add(request);
		if ("DELETE".equals(request.method())) {
			return (this.era == Era.LEGACY) ? new Response(200, Map.of(), "") : new Response(405, Map.of(), "");
		}
		JsonNode body = JSON.readTree(request.body());
		return (this.era == Era.STATELESS) ? stateless(request, body) : legacy(request, body);
	}

	private Response stateless(RecordedRequest request, JsonNode body) {
		JsonNode id = body.path("id");
		String method = body.path("method").asString();
		JsonNode meta = body.path("params").path("_meta");
		String headerVersion = request.header("MCP-Protocol-Version");
		if (headerVersion == null) {
			return error(400, id, -32020, "Missing MCP-Protocol-Version header", null);
		}
		if (!meta.has("io.modelcontextprotocol/protocolVersion") || !meta.has("io.modelcontextprotocol/clientCapabilities")) {
			return error(400, id, -32602, "Invalid params: missing _meta keys", null);
		}
		if (!headerVersion.equals(meta.path("io.modelcontextprotocol/protocolVersion").asString())) {
			return error(400, id, -32020, "MCP-Protocol-Version header does not match _meta.protocolVersion", null);
		}
		if (!STATELESS_VERSION.equals(headerVersion)) {
			return error(400, id, -32022, "Unsupported protocol version",
					Map.of("supported", List.of(STATELESS_VERSION), "requested", headerVersion));
		}
		if (!method.equals(request.header("Mcp-Method"))) {
			return error(400, id, -32020, "Mcp-Method header does not match the body", null);
		}
		return switch (method) {
			case "server/discover" -> result(id, Map.of("resultType", "complete", "supportedVersions",
					List.of(STATELESS_VERSION), "capabilities", Map.of("tools", Map.of()), "_meta",
					Map.of("io.modelcontextprotocol/serverInfo", Map.of("name", "fake-stateless", "version", "1.0.0")),
					"ttlMs", 0, "cacheScope", "private"));
			case "tools/list" -> result(id, Map.of("resultType", "complete", "tools", this.tools, "ttlMs", 0,
					"cacheScope", "private"));
			case "tools/call" -> callTool(request, id, body);
			default -> error(404, id, -32601, "Method not found", null);
		};
	}

	private Response callTool(RecordedRequest request, JsonNode id, JsonNode body) {
		String name = body.path("params").path("name").asString();
		if (!name.equals(decoded(request.header("Mcp-Name")))) {
			return error(400, id, -32020, "Mcp-Name header does not match the body", null);
		}
		if (this.requireParamHeaders && "execute_sql".equals(name)) {
			String region = body.path("params").path("arguments").path("region").asString(null);
			if (region != null && !region.equals(decoded(request.header("Mcp-Param-Region")))) {
				return error(400, id, -32020, "Mcp-Param-Region header does not match the body", null);
			}
		}
		return result(id, Map.of("resultType", "complete", "content", List.of(Map.of("type", "text", "text", "test"))));
	}

	private Response legacy(RecordedRequest request, JsonNode body) {
		JsonNode id = body.path("id");
		String method = body.path("method").asString();
		String session = request.header("Mcp-Session-Id");
		if ("initialize".equals(method)) {
			String sessionId = "session-" + this.sessionCounter.incrementAndGet();
			this.sessions.add(sessionId);
			Map<String, Object> result = Map.of("protocolVersion", "2025-11-25", "capabilities",
					Map.of("tools", Map.of("listChanged", false)), "serverInfo",
					Map.of("name", "fake-legacy", "version", "1.0.0"), "instructions", "Use test-tool.");
			Response response = result(id, result);
			Map<String, String> headers = new LinkedHashMap<>(response.headers());
			headers.put("Mcp-Session-Id", sessionId);
			return new Response(response.status(), headers, response.body());
		}
		if (session == null) {
			// what the MCP Java SDK's servlet transport answers: a serialised exception, no JSON-RPC
			return Response.json(400, Map.of("jsonRpcError", Map.of("code", -32601, "message",
					"Session ID required in mcp-session-id header")));
		}
		if (!this.sessions.contains(session)) {
			return new Response(404, Map.of(), "");
		}
		return switch (method) {
			case "notifications/initialized" -> new Response(202, Map.of(), "");
			case "tools/list" -> result(id, Map.of("tools", this.tools));
			case "tools/call" -> result(id, Map.of("content", List.of(Map.of("type", "text", "text", "test"))));
			default -> error(200, id, -32601, "Method not found", null);
		};
	}

	private Response result(JsonNode id, Map<String, Object> result) {
		Map<String, Object> message = new LinkedHashMap<>();
		message.put("jsonrpc", "2.0");
		message.put("id", id);
		message.put("result", result);
		if (!this.eventStream) {
			return Response.json(200, message);
		}
		String notification = JSON.writeValueAsString(Map.of("jsonrpc", "2.0", "method", "notifications/message",
				"params", Map.of("level", "info", "data", "working")));
		String events = "id: 1\ndata: \n\ndata: " + notification + "\n\ndata: " + JSON.writeValueAsString(message)
				+ "\n\n";
		return new Response(200, Map.of("Content-Type", "text/event-stream"), events);
	}

	private static Response error(int status, JsonNode id, int code, String message, @Nullable Object data) {
		Map<String, Object> error = new LinkedHashMap<>();
		error.put("code", code);
		error.put("message", message);
		if (data != null) {
			error.put("data", data);
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("jsonrpc", "2.0");
		body.put("id", id.isMissingNode() ? null : id);
		body.put("error", error);
		return Response.json(status, body);
	}

	private static @Nullable String decoded(@Nullable String header) {
		if (header != null && header.startsWith("=?base64?") && header.endsWith("?=")) {
			return new String(java.util.Base64.getDecoder().decode(header.substring(9, header.length() - 2)),
					java.nio.charset.StandardCharsets.UTF_8);
		}
		return header;
	}

	/** The protocol era the fake speaks. */
	public enum Era {

		/** Revision 2026-07-28 only. */
		STATELESS,

		/** Revision 2025-11-25, with {@code initialize} and sessions. */
		LEGACY

	}

}
