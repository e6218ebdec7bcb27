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

package io.github.mcpoauth.sample.client;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A local fake of the Anthropic Messages API ({@code POST /v1/messages}) in its wire
 * format: while the conversation holds no {@code tool_result}, it answers with a
 * {@code tool_use} content block calling {@code get_alerts} with {@code {"state":"CA"}}
 * (stop reason {@code tool_use}); after the tool result, with {@link #FINAL_ANSWER}
 * (stop reason {@code end_turn}).
 *
 * @see <a href="https://docs.anthropic.com/en/api/messages">Messages API</a>
 */
final class FakeAnthropicApi implements AutoCloseable {

	static final String FINAL_ANSWER = "There are 2 active alerts in California: a Wind Advisory and a Red Flag Warning.";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpServer server;

	private final List<JsonNode> requests = new CopyOnWriteArrayList<>();

	private final List<String> apiKeys = new CopyOnWriteArrayList<>();

	private FakeAnthropicApi(HttpServer server) {
		this.server = server;
	}

	static FakeAnthropicApi start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			FakeAnthropicApi api = new FakeAnthropicApi(server);
			server.createContext("/v1/messages", api::handle);
			server.start();
			return api;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	List<JsonNode> requests() {
		return List.copyOf(this.requests);
	}

	List<String> apiKeys() {
		return List.copyOf(this.apiKeys);
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	private void handle(HttpExchange exchange) throws IOException {
		if (!"POST".equals(exchange.getRequestMethod())) {
			send(exchange, 405, "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"POST only\"}}");
			return;
		}
		JsonNode request = JSON.readTree(exchange.getRequestBody().readAllBytes());
		this.requests.add(request);
		String apiKey = exchange.getRequestHeaders().getFirst("x-api-key");
		this.apiKeys.add((apiKey != null) ? apiKey : "");
		String model = request.path("model").asString("claude-sonnet-4-5");
		if (hasToolResult(request)) {
			send(exchange, 200, """
					{"id":"msg_02","type":"message","role":"assistant","model":"%s",
					 "content":[{"type":"text","text":"%s"}],
					 "stop_reason":"end_turn","stop_sequence":null,
					 "usage":{"input_tokens":420,"output_tokens":24}}""".formatted(model, FINAL_ANSWER));
			return;
		}
		send(exchange, 200, """
				{"id":"msg_01","type":"message","role":"assistant","model":"%s",
				 "content":[{"type":"text","text":"Let me check the alerts for California."},
				            {"type":"tool_use","id":"toolu_01","name":"%s","input":{"state":"CA"}}],
				 "stop_reason":"tool_use","stop_sequence":null,
				 "usage":{"input_tokens":380,"output_tokens":40}}""".formatted(model, alertsToolName(request)));
	}

	/**
	 * The declared tool that is {@code get_alerts} (Spring AI may prefix tool names).
	 */
	private static String alertsToolName(JsonNode request) {
		for (JsonNode tool : request.path("tools")) {
			String name = tool.path("name").asString("");
			if (name.endsWith("get_alerts")) {
				return name;
			}
		}
		return "get_alerts";
	}

	private static boolean hasToolResult(JsonNode request) {
		for (JsonNode message : request.path("messages")) {
			for (JsonNode block : message.path("content")) {
				if ("tool_result".equals(block.path("type").asString(""))) {
					return true;
				}
			}
		}
		return false;
	}

	private static void send(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.getResponseHeaders().add("request-id", "req_fake");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

}
