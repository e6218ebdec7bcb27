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

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SampleTools}.
 */
class SampleToolsTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final SampleTools tools = new SampleTools(
			Clock.fixed(Instant.parse("2024-01-01T12:00:00.250Z"), ZoneId.of("UTC")), McpJsonDefaults.getMapper());

	@Test
	void getTimeWhenCalledThenSeedShapeFromClock() {
		CallToolResult result = this.tools.getTime();

		assertThat(result.isError()).isFalse();
		assertThat(result.structuredContent()).isEqualTo(Map.of("current_time", "2024-01-01T12:00:00.250000",
				"timezone", "UTC", "timestamp", 1704110400.25, "formatted", "2024-01-01 12:00:00"));
		assertThat(JSON.readValue(text(result), Map.class)).isEqualTo(result.structuredContent());
	}

	@Test
	void getTimeWhenWholeSecondThenNoFraction() {
		SampleTools wholeSecond = new SampleTools(Clock.fixed(Instant.parse("2024-01-01T12:00:00Z"), ZoneId.of("UTC")),
				McpJsonDefaults.getMapper());

		assertThat(wholeSecond.getTime().structuredContent()).isEqualTo(Map.of("current_time", "2024-01-01T12:00:00",
				"timezone", "UTC", "timestamp", 1704110400.0, "formatted", "2024-01-01 12:00:00"));
	}

	@Test
	void echoWhenMessageThenEchoAndLength() {
		CallToolResult result = this.tools.echo(new CallToolRequest("echo", Map.of("message", "Hello, World!")));

		assertThat(result.isError()).isFalse();
		assertThat(result.structuredContent()).isEqualTo(Map.of("echo", "Hello, World!", "length", 13));
		assertThat(JSON.readValue(text(result), Map.class)).isEqualTo(result.structuredContent());
	}

	@Test
	void echoWhenMessageMissingOrNotStringThenToolError() {
		assertThat(this.tools.echo(new CallToolRequest("echo", Map.of())).isError()).isTrue();
		assertThat(this.tools.echo(new CallToolRequest("echo", Map.of("message", 42))).isError()).isTrue();
		assertThat(this.tools.echo(new CallToolRequest("echo", null)).isError()).isTrue();
	}

	@Test
	void specificationsWhenListedThenTwoToolsWithSchemas() {
		assertThat(this.tools.specifications()).extracting((specification) -> specification.tool().name())
			.containsExactly("get_time", "echo");
		assertThat(this.tools.specifications().get(1).tool().inputSchema()).containsEntry("required", java.util.List.of("message"));
	}

	private static String text(CallToolResult result) {
		assertThat(result.content()).hasSize(1);
		return ((TextContent) result.content().get(0)).text();
	}

}
