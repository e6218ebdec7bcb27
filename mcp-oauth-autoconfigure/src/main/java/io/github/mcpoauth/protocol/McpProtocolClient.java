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

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import io.github.mcpoauth.core.McpOAuthErrorCode;
import io.github.mcpoauth.transport.McpOAuthExchangeFilterFunction;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.util.Assert;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * A small MCP client over the Streamable HTTP transport, for applications that talk to a
 * server themselves: it connects (learns the server's protocol revision, capabilities and
 * identity), lists the tools and calls them, with the MCP Java SDK's schema types.
 *
 * <p><strong>Temporary.</strong> The MCP Java SDK 2.1.0 speaks protocol revisions up to
 * 2025-11-25 only. This client exists until the SDK speaks 2026-07-28; it is the one place
 * in the library that does, and it uses the SDK's {@link McpSchema} types so that callers can
 * move to the SDK's client without changing their own code.
 *
 * <p>Revisions, as a dual-era client (MCP 2026-07-28, Versioning §Backward Compatibility):
 * <ul>
 * <li><strong>2026-07-28 (stateless)</strong>, by default: no handshake and no session;
 * every request carries {@code params._meta} with the protocol version, the client's
 * {@code clientInfo} and {@code clientCapabilities}, and the headers
 * {@code MCP-Protocol-Version}, {@code Mcp-Method}, {@code Mcp-Name} and
 * {@code Mcp-Param-*} ({@link McpRequestHeaders}). It connects with
 * {@code server/discover}. A server that answers {@code UnsupportedProtocolVersionError}
 * ({@code -32022}) is asked once more with a version from its {@code supported} list; a server
 * that answers 400, 404 or 405 without a recognised modern error, or {@code -32601}, speaks
 * an earlier revision, and the client falls back to 2025-11-25.</li>
 * <li><strong>2025-11-25 and earlier</strong>, when the server needs it or when
 * {@link Builder#protocolVersion(String)} asks for it: {@code initialize}, then
 * {@code notifications/initialized}, then requests with {@code Mcp-Session-Id} and
 * {@code MCP-Protocol-Version}; a session the server has forgotten (404) is opened again
 * once. An {@code initialize} refused with a modern error ({@code -32020} to
 * {@code -32099}), or answered with a modern revision, moves the client to that
 * revision.</li>
 * </ul>
 * The revision found is kept for the life of this client: keep one client per server.
 *
 * <p>Authorization is not this class's business: it sends its requests through the given
 * {@code WebClient}, which should carry the {@link McpOAuthExchangeFilterFunction} (as the
 * one of {@code McpOAuthHandler.client(name)} does) so that each request carries the token,
 * a 401 is answered with a refresh or a new authorization and a 403
 * {@code insufficient_scope} with a step-up.
 *
 * <p>Non-blocking: every method returns a cold {@link Mono}; nothing runs until it is
 * subscribed, and nothing blocks. A JSON-RPC error answer fails the {@code Mono} with an
 * {@link McpError}; an HTTP answer without one with an {@link McpProtocolException}.
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http">MCP
 * 2026-07-28: Streamable HTTP</a>
 * @see <a href="https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#streamable-http">MCP
 * 2025-11-25: Streamable HTTP</a>
 */
public final class McpProtocolClient {

	/** The media types an MCP client accepts (the {@code Accept} header of its requests). */
	public static final String ACCEPT = MediaType.APPLICATION_JSON_VALUE + ", " + MediaType.TEXT_EVENT_STREAM_VALUE;

	static final String DISCOVER = "server/discover";

	static final String INITIALIZED = "notifications/initialized";

	/** JSON-RPC 2.0: the method does not exist. */
	static final int METHOD_NOT_FOUND = -32601;

	/** MCP 2026-07-28: the headers do not match the body. */
	static final int HEADER_MISMATCH = -32020;

	/** MCP 2026-07-28: the server does not speak the requested revision. */
	static final int UNSUPPORTED_PROTOCOL_VERSION = -32022;

	private static final Logger logger = LoggerFactory.getLogger(McpProtocolClient.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final WebClient webClient;

	private final URI endpoint;

	private final @Nullable String serverName;

	private final String protocolVersion;

	private final @Nullable Duration requestTimeout;

	private final McpJsonMapper mcpJson;

	private final JsonNode clientInfo;

	private final JsonNode capabilities;

	private final AtomicLong requestIds = new AtomicLong();

	private final Map<String, McpSchema.Tool> tools = new ConcurrentHashMap<>();

	private final AtomicReference<@Nullable Mono<Connection>> connection = new AtomicReference<>();

	/** The last connection made: the current one, or the one a new connection replaces. */
	private volatile @Nullable Connection established;

	private McpProtocolClient(Builder builder) {
		this.webClient = builder.webClient;
		this.endpoint = builder.endpoint;
		this.serverName = builder.serverName;
		this.protocolVersion = builder.protocolVersion;
		this.requestTimeout = builder.requestTimeout;
		this.mcpJson = McpJsonDefaults.getMapper();
		this.clientInfo = JSON.valueToTree(this.mcpJson.convertValue(builder.clientInfo, Map.class));
		this.capabilities = JSON.valueToTree(this.mcpJson.convertValue(builder.capabilities, Map.class));
	}

	/**
	 * @param webClient the client the requests go through, normally one that carries the
	 * {@link McpOAuthExchangeFilterFunction}
	 * @param endpoint the MCP endpoint URL
	 * @return a builder
	 */
	public static Builder builder(WebClient webClient, URI endpoint) {
		return new Builder(webClient, endpoint);
	}

	/**
	 * Connects, once: {@code server/discover} or {@code initialize}, whichever the server
	 * speaks. The other methods connect first when needed.
	 * @return what the server said about itself
	 */
	public Mono<McpServerDescription> connect() {
		return connection().map(Connection::description);
	}

	/**
	 * The first page of the server's tools ({@code tools/list}). A tool whose
	 * {@code x-mcp-header} annotations are invalid is left out, with a warning in the log.
	 * @return the tools
	 */
	public Mono<McpSchema.ListToolsResult> listTools() {
		return listTools(null);
	}

	/**
	 * A page of the server's tools ({@code tools/list}).
	 * @param cursor the {@code nextCursor} of the previous page, or {@code null} for the first
	 * @return the tools
	 */
	public Mono<McpSchema.ListToolsResult> listTools(@Nullable String cursor) {
		ObjectNode params = JSON.createObjectNode();
		if (cursor != null) {
			params.put("cursor", cursor);
		}
		return request(McpSchema.METHOD_TOOLS_LIST, params, new HttpHeaders())
			.map((result) -> convert(result, McpSchema.ListToolsResult.class))
			.map(this::usableTools);
	}

	/**
	 * Calls a tool ({@code tools/call}). Arguments the tool's input schema marks with
	 * {@code x-mcp-header} are mirrored into {@code Mcp-Param-*} headers when this client has
	 * listed the tool; a server that refuses the call for missing headers ({@code -32020})
	 * makes the client list the tools and call once more.
	 * @param request the call
	 * @return the tool's result (a tool failure is a result with {@code isError}, not an
	 * error)
	 */
	public Mono<McpSchema.CallToolResult> callTool(McpSchema.CallToolRequest request) {
		Assert.notNull(request, "request cannot be null");
		ObjectNode params = JSON.valueToTree(this.mcpJson.convertValue(request, Map.class));
		Mono<JsonNode> call = Mono.defer(() -> request(McpSchema.METHOD_TOOLS_CALL, params, paramHeaders(request)));
		return call.onErrorResume(McpProtocolClient::isHeaderMismatch, (ex) -> listTools().then(call))
			.map((result) -> convert(result, McpSchema.CallToolResult.class));
	}

	/**
	 * Ends a legacy session ({@code DELETE} with its {@code Mcp-Session-Id}); a stateless
	 * connection has nothing to end. Failures are ignored: the server forgets idle sessions
	 * anyway.
	 * @return completion
	 */
	public Mono<Void> close() {
		return Mono.defer(() -> {
			Mono<Connection> open = this.connection.getAndSet(null);
			Connection current = this.established;
			if (open == null || current == null || current.sessionId() == null) {
				return Mono.empty();
			}
			return this.webClient.delete()
				.uri(this.endpoint)
				.attributes(this::serverAttribute)
				.headers((headers) -> legacyHeaders(current, headers))
				.exchangeToMono(ClientResponse::releaseBody)
				.onErrorResume((ex) -> {
					logger.debug("Ending the MCP session at {} failed: {}", this.endpoint, ex.toString());
					return Mono.empty();
				});
		});
	}

	private Mono<Connection> connection() {
		return Mono.defer(() -> {
			Mono<Connection> fresh = Mono.defer(this::negotiate)
				.doOnNext((connected) -> this.established = connected)
				.cache();
			Mono<Connection> current = this.connection.compareAndExchange(null, fresh);
			Mono<Connection> used = (current != null) ? current : fresh;
			return used.onErrorResume((ex) -> {
				this.connection.compareAndSet(used, null); // a failed connection is tried afresh next time
				return Mono.error(ex);
			});
		});
	}

	/**
	 * Connects with the revision found before, if any (MCP 2026-07-28, Versioning: the era
	 * is a property of the server, kept for its lifetime), else the one to try first.
	 */
	private Mono<Connection> negotiate() {
		Connection previous = this.established;
		String version = (previous != null) ? previous.description().protocolVersion() : this.protocolVersion;
		return McpProtocolVersions.isModern(version) ? discover(version, true) : initialize(version, true);
	}

	/**
	 * {@code server/discover} at a modern revision; on a legacy answer, {@code initialize}.
	 */
	private Mono<Connection> discover(String version, boolean mayFallBack) {
		ObjectNode message = message(DISCOVER, JSON.createObjectNode(), version);
		return post(message, (headers) -> headers.addAll(McpRequestHeaders.of(message))).flatMap((reply) -> {
			JsonNode result = reply.result();
			if (result != null) {
				return Mono.just(new Connection(discovered(version, result), null));
			}
			Integer code = reply.errorCode();
			if (code != null && code == UNSUPPORTED_PROTOCOL_VERSION) {
				List<String> supported = supportedVersions(reply);
				String modern = McpProtocolVersions.newestShared(supported, true);
				if (modern != null && mayFallBack) { // once, even with the same version
					return discover(modern, false);
				}
				String legacy = McpProtocolVersions.newestShared(supported, false);
				if (legacy != null && mayFallBack) {
					logger.debug("The MCP server at {} supports {}; using {}", this.endpoint, supported, legacy);
					return initialize(legacy, false);
				}
				return Mono.error(jsonRpcError(reply));
			}
			if (code != null && isModernError(code)) {
				return Mono.error(jsonRpcError(reply));
			}
			if (mayFallBack && isLegacyAnswer(reply)) {
				logger.debug("The MCP server at {} answered {} to {} with HTTP {}: an earlier revision; initializing",
						this.endpoint, version, DISCOVER, reply.status().value());
				return initialize(McpProtocolVersions.V2025_11_25, false);
			}
			return Mono.error((code != null) ? jsonRpcError(reply) : failure(DISCOVER, reply));
		});
	}

	/**
	 * {@code initialize} and {@code notifications/initialized} at a legacy revision; on a
	 * modern answer, {@code server/discover}.
	 */
	private Mono<Connection> initialize(String version, boolean mayFallForward) {
		ObjectNode params = JSON.createObjectNode();
		params.put("protocolVersion", version);
		params.set("capabilities", this.capabilities.deepCopy());
		params.set("clientInfo", this.clientInfo.deepCopy());
		ObjectNode message = message(McpSchema.METHOD_INITIALIZE, params, null);
		return post(message, (headers) -> {
		}).flatMap((reply) -> {
			JsonNode result = reply.result();
			if (result != null) {
				McpSchema.InitializeResult initialized = convert(result, McpSchema.InitializeResult.class);
				String negotiated = initialized.protocolVersion();
				if (mayFallForward && McpProtocolVersions.MODERN.contains(negotiated)) {
					return discover(negotiated, false);
				}
				if (!McpProtocolVersions.LEGACY.contains(negotiated)) {
					return Mono.error(new McpProtocolException(McpOAuthErrorCode.INVALID_RESPONSE, reply.status().value(),
							"The MCP server at " + this.endpoint + " chose protocol revision '" + negotiated
									+ "', which this client does not speak (it speaks " + McpProtocolVersions.LEGACY
									+ " and " + McpProtocolVersions.MODERN + ")."));
				}
				McpServerDescription description = new McpServerDescription(negotiated, List.of(negotiated),
						initialized.serverInfo(), initialized.capabilities(), initialized.instructions());
				Connection connection = new Connection(description, reply.headers().getFirst(McpResponse.SESSION_ID_HEADER));
				return initialized(connection).thenReturn(connection);
			}
			Integer code = reply.errorCode();
			if (code != null && mayFallForward && isModernError(code)) {
				String modern = McpProtocolVersions.newestShared(supportedVersions(reply), true);
				logger.debug("The MCP server at {} refused {} with error {}: a modern revision; discovering",
						this.endpoint, McpSchema.METHOD_INITIALIZE, code);
				return discover((modern != null) ? modern : McpProtocolVersions.V2026_07_28, false);
			}
			return Mono.error((code != null) ? jsonRpcError(reply) : failure(McpSchema.METHOD_INITIALIZE, reply));
		});
	}

	private Mono<Void> initialized(Connection connection) {
		ObjectNode notification = JSON.createObjectNode();
		notification.put("jsonrpc", McpSchema.JSONRPC_VERSION);
		notification.put("method", INITIALIZED);
		return post(notification, (headers) -> legacyHeaders(connection, headers)).flatMap((reply) -> {
			if (reply.status().is2xxSuccessful()) {
				return Mono.empty();
			}
			return Mono.error(failure(INITIALIZED, reply));
		});
	}

	/**
	 * Sends a request in the connection's revision and returns its result.
	 */
	private Mono<JsonNode> request(String method, ObjectNode params, HttpHeaders extraHeaders) {
		return connection().flatMap((connection) -> send(connection, method, params, extraHeaders, true));
	}

	private Mono<JsonNode> send(Connection connection, String method, ObjectNode params, HttpHeaders extraHeaders,
			boolean mayReopen) {
		boolean stateless = connection.description().isStateless();
		ObjectNode message = message(method, params.deepCopy(),
				stateless ? connection.description().protocolVersion() : null);
		return post(message, (headers) -> {
			if (stateless) {
				headers.addAll(McpRequestHeaders.of(message));
				headers.addAll(extraHeaders);
			}
			else {
				legacyHeaders(connection, headers);
			}
		}).flatMap((reply) -> {
			JsonNode result = reply.result();
			if (result != null) {
				if ("input_required".equals(McpRequestHeaders.text(result.path("resultType")))) {
					return Mono.error(new McpProtocolException(McpOAuthErrorCode.INVALID_RESPONSE, reply.status().value(),
							"The MCP server at " + this.endpoint + " asked for input (sampling, elicitation or roots) to"
									+ " answer '" + method + "'; this client declares no such capability."));
				}
				return Mono.just(result);
			}
			if (!stateless && mayReopen && connection.sessionId() != null && reply.status().value() == 404) {
				// MCP 2025-11-25 §Session Management: a 404 ends the session; start a new one
				logger.debug("The MCP server at {} forgot the session; initializing again", this.endpoint);
				if (this.established == connection) {
					this.connection.set(null); // the next connection initializes with the same revision
				}
				return connection().flatMap((reopened) -> send(reopened, method, params, extraHeaders, false));
			}
			return Mono.error((reply.errorCode() != null) ? jsonRpcError(reply) : failure(method, reply));
		});
	}

	private Mono<Reply> post(ObjectNode message, Consumer<HttpHeaders> headers) {
		JsonNode id = message.get("id");
		Mono<Reply> reply = this.webClient.post()
			.uri(this.endpoint)
			.attributes(this::serverAttribute)
			.header(HttpHeaders.ACCEPT, ACCEPT)
			.contentType(MediaType.APPLICATION_JSON)
			.headers(headers)
			.bodyValue(message.toString())
			.exchangeToMono((response) -> read(response, id));
		return (this.requestTimeout != null) ? reply.timeout(this.requestTimeout) : reply;
	}

	private void serverAttribute(Map<String, Object> attributes) {
		if (this.serverName != null) {
			McpOAuthExchangeFilterFunction.mcpServer(this.serverName).accept(attributes);
		}
	}

	/**
	 * Reads an answer: one JSON document, or the event of an SSE stream that answers the
	 * request (the stream is closed as soon as it arrives; notifications before it are
	 * skipped).
	 */
	@SuppressWarnings("NullAway") // mapNotNull takes a function that may answer null
	private static Mono<Reply> read(ClientResponse response, @Nullable JsonNode id) {
		HttpStatusCode status = response.statusCode();
		HttpHeaders headers = response.headers().asHttpHeaders();
		if (McpResponse.isEventStream(response)) {
			return McpResponse.texts(response)
				.mapNotNull(McpResponse::parse)
				.filter((message) -> isAnswerTo(message, id))
				.next()
				.map((message) -> new Reply(status, headers, message, ""))
				.defaultIfEmpty(new Reply(status, headers, null, ""));
		}
		return McpResponse.texts(response)
			.next()
			.defaultIfEmpty("")
			.map((body) -> new Reply(status, headers, McpResponse.parse(body), body));
	}

	private static boolean isAnswerTo(JsonNode message, @Nullable JsonNode id) {
		if (!message.has("result") && !message.has("error")) {
			return false;
		}
		JsonNode answered = message.path("id");
		if (id == null || answered.isNull() || answered.isMissingNode()) {
			return true;
		}
		return (answered.isNumber() && id.isNumber()) ? answered.longValue() == id.longValue() : answered.equals(id);
	}

	private ObjectNode message(String method, ObjectNode params, @Nullable String statelessVersion) {
		ObjectNode message = JSON.createObjectNode();
		message.put("jsonrpc", McpSchema.JSONRPC_VERSION);
		message.put("id", this.requestIds.incrementAndGet());
		message.put("method", method);
		if (statelessVersion != null) {
			JsonNode existing = params.get("_meta");
			ObjectNode meta = (existing instanceof ObjectNode object) ? object : params.putObject("_meta");
			meta.put(McpRequestHeaders.META_PROTOCOL_VERSION, statelessVersion);
			meta.set(McpRequestHeaders.META_CLIENT_INFO, this.clientInfo.deepCopy());
			meta.set(McpRequestHeaders.META_CLIENT_CAPABILITIES, this.capabilities.deepCopy());
		}
		message.set("params", params);
		return message;
	}

	private static void legacyHeaders(Connection connection, HttpHeaders headers) {
		headers.set(McpRequestHeaders.PROTOCOL_VERSION, connection.description().protocolVersion());
		if (connection.sessionId() != null) {
			headers.set(McpResponse.SESSION_ID_HEADER, connection.sessionId());
		}
	}

	private HttpHeaders paramHeaders(McpSchema.CallToolRequest request) {
		McpSchema.Tool tool = this.tools.get(request.name());
		return (tool != null && tool.inputSchema() != null)
				? McpRequestHeaders.params(tool.inputSchema(), request.arguments()) : new HttpHeaders();
	}

	private McpSchema.ListToolsResult usableTools(McpSchema.ListToolsResult result) {
		List<McpSchema.Tool> usable = new ArrayList<>();
		for (McpSchema.Tool tool : (result.tools() != null) ? result.tools() : List.<McpSchema.Tool>of()) {
			String problem = McpRequestHeaders.invalidAnnotation(tool.inputSchema());
			if (problem != null) {
				logger.warn("Leaving out the tool '{}' of the MCP server at {}: {}", tool.name(), this.endpoint,
						problem);
				continue;
			}
			this.tools.put(tool.name(), tool);
			usable.add(tool);
		}
		return (usable.size() == result.tools().size()) ? result
				: new McpSchema.ListToolsResult(usable, result.nextCursor(), result.meta());
	}

	private McpServerDescription discovered(String version, JsonNode result) {
		List<String> supported = new ArrayList<>();
		result.path("supportedVersions").forEach((entry) -> {
			if (entry.isString()) {
				supported.add(entry.stringValue());
			}
		});
		JsonNode serverInfo = result.path("_meta").path("io.modelcontextprotocol/serverInfo");
		if (!serverInfo.isObject()) {
			serverInfo = result.path("serverInfo");
		}
		JsonNode capabilities = result.path("capabilities");
		return new McpServerDescription(version, supported.isEmpty() ? List.of(version) : supported,
				serverInfo.isObject() ? convert(serverInfo, McpSchema.Implementation.class) : null,
				capabilities.isObject() ? convert(capabilities, McpSchema.ServerCapabilities.class) : null,
				McpRequestHeaders.text(result.path("instructions")));
	}

	private <T> T convert(JsonNode json, Class<T> type) {
		try {
			return this.mcpJson.convertValue(JSON.convertValue(json, Map.class), type);
		}
		catch (RuntimeException ex) {
			throw new McpProtocolException(McpOAuthErrorCode.INVALID_RESPONSE, 200, "The MCP server at "
					+ this.endpoint + " answered with a " + type.getSimpleName() + " that cannot be read: " + ex.getMessage());
		}
	}

	private static List<String> supportedVersions(Reply reply) {
		List<String> supported = new ArrayList<>();
		JsonNode error = reply.message().path("error");
		error.path("data").path("supported").forEach((entry) -> {
			if (entry.isString()) {
				supported.add(entry.stringValue());
			}
		});
		return supported;
	}

	/** MCP 2026-07-28 §Error Codes: -32020 to -32099 are reserved for the specification. */
	private static boolean isModernError(int code) {
		return code <= HEADER_MISMATCH && code >= -32099;
	}

	/**
	 * MCP 2026-07-28, Streamable HTTP §Backward Compatibility: 400, 404 or 405 without a
	 * recognised modern error, or a method the server does not know (a modern server knows
	 * {@code server/discover}).
	 */
	private static boolean isLegacyAnswer(Reply reply) {
		int status = reply.status().value();
		Integer code = reply.errorCode();
		return status == 400 || status == 404 || status == 405 || (code != null && code == METHOD_NOT_FOUND);
	}

	private static boolean isHeaderMismatch(Throwable ex) {
		return ex instanceof McpError error && error.getJsonRpcError() != null
				&& Integer.valueOf(HEADER_MISMATCH).equals(error.getJsonRpcError().code());
	}

	private static McpError jsonRpcError(Reply reply) {
		JsonNode error = reply.message().path("error");
		Object data = error.has("data") ? JSON.convertValue(error.get("data"), Object.class) : null;
		String message = error.path("message").isString() ? error.path("message").stringValue() : "(no message)";
		return new McpError(new McpSchema.JSONRPCResponse.JSONRPCError(reply.errorCode(), message, data));
	}

	private McpProtocolException failure(String method, Reply reply) {
		int status = reply.status().value();
		String where = "The MCP server at " + this.endpoint;
		if (status == 401) {
			return new McpProtocolException(McpOAuthErrorCode.INVALID_RESPONSE, status,
					where + " refused the access token for '" + method + "' (HTTP 401) although the client authorized again.");
		}
		if (status == 403) {
			return new McpProtocolException(McpOAuthErrorCode.INSUFFICIENT_SCOPE, status,
					where + " refused '" + method + "' (HTTP 403) although the client asked for the scope it named.");
		}
		String body = reply.text().strip();
		String excerpt = body.isEmpty() ? "an empty body"
				: "'" + ((body.length() > 200) ? body.substring(0, 200) + "..." : body) + "'";
		return new McpProtocolException(McpOAuthErrorCode.INVALID_RESPONSE, status,
				where + " answered '" + method + "' with HTTP " + status + " and no JSON-RPC response, but " + excerpt + ".");
	}

	/**
	 * A connection: the server's description, and for a legacy revision its session id.
	 */
	private record Connection(McpServerDescription description, @Nullable String sessionId) {
	}

	/**
	 * One HTTP answer: its status and headers, the JSON-RPC message it carried (if any) and
	 * its text (for errors).
	 */
	private record Reply(HttpStatusCode status, HttpHeaders headers, @Nullable JsonNode message, String text) {

		@Nullable JsonNode result() {
			JsonNode result = (this.message != null) ? this.message.get("result") : null;
			return (result != null && result.isObject()) ? result : null;
		}

		@Nullable Integer errorCode() {
			JsonNode code = (this.message != null) ? this.message.path("error").path("code") : null;
			return (code != null && code.isIntegralNumber()) ? code.intValue() : null;
		}

		@Override
		public JsonNode message() {
			return (this.message != null) ? this.message : JSON.createObjectNode();
		}

	}

	/**
	 * Builds a {@link McpProtocolClient}.
	 */
	public static final class Builder {

		private final WebClient webClient;

		private final URI endpoint;

		private @Nullable String serverName;

		private McpSchema.Implementation clientInfo = new McpSchema.Implementation("mcp-oauth", "0.1.0");

		private McpSchema.ClientCapabilities capabilities = McpSchema.ClientCapabilities.builder().build();

		private String protocolVersion = McpProtocolVersions.DEFAULT;

		private @Nullable Duration requestTimeout;

		private Builder(WebClient webClient, URI endpoint) {
			Assert.notNull(webClient, "webClient cannot be null");
			Assert.notNull(endpoint, "endpoint cannot be null");
			Assert.isTrue(endpoint.isAbsolute(), "endpoint must be an absolute URL");
			this.webClient = webClient;
			this.endpoint = endpoint;
		}

		/**
		 * Names the configured server the requests are for, so that the
		 * {@link McpOAuthExchangeFilterFunction} finds it by name rather than by URL.
		 * @param serverName the server name
		 * @return this builder
		 */
		public Builder serverName(String serverName) {
			Assert.hasText(serverName, "serverName cannot be empty");
			this.serverName = serverName;
			return this;
		}

		/**
		 * @param clientInfo the client's name and version, sent with every request
		 * ({@code io.modelcontextprotocol/clientInfo}) or in {@code initialize}
		 * @return this builder
		 */
		public Builder clientInfo(McpSchema.Implementation clientInfo) {
			Assert.notNull(clientInfo, "clientInfo cannot be null");
			this.clientInfo = clientInfo;
			return this;
		}

		/**
		 * @param capabilities the client's capabilities (default none)
		 * @return this builder
		 */
		public Builder capabilities(McpSchema.ClientCapabilities capabilities) {
			Assert.notNull(capabilities, "capabilities cannot be null");
			this.capabilities = capabilities;
			return this;
		}

		/**
		 * The revision to try first (default {@value McpProtocolVersions#V2026_07_28}). A
		 * legacy revision makes the client start with {@code initialize}; either way it
		 * moves to the other era when the server asks for it.
		 * @param protocolVersion one of {@link McpProtocolVersions#MODERN} or
		 * {@link McpProtocolVersions#LEGACY}
		 * @return this builder
		 */
		public Builder protocolVersion(String protocolVersion) {
			Assert.isTrue(McpProtocolVersions.isSupported(protocolVersion), () -> "protocolVersion '"
					+ protocolVersion + "' is not one of " + McpProtocolVersions.MODERN + " " + McpProtocolVersions.LEGACY);
			this.protocolVersion = protocolVersion;
			return this;
		}

		/**
		 * @param requestTimeout how long one request may take, authorization included
		 * (default: no limit)
		 * @return this builder
		 */
		public Builder requestTimeout(Duration requestTimeout) {
			Assert.isTrue(requestTimeout != null && !requestTimeout.isNegative() && !requestTimeout.isZero(), "requestTimeout must be positive");
			this.requestTimeout = requestTimeout;
			return this;
		}

		/**
		 * @return the client
		 */
		public McpProtocolClient build() {
			return new McpProtocolClient(this);
		}

	}

}
