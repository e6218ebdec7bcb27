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
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.mcpoauth.core.McpOAuthErrorCode;
import io.github.mcpoauth.testsupport.FakeAuthorizationServer;
import io.github.mcpoauth.testsupport.FakeAuthorizationServer.Response;
import io.github.mcpoauth.testsupport.FakeMcpServer;
import io.github.mcpoauth.testsupport.FakeMcpServer.Era;
import io.github.mcpoauth.testsupport.RecordedRequest;
import io.github.mcpoauth.transport.McpOAuthExchangeFilterFunction;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.reactive.function.client.WebClient;

import static io.github.mcpoauth.testsupport.McpOAuthAssertions.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link McpProtocolClient} against {@link FakeMcpServer}, without authorization
 * (the filter's part is tested with {@code McpOAuthHandler}).
 */
class McpProtocolClientTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final FakeAuthorizationServer http = FakeAuthorizationServer.start();

	@AfterEach
	void tearDown() {
		this.http.close();
	}

	// ------------------------------------------------------------------ 2026-07-28

	@Test
	void connectWhenTheServerIsStatelessThenDiscoversWithTheVersionHeaderAndMeta() {
		FakeMcpServer server = serve(new FakeMcpServer(Era.STATELESS));

		McpServerDescription description = client().connect().block(TIMEOUT);

		assertThat(description.protocolVersion()).isEqualTo("2026-07-28");
		assertThat(description.isStateless()).isTrue();
		assertThat(description.supportedVersions()).containsExactly("2026-07-28");
		assertThat(description.serverInfo().name()).isEqualTo("fake-stateless");
		assertThat(description.capabilities().tools()).isNotNull();
		assertThat(server.methods()).containsExactly("server/discover");
		RecordedRequest discover = server.last("server/discover");
		assertThat(discover.header("MCP-Protocol-Version")).isEqualTo("2026-07-28");
		assertThat(discover.header("Mcp-Method")).isEqualTo("server/discover");
		assertThat(discover.header("Mcp-Name")).isNull();
		assertThat(discover.header("Accept")).isEqualTo("application/json, text/event-stream");
		JsonNode meta = JSON.readTree(discover.body()).path("params").path("_meta");
		assertThat(meta.path("io.modelcontextprotocol/protocolVersion").asString()).isEqualTo("2026-07-28");
		assertThat(meta.path("io.modelcontextprotocol/clientInfo").path("name").asString()).isEqualTo("test-client");
		assertThat(meta.path("io.modelcontextprotocol/clientCapabilities").isObject()).isTrue();
	}

	@Test
	void callToolWhenStatelessThenEveryRequestCarriesMetaAndTheMirroredHeadersAndNoSession() {
		FakeMcpServer server = serve(new FakeMcpServer(Era.STATELESS));
		McpProtocolClient client = client();

		McpSchema.ListToolsResult tools = client.listTools().block(TIMEOUT);
		McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("test-tool", Map.of()))
			.block(TIMEOUT);

		assertThat(tools.tools()).extracting(McpSchema.Tool::name).containsExactly("test-tool");
		assertThat(result.content()).singleElement()
			.isInstanceOfSatisfying(McpSchema.TextContent.class, (text) -> assertThat(text.text()).isEqualTo("test"));
		assertThat(server.methods()).containsExactly("server/discover", "tools/list", "tools/call");
		RecordedRequest call = server.last("tools/call");
		assertThat(call.header("Mcp-Method")).isEqualTo("tools/call");
		assertThat(call.header("Mcp-Name")).isEqualTo("test-tool");
		assertThat(call.header("Mcp-Session-Id")).isNull();
		assertThat(JSON.readTree(call.body()).path("params").path("_meta").has("io.modelcontextprotocol/protocolVersion"))
			.isTrue();
		assertThat(client.close().then().block(TIMEOUT)).isNull();
		assertThat(server.methods()).doesNotContain("DELETE");
	}

	@Test
	void callToolWhenAnArgumentIsMarkedXMcpHeaderThenMirrorsItIntoAParamHeader() {
		FakeMcpServer server = serve(new FakeMcpServer(Era.STATELESS).headerTool());
		McpProtocolClient client = client();
		client.listTools().block(TIMEOUT);

		client.callTool(new McpSchema.CallToolRequest("execute_sql", Map.of("region", "us-west1", "query", "SELECT 1")))
			.block(TIMEOUT);

		assertThat(server.last("tools/call").header("Mcp-Param-Region")).isEqualTo("us-west1");
		assertThat(server.methods()).containsExactly("server/discover", "tools/list", "tools/call");
	}

	@Test
	void callToolWhenTheServerMissesAParamHeaderThenListsTheToolsAndCallsAgain() {
		FakeMcpServer server = serve(new FakeMcpServer(Era.STATELESS).headerTool());

		client().callTool(new McpSchema.CallToolRequest("execute_sql", Map.of("region", "eu-west1"))).block(TIMEOUT);

		assertThat(server.methods()).containsExactly("server/discover", "tools/call", "tools/list", "tools/call");
		assertThat(server.last("tools/call").header("Mcp-Param-Region")).isEqualTo("eu-west1");
	}

	@Test
	void listToolsWhenAToolHasAnInvalidHeaderAnnotationThenLeavesItOut() {
		serve(new FakeMcpServer(Era.STATELESS).invalidHeaderTool());

		McpSchema.ListToolsResult tools = client().listTools().block(TIMEOUT);

		assertThat(tools.tools()).extracting(McpSchema.Tool::name).containsExactly("test-tool");
	}

	@Test
	void callToolWhenTheAnswerIsAnEventStreamThenReadsTheResponseAfterTheNotifications() {
		serve(new FakeMcpServer(Era.STATELESS).eventStream());

		McpSchema.CallToolResult result = client().callTool(new McpSchema.CallToolRequest("test-tool", Map.of()))
			.block(TIMEOUT);

		assertThat(result.content()).hasSize(1);
	}

	@Test
	void requestWhenTheServerAnswersAJsonRpcErrorThenMcpErrorWithItsCodeAndMessage() {
		FakeMcpServer server = new FakeMcpServer(Era.STATELESS);
		this.http.route("/mcp", (request) -> {
			JsonNode body = JSON.readTree(request.body());
			if ("tools/call".equals(body.path("method").asString())) {
				return Response.json(200, Map.of("jsonrpc", "2.0", "id", body.path("id").asInt(), "error",
						Map.of("code", -32602, "message", "Unknown tool: nope")));
			}
			return server.handle(request);
		});

		assertThatExceptionOfType(McpError.class)
			.isThrownBy(() -> client().callTool(new McpSchema.CallToolRequest("nope", Map.of())).block(TIMEOUT))
			.satisfies((error) -> {
				assertThat(error.getJsonRpcError().code()).isEqualTo(-32602);
				assertThat(error.getJsonRpcError().message()).isEqualTo("Unknown tool: nope");
			});
	}

	@Test
	void connectWhenTheServerSpeaksNoRevisionOfThisClientThenUnsupportedProtocolVersionError() {
		this.http.route("/mcp", (request) -> {
			JsonNode meta = JSON.readTree(request.body()).path("params").path("_meta");
			if ("2026-07-28".equals(meta.path("io.modelcontextprotocol/protocolVersion").asString())) {
				return Response.json(400, Map.of("jsonrpc", "2.0", "id", 1, "error", Map.of("code", -32022, "message",
						"Unsupported protocol version", "data", Map.of("supported", List.of("2099-01-01")))));
			}
			return Response.json(500, Map.of());
		});

		assertThatExceptionOfType(McpError.class).isThrownBy(() -> client().connect().block(TIMEOUT))
			.satisfies((error) -> assertThat(error.getJsonRpcError().code()).isEqualTo(-32022));
		assertThat(this.http.count("/mcp")).isEqualTo(1);
	}

	@Test
	void connectWhenTheFirstRequestIsRefusedWithASupportedVersionListThenRetriesOnceWithIt() {
		FakeMcpServer server = new FakeMcpServer(Era.STATELESS);
		java.util.concurrent.atomic.AtomicInteger refusals = new java.util.concurrent.atomic.AtomicInteger();
		this.http.route("/mcp", (request) -> {
			if (refusals.getAndIncrement() == 0) { // as the conformance suite's request-metadata scenario does
				return Response.json(400, Map.of("jsonrpc", "2.0", "id", 1, "error", Map.of("code", -32022, "message",
						"Unsupported protocol version", "data", Map.of("supported", List.of("2026-07-28")))));
			}
			return server.handle(request);
		});

		assertThat(client().connect().block(TIMEOUT).protocolVersion()).isEqualTo("2026-07-28");
		assertThat(server.methods()).containsExactly("server/discover");
		assertThat(server.last("server/discover").header("MCP-Protocol-Version")).isEqualTo("2026-07-28");
	}

	@Test
	void requestWhenTheServerAsksForInputThenAnErrorSayingTheClientCannotGiveIt() {
		this.http.route("/mcp", (request) -> {
			JsonNode body = JSON.readTree(request.body());
			Map<String, Object> result = "server/discover".equals(body.path("method").asString())
					? Map.of("resultType", "complete", "supportedVersions", List.of("2026-07-28"), "capabilities", Map.of())
					: Map.of("resultType", "input_required", "inputRequests", Map.of());
			return Response.json(200, Map.of("jsonrpc", "2.0", "id", body.path("id").asInt(), "result", result));
		});

		assertThatExceptionOfType(McpProtocolException.class)
			.isThrownBy(() -> client().callTool(new McpSchema.CallToolRequest("test-tool", Map.of())).block(TIMEOUT))
			.withMessageContaining("asked for input");
	}

	@Test
	void requestWhenTheServerFailsWithoutJsonRpcThenProtocolExceptionWithTheStatus() {
		this.http.route("/mcp", (request) -> new Response(502, Map.of("Content-Type", "text/html"), "<h1>Bad gateway</h1>"));

		assertThatExceptionOfType(McpProtocolException.class).isThrownBy(() -> client().connect().block(TIMEOUT))
			.satisfies((ex) -> {
				assertThat(ex.getStatusCode()).isEqualTo(502);
				assertThat(ex.getErrorCode()).isEqualTo(McpOAuthErrorCode.INVALID_RESPONSE);
				assertThat(ex.getMessage()).contains("HTTP 502").contains("Bad gateway");
			});
	}

	@Test
	void connectWhenItFailsThenTheNextCallTriesAgain() {
		this.http.route("/mcp", (request) -> new Response(503, Map.of(), ""));
		McpProtocolClient client = client();
		assertThatExceptionOfType(McpProtocolException.class).isThrownBy(() -> client.connect().block(TIMEOUT));

		FakeMcpServer server = serve(new FakeMcpServer(Era.STATELESS));

		assertThat(client.connect().block(TIMEOUT).protocolVersion()).isEqualTo("2026-07-28");
		assertThat(server.methods()).containsExactly("server/discover");
	}

	// ------------------------------------------------------------------ 2025-11-25

	@Test
	void connectWhenTheServerIsLegacyThenFallsBackToInitializeAndUsesItsSession() {
		FakeMcpServer server = serve(new FakeMcpServer(Era.LEGACY));
		McpProtocolClient client = client();

		McpServerDescription description = client.connect().block(TIMEOUT);
		client.callTool(new McpSchema.CallToolRequest("test-tool", Map.of())).block(TIMEOUT);
		client.close().block(TIMEOUT);

		assertThat(description.protocolVersion()).isEqualTo("2025-11-25");
		assertThat(description.isStateless()).isFalse();
		assertThat(description.serverInfo().name()).isEqualTo("fake-legacy");
		assertThat(description.instructions()).isEqualTo("Use test-tool.");
		assertThat(server.methods()).containsExactly("server/discover", "initialize", "notifications/initialized",
				"tools/call", "DELETE");
		RecordedRequest initialize = server.last("initialize");
		assertThat(initialize.header("Mcp-Session-Id")).isNull();
		JsonNode params = JSON.readTree(initialize.body()).path("params");
		assertThat(params.path("protocolVersion").asString()).isEqualTo("2025-11-25");
		assertThat(params.path("clientInfo").path("name").asString()).isEqualTo("test-client");
		RecordedRequest call = server.last("tools/call");
		assertThat(call.header("Mcp-Session-Id")).isEqualTo("session-1");
		assertThat(call.header("MCP-Protocol-Version")).isEqualTo("2025-11-25");
		assertThat(call.header("Mcp-Method")).isNull();
		assertThat(JSON.readTree(call.body()).path("params").has("_meta")).isFalse();
		assertThat(server.requests().get(4).header("Mcp-Session-Id")).isEqualTo("session-1");
	}

	@Test
	void connectWhenALegacyServerDoesNotKnowServerDiscoverThenFallsBack() {
		FakeMcpServer legacy = new FakeMcpServer(Era.LEGACY);
		this.http.route("/mcp", (request) -> {
			JsonNode body = JSON.readTree(request.body());
			if ("server/discover".equals(body.path("method").asString())) {
				return Response.json(404, Map.of("jsonrpc", "2.0", "id", body.path("id").asInt(), "error",
						Map.of("code", -32601, "message", "Method not found")));
			}
			return legacy.handle(request);
		});

		assertThat(client().connect().block(TIMEOUT).protocolVersion()).isEqualTo("2025-11-25");
	}

	@Test
	void connectWhenAskedToStartWithALegacyVersionThenInitializesFirst() {
		FakeMcpServer server = serve(new FakeMcpServer(Era.LEGACY));

		McpServerDescription description = builder().protocolVersion("2025-11-25").build().connect().block(TIMEOUT);

		assertThat(description.protocolVersion()).isEqualTo("2025-11-25");
		assertThat(server.methods()).containsExactly("initialize", "notifications/initialized");
	}

	@Test
	void connectWhenAskedForALegacyVersionAndTheServerIsStatelessThenMovesToTheStatelessRevision() {
		FakeMcpServer server = serve(new FakeMcpServer(Era.STATELESS));

		McpServerDescription description = builder().protocolVersion("2025-11-25").build().connect().block(TIMEOUT);

		assertThat(description.protocolVersion()).isEqualTo("2026-07-28");
		assertThat(server.methods()).containsExactly("initialize", "server/discover");
	}

	@Test
	void connectWhenTheModernServerListsOnlyALegacyVersionThenInitializesWithIt() {
		FakeMcpServer legacy = new FakeMcpServer(Era.LEGACY);
		this.http.route("/mcp", (request) -> {
			JsonNode body = JSON.readTree(request.body());
			if ("server/discover".equals(body.path("method").asString())) {
				return Response.json(400, Map.of("jsonrpc", "2.0", "id", body.path("id").asInt(), "error",
						Map.of("code", -32022, "message", "Unsupported protocol version", "data",
								Map.of("supported", List.of("2025-06-18"), "requested", "2026-07-28"))));
			}
			return legacy.handle(request);
		});

		client().connect().block(TIMEOUT);

		assertThat(JSON.readTree(legacy.last("initialize").body()).path("params").path("protocolVersion").asString())
			.isEqualTo("2025-06-18");
	}

	@Test
	void requestWhenTheServerForgotTheSessionThenInitializesAgainOnce() {
		FakeMcpServer server = serve(new FakeMcpServer(Era.LEGACY));
		McpProtocolClient client = client();
		client.connect().block(TIMEOUT);
		server.forgetSessions();

		client.listTools().block(TIMEOUT);

		assertThat(server.methods()).containsExactly("server/discover", "initialize", "notifications/initialized",
				"tools/list", "initialize", "notifications/initialized", "tools/list");
		assertThat(server.last("tools/list").header("Mcp-Session-Id")).isEqualTo("session-2");
	}

	@Test
	void callToolWhenTheLegacyAnswerIsAnEventStreamThenReadsTheResponse() {
		serve(new FakeMcpServer(Era.LEGACY).eventStream());

		assertThat(client().listTools().block(TIMEOUT).tools()).hasSize(1);
	}

	@Test
	void callToolWhenTheServerIsNamedThenEveryRequestCarriesTheFiltersServerAttribute() {
		FakeMcpServer server = serve(new FakeMcpServer(Era.LEGACY));
		List<Object> seen = new CopyOnWriteArrayList<>();
		WebClient webClient = WebClient.builder().filter((request, next) -> {
			seen.add(request.attribute(McpOAuthExchangeFilterFunction.SERVER_NAME_ATTRIBUTE).orElse("none"));
			return next.exchange(request);
		}).build();
		McpProtocolClient client = McpProtocolClient.builder(webClient, this.http.mcpUrl())
			.serverName("sample")
			.build();

		client.callTool(new McpSchema.CallToolRequest("test-tool", Map.of())).block(TIMEOUT);
		client.close().block(TIMEOUT);

		assertThat(server.methods()).contains("initialize", "tools/call", "DELETE");
		assertThat(seen).hasSameSizeAs(server.methods()).containsOnly("sample");
	}

	private FakeMcpServer serve(FakeMcpServer server) {
		this.http.route("/mcp", server);
		return server;
	}

	private McpProtocolClient client() {
		return builder().build();
	}

	private McpProtocolClient.Builder builder() {
		return McpProtocolClient.builder(WebClient.create(), this.http.mcpUrl())
			.clientInfo(new McpSchema.Implementation("test-client", "1.0.0"));
	}

}
