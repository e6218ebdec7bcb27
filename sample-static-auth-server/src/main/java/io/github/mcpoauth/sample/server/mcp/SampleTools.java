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

package io.github.mcpoauth.sample.server.mcp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.JsonSchema;
import io.modelcontextprotocol.spec.McpSchema.Tool;

import org.springframework.util.Assert;

/**
 * The two tools of the sample server, with the result shapes of the server it
 * reproduces. Each result is returned as structured content and, for clients that only
 * read text, as the same JSON in a text content.
 * <ul>
 * <li>{@code get_time}: {@code current_time} (ISO local date-time, no offset),
 * {@code timezone}, {@code timestamp} (epoch seconds, fractional) and {@code formatted}
 * ({@code yyyy-MM-dd HH:mm:ss});</li>
 * <li>{@code echo(message)}: {@code echo} and {@code length} (in code points).</li>
 * </ul>
 * Bad arguments give a tool error result ({@code isError: true}), not a protocol error.
 */
public final class SampleTools {

	/**
	 * The name of the time tool.
	 */
	public static final String GET_TIME = "get_time";

	/**
	 * The name of the echo tool.
	 */
	public static final String ECHO = "echo";

	private static final DateTimeFormatter FORMATTED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	private static final DateTimeFormatter ISO_SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

	private static final DateTimeFormatter ISO_MICROSECONDS = DateTimeFormatter
		.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS");

	private final Clock clock;

	private final McpJsonMapper jsonMapper;

	/**
	 * Creates the tools.
	 * @param clock the clock of {@code get_time}; its zone is the reported time zone
	 * @param jsonMapper writes the JSON text content
	 */
	public SampleTools(Clock clock, McpJsonMapper jsonMapper) {
		Assert.notNull(clock, "clock cannot be null");
		Assert.notNull(jsonMapper, "jsonMapper cannot be null");
		this.clock = clock;
		this.jsonMapper = jsonMapper;
	}

	/**
	 * The tool specifications to register with an MCP server.
	 * @return {@code get_time} and {@code echo}
	 */
	public List<SyncToolSpecification> specifications() {
		// @formatter:off
		SyncToolSpecification getTime = SyncToolSpecification.builder()
				.tool(Tool.builder()
						.name(GET_TIME)
						.title("Get time")
						.description("Get the current server time.")
						.inputSchema(new JsonSchema("object", Map.of(), List.of(), null, null, null))
						.outputSchema(objectSchema(Map.of(
								"current_time", Map.of("type", "string"),
								"timezone", Map.of("type", "string"),
								"timestamp", Map.of("type", "number"),
								"formatted", Map.of("type", "string"))))
						.build())
				.callHandler((exchange, request) -> getTime())
				.build();
		SyncToolSpecification echo = SyncToolSpecification.builder()
				.tool(Tool.builder()
						.name(ECHO)
						.title("Echo")
						.description("Echo a message back.")
						.inputSchema(new JsonSchema("object",
								Map.of("message", Map.of("type", "string", "description", "The message to echo")),
								List.of("message"), null, null, null))
						.outputSchema(objectSchema(Map.of(
								"echo", Map.of("type", "string"),
								"length", Map.of("type", "integer"))))
						.build())
				.callHandler((exchange, request) -> echo(request))
				.build();
		// @formatter:on
		return List.of(getTime, echo);
	}

	/**
	 * The {@code get_time} tool.
	 * @return the current time of the clock
	 */
	CallToolResult getTime() {
		Instant instant = this.clock.instant();
		ZonedDateTime now = instant.atZone(this.clock.getZone());
		Map<String, Object> result = new LinkedHashMap<>();
		LocalDateTime local = now.toLocalDateTime().truncatedTo(ChronoUnit.MICROS);
		// ISO local date-time as Python's isoformat() writes it: microseconds only when not 0
		result.put("current_time", local.format((local.getNano() == 0) ? ISO_SECONDS : ISO_MICROSECONDS));
		result.put("timezone", now.getZone().getId());
		result.put("timestamp", instant.getEpochSecond() + instant.getNano() / 1_000_000_000.0);
		result.put("formatted", now.format(FORMATTED));
		return success(result);
	}

	/**
	 * The {@code echo} tool.
	 * @param request the call, with a string argument {@code message}
	 * @return the message and its length, or a tool error for a missing or non-string
	 * message
	 */
	CallToolResult echo(CallToolRequest request) {
		Map<String, Object> arguments = (request.arguments() != null) ? request.arguments() : Map.of();
		if (!(arguments.get("message") instanceof String message)) {
			return error("The argument 'message' is required and must be a string");
		}
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("echo", message);
		result.put("length", message.codePointCount(0, message.length()));
		return success(result);
	}

	private CallToolResult success(Map<String, Object> result) {
		return CallToolResult.builder().structuredContent(result).addTextContent(json(result)).isError(false).build();
	}

	private static CallToolResult error(String message) {
		return CallToolResult.builder().addTextContent(message).isError(true).build();
	}

	private String json(Map<String, Object> result) {
		try {
			return this.jsonMapper.writeValueAsString(result);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Map<String, Object> objectSchema(Map<String, Object> properties) {
		return Map.of("type", "object", "properties", properties, "required", List.copyOf(properties.keySet()));
	}

}
