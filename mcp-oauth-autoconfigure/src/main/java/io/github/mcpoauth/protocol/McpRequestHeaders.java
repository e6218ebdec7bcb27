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

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;

/**
 * The HTTP headers that mirror a JSON-RPC request of revision 2026-07-28 on the Streamable
 * HTTP transport, so that intermediaries can route without reading the body:
 * {@code MCP-Protocol-Version} (equal to {@code params._meta}'s protocol version),
 * {@code Mcp-Method}, {@code Mcp-Name} (the tool or prompt name, or the resource URI) and one
 * {@code Mcp-Param-{name}} per tool argument its input schema marks with
 * {@code x-mcp-header}. A value that is not a plain ASCII header value is sent as
 * {@code =?base64?...?=}.
 *
 * @see <a href=
 * "https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http#request-metadata">MCP
 * 2026-07-28: Streamable HTTP, Request Metadata</a>
 */
public final class McpRequestHeaders {

	/** The protocol revision of a request. */
	public static final String PROTOCOL_VERSION = "MCP-Protocol-Version";

	/** The JSON-RPC method of a request. */
	public static final String METHOD = "Mcp-Method";

	/** The tool or prompt name, or the resource URI, of a request. */
	public static final String NAME = "Mcp-Name";

	/** The prefix of the headers that carry tool arguments marked with {@code x-mcp-header}. */
	public static final String PARAM_PREFIX = "Mcp-Param-";

	/** The input-schema keyword that names the header of a tool argument. */
	public static final String X_MCP_HEADER = "x-mcp-header";

	/** The {@code params._meta} key of the protocol revision. */
	public static final String META_PROTOCOL_VERSION = "io.modelcontextprotocol/protocolVersion";

	/** The {@code params._meta} key of the client's name and version. */
	public static final String META_CLIENT_INFO = "io.modelcontextprotocol/clientInfo";

	/** The {@code params._meta} key of the client's capabilities. */
	public static final String META_CLIENT_CAPABILITIES = "io.modelcontextprotocol/clientCapabilities";

	private static final String BASE64_PREFIX = "=?base64?";

	private static final String BASE64_SUFFIX = "?=";

	/** The largest integer JavaScript represents exactly (2^53 - 1). */
	private static final long MAX_SAFE_INTEGER = 9007199254740991L;

	private McpRequestHeaders() {
	}

	/**
	 * The standard headers of a modern request: nothing for a message whose
	 * {@code params._meta} names no protocol revision (a legacy message).
	 * @param message the JSON-RPC request
	 * @return the headers
	 */
	public static HttpHeaders of(JsonNode message) {
		HttpHeaders headers = new HttpHeaders();
		JsonNode version = message.path("params").path("_meta").path(META_PROTOCOL_VERSION);
		String method = text(message.path("method"));
		if (!version.isString() || method == null) {
			return headers;
		}
		headers.set(PROTOCOL_VERSION, version.stringValue());
		headers.set(METHOD, method);
		String name = name(method, message.path("params"));
		if (name != null) {
			headers.set(NAME, encode(name));
		}
		return headers;
	}

	/**
	 * The {@code Mcp-Param-*} headers of a tool call: one per argument that the tool's input
	 * schema marks with {@code x-mcp-header} and that the call gives a non-null value.
	 * @param inputSchema the tool's input schema
	 * @param arguments the call's arguments
	 * @return the headers (empty when the schema marks no argument)
	 */
	public static HttpHeaders params(Map<String, Object> inputSchema, @Nullable Map<String, Object> arguments) {
		HttpHeaders headers = new HttpHeaders();
		if (arguments == null) {
			return headers;
		}
		for (Annotation annotation : annotations(inputSchema)) {
			Object value = arguments;
			for (String property : annotation.path()) {
				value = (value instanceof Map<?, ?> object) ? object.get(property) : null;
			}
			String text = headerValue(value);
			if (text != null) {
				headers.set(PARAM_PREFIX + annotation.header(), encode(text));
			}
		}
		return headers;
	}

	/**
	 * Why a tool definition's {@code x-mcp-header} annotations are invalid, if they are: a
	 * client must leave such a tool out of the tools it offers. An annotation must name a
	 * header token, unique regardless of case, on a {@code string}, {@code integer} or
	 * {@code boolean} property reached from the schema root through {@code properties} alone.
	 * @param inputSchema the tool's input schema
	 * @return the reason, or {@code null} when the annotations (if any) are valid
	 */
	public static @Nullable String invalidAnnotation(@Nullable Map<String, Object> inputSchema) {
		if (inputSchema == null) {
			return null;
		}
		List<String> problems = new ArrayList<>();
		check(inputSchema, true, false, new HashSet<>(), problems);
		return problems.isEmpty() ? null : problems.get(0);
	}

	/**
	 * Encodes a header value: as is when it is visible ASCII, spaces and tabs with no space at
	 * either end, otherwise (or when it looks like an encoded value) as
	 * {@code =?base64?<Base64 of its UTF-8>?=}.
	 * @param value the value
	 * @return the header value
	 */
	public static String encode(String value) {
		boolean plain = !value.isEmpty() && !Character.isWhitespace(value.charAt(0))
				&& !Character.isWhitespace(value.charAt(value.length() - 1))
				&& !(value.startsWith(BASE64_PREFIX) && value.endsWith(BASE64_SUFFIX));
		for (int i = 0; plain && i < value.length(); i++) {
			char c = value.charAt(i);
			plain = (c >= 0x20 && c <= 0x7E) || c == '\t';
		}
		return plain ? value
				: BASE64_PREFIX + Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))
						+ BASE64_SUFFIX;
	}

	private static @Nullable String name(String method, JsonNode params) {
		return switch (method) {
			case "tools/call", "prompts/get" -> text(params.path("name"));
			case "resources/read" -> text(params.path("uri"));
			default -> null;
		};
	}

	static @Nullable String text(JsonNode node) {
		return node.isString() ? node.stringValue() : null;
	}

	private static @Nullable String headerValue(@Nullable Object value) {
		if (value instanceof String text) {
			return text;
		}
		if (value instanceof Boolean flag) {
			return flag.toString();
		}
		if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
				|| value instanceof java.math.BigInteger) {
			return value.toString();
		}
		if (value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())
				&& Math.abs(number.doubleValue()) <= MAX_SAFE_INTEGER) {
			return Long.toString(number.longValue());
		}
		return null;
	}

	private static List<Annotation> annotations(Map<String, Object> schema) {
		List<Annotation> annotations = new ArrayList<>();
		collect(schema, List.of(), annotations);
		return annotations;
	}

	private static void collect(Map<?, ?> schema, List<String> path, List<Annotation> annotations) {
		if (!path.isEmpty() && schema.get(X_MCP_HEADER) instanceof String header) {
			annotations.add(new Annotation(header, path));
		}
		if (schema.get("properties") instanceof Map<?, ?> properties) {
			properties.forEach((name, property) -> {
				if (property instanceof Map<?, ?> propertySchema) {
					List<String> next = new ArrayList<>(path);
					next.add(String.valueOf(name));
					collect(propertySchema, next, annotations);
				}
			});
		}
	}

	/**
	 * Walks the whole schema: an annotation is valid only on a property reached from the root
	 * through {@code properties} alone ({@code reachable}); anywhere else (the root itself,
	 * {@code items}, {@code oneOf}, {@code $defs}, ...) it is a problem.
	 */
	private static void check(@Nullable Object node, boolean root, boolean reachable, Set<String> seen,
			List<String> problems) {
		if (node instanceof List<?> array) {
			array.forEach((element) -> check(element, false, false, seen, problems));
			return;
		}
		if (!(node instanceof Map<?, ?> schema)) {
			return;
		}
		if (schema.containsKey(X_MCP_HEADER)) {
			Object header = schema.get(X_MCP_HEADER);
			if (!reachable) {
				problems.add("'" + X_MCP_HEADER + "' outside a property reached through 'properties' alone");
			}
			else if (!(header instanceof String name) || !isToken(name)) {
				problems.add("'" + X_MCP_HEADER + "' value " + header + " is not an HTTP header name token");
			}
			else if (!seen.add(name.toLowerCase(Locale.ROOT))) {
				problems.add("'" + X_MCP_HEADER + "' value '" + name + "' is used twice");
			}
			else if (!Set.of("string", "integer", "boolean").contains(schema.get("type"))) {
				problems.add("'" + X_MCP_HEADER + "' '" + name + "' is on a property of type " + schema.get("type")
						+ " (only string, integer and boolean may be mirrored)");
			}
		}
		schema.forEach((key, value) -> {
			if ("properties".equals(key) && value instanceof Map<?, ?> properties) {
				properties.values().forEach((property) -> check(property, false, root || reachable, seen, problems));
			}
			else if (!X_MCP_HEADER.equals(key)) {
				check(value, false, false, seen, problems);
			}
		});
	}

	/** RFC 9110 §5.6.2: {@code token = 1*tchar}. */
	private static boolean isToken(String name) {
		if (name.isEmpty()) {
			return false;
		}
		for (int i = 0; i < name.length(); i++) {
			char c = name.charAt(i);
			boolean tchar = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
					|| "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
			if (!tchar) {
				return false;
			}
		}
		return true;
	}

	private record Annotation(String header, List<String> path) {
	}

}
