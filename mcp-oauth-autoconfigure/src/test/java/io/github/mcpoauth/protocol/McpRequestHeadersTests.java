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

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link McpRequestHeaders}, with the examples of the MCP 2026-07-28 Streamable
 * HTTP transport page.
 */
class McpRequestHeadersTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Map<String, Object> META = Map.of("io.modelcontextprotocol/protocolVersion", "2026-07-28",
			"io.modelcontextprotocol/clientCapabilities", Map.of());

	@Test
	void ofWhenAToolsCallOfTheStatelessRevisionThenVersionMethodAndName() {
		HttpHeaders headers = McpRequestHeaders.of(JSON.valueToTree(Map.of("jsonrpc", "2.0", "id", 1, "method",
				"tools/call", "params", Map.of("name", "get_weather", "arguments", Map.of(), "_meta", META))));

		assertThat(headers.toSingleValueMap()).containsExactlyInAnyOrderEntriesOf(Map.of("MCP-Protocol-Version",
				"2026-07-28", "Mcp-Method", "tools/call", "Mcp-Name", "get_weather"));
	}

	@Test
	void ofWhenAResourcesReadThenTheNameIsTheUri() {
		HttpHeaders headers = McpRequestHeaders.of(JSON.valueToTree(Map.of("jsonrpc", "2.0", "id", 2, "method",
				"resources/read", "params", Map.of("uri", "file:///projects/myapp/config.json", "_meta", META))));

		assertThat(headers.getFirst("Mcp-Name")).isEqualTo("file:///projects/myapp/config.json");
	}

	@Test
	void ofWhenAToolsListThenNoName() {
		HttpHeaders headers = McpRequestHeaders.of(JSON.valueToTree(
				Map.of("jsonrpc", "2.0", "id", 3, "method", "tools/list", "params", Map.of("_meta", META))));

		assertThat(headers.getFirst("Mcp-Method")).isEqualTo("tools/list");
		assertThat(headers.containsHeader("Mcp-Name")).isFalse();
	}

	@Test
	void ofWhenTheMessageNamesNoProtocolVersionThenNoHeaders() {
		HttpHeaders headers = McpRequestHeaders.of(JSON.valueToTree(Map.of("jsonrpc", "2.0", "id", 1, "method",
				"tools/call", "params", Map.of("name", "echo"))));

		assertThat(headers.isEmpty()).isTrue();
	}

	@Test
	void encodeWhenNotAPlainAsciiValueThenTheBase64Sentinel() {
		assertThat(McpRequestHeaders.encode("us-west1")).isEqualTo("us-west1");
		assertThat(McpRequestHeaders.encode("Hello, 世界")).isEqualTo("=?base64?SGVsbG8sIOS4lueVjA==?=");
		assertThat(McpRequestHeaders.encode(" padded ")).isEqualTo("=?base64?IHBhZGRlZCA=?=");
		assertThat(McpRequestHeaders.encode("line1\nline2")).isEqualTo("=?base64?bGluZTEKbGluZTI=?=");
		assertThat(McpRequestHeaders.encode("=?base64?literal?=")).isEqualTo("=?base64?PT9iYXNlNjQ/bGl0ZXJhbD89?=");
	}

	@Test
	void paramsWhenArgumentsAreMarkedThenOneHeaderEachWithTheirTextValue() {
		Map<String, Object> schema = Map.of("type", "object", "properties",
				Map.of("region", Map.of("type", "string", "x-mcp-header", "Region"), "limit",
						Map.of("type", "integer", "x-mcp-header", "Limit"), "dryRun",
						Map.of("type", "boolean", "x-mcp-header", "Dry-Run"), "options",
						Map.of("type", "object", "properties",
								Map.of("tenant", Map.of("type", "string", "x-mcp-header", "Tenant")))));

		HttpHeaders headers = McpRequestHeaders.params(schema,
				Map.of("region", "us-west1", "limit", 42, "dryRun", false, "options", Map.of("tenant", "acme")));

		assertThat(headers.toSingleValueMap()).containsExactlyInAnyOrderEntriesOf(Map.of("Mcp-Param-Region",
				"us-west1", "Mcp-Param-Limit", "42", "Mcp-Param-Dry-Run", "false", "Mcp-Param-Tenant", "acme"));
	}

	@Test
	void paramsWhenAValueIsAbsentOrNullThenNoHeader() {
		Map<String, Object> schema = Map.of("type", "object", "properties",
				Map.of("region", Map.of("type", "string", "x-mcp-header", "Region")));
		Map<String, Object> nullRegion = new java.util.HashMap<>();
		nullRegion.put("region", null);

		assertThat(McpRequestHeaders.params(schema, Map.of()).isEmpty()).isTrue();
		assertThat(McpRequestHeaders.params(schema, nullRegion).isEmpty()).isTrue();
		assertThat(McpRequestHeaders.params(schema, null).isEmpty()).isTrue();
	}

	@Test
	void invalidAnnotationWhenValidOrAbsentThenNull() {
		assertThat(McpRequestHeaders.invalidAnnotation(Map.of("type", "object"))).isNull();
		assertThat(McpRequestHeaders.invalidAnnotation(Map.of("type", "object", "properties",
				Map.of("a", Map.of("type", "object", "properties",
						Map.of("b", Map.of("type", "integer", "x-mcp-header", "B"))))))).isNull();
	}

	@Test
	void invalidAnnotationWhenOutsideAPropertiesChainThenAReason() {
		assertThat(McpRequestHeaders.invalidAnnotation(Map.of("type", "object", "x-mcp-header", "Root")))
			.contains("outside a property");
		assertThat(McpRequestHeaders.invalidAnnotation(Map.of("type", "object", "properties", Map.of("list",
				Map.of("type", "array", "items", Map.of("type", "string", "x-mcp-header", "Item"))))))
			.contains("outside a property");
		assertThat(McpRequestHeaders.invalidAnnotation(Map.of("type", "object", "oneOf",
				List.of(Map.of("properties", Map.of("a", Map.of("type", "string", "x-mcp-header", "A")))))))
			.contains("outside a property");
	}

	@Test
	void invalidAnnotationWhenNotATokenDuplicatedOrOnANumberThenAReason() {
		assertThat(McpRequestHeaders.invalidAnnotation(
				Map.of("properties", Map.of("a", Map.of("type", "string", "x-mcp-header", "Bad Name")))))
			.contains("not an HTTP header name token");
		assertThat(McpRequestHeaders.invalidAnnotation(Map.of("properties",
				Map.of("a", Map.of("type", "string", "x-mcp-header", "Region"), "b",
						Map.of("type", "string", "x-mcp-header", "region")))))
			.contains("used twice");
		assertThat(McpRequestHeaders.invalidAnnotation(
				Map.of("properties", Map.of("a", Map.of("type", "number", "x-mcp-header", "Ratio")))))
			.contains("type number");
	}

}
