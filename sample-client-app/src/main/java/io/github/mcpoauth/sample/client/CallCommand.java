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

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.mcpoauth.core.McpServerDefinition;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code call NAME TOOL}: calls a tool with the stored tokens (refreshing them when they have
 * expired, never logging in) and prints the tool's result as JSON on standard output.
 */
@Command(name = "call", mixinStandardHelpOptions = true, sortOptions = false,
		description = { "Call a tool of a server and print its result as JSON.", "",
				"Uses the stored tokens (refreshed if they have expired; never a new login), or for a server whose "
						+ "grant needs no user a token it gets by itself. Prints the tool's "
						+ "result (content, structuredContent, isError) as JSON on standard output. Arguments come "
						+ "from --json, then --arg: a value is read as JSON when the tool's input schema declares "
						+ "a number, integer, boolean, array or object, as a string otherwise. Exits 7 when the "
						+ "tool reports an error." },
		footerHeading = "%nExamples:%n",
		footer = { "  mcp-oauth call sample echo --arg message='Hello, MCP'",
				"  mcp-oauth call sample get_time",
				"  mcp-oauth call sample echo --json '{\"message\": \"hi\"}' | jq .structuredContent" })
class CallCommand extends ServerCommand {

	@Parameters(index = "1", paramLabel = "TOOL", description = "The tool name ('mcp-oauth test NAME' lists them).")
	String tool;

	@Option(names = "--arg", paramLabel = "KEY=VALUE", description = "An argument of the tool; repeat for more.")
	Map<String, String> arguments = new LinkedHashMap<>();

	@Option(names = "--json", paramLabel = "JSON", description = "The arguments as a JSON object; --arg adds to it.")
	@Nullable String json;

	CallCommand(CommandContext context) {
		super(context);
	}

	@Override
	public Integer call() {
		Map<String, Object> base = jsonArguments();
		McpServerDefinition server = this.context.servers().require(this.name);
		StoredTokens.usable(this.context.client(), server);
		McpSchema.CallToolResult result = this.context.session(server, (session) -> {
			List<McpSchema.Tool> tools = session.tools();
			McpSchema.Tool tool = tools.stream().filter((t) -> t.name().equals(this.tool)).findFirst()
				.orElseThrow(() -> new CommandFailure(ExitCodes.USAGE, "The server '" + this.name + "' has no tool '"
						+ this.tool + "'; its tools: " + String.join(", ", tools.stream().map(McpSchema.Tool::name).toList())
						+ ".", "Run 'mcp-oauth test " + this.name + "' to see the tools and what they do."));
			Map<String, Object> arguments = new LinkedHashMap<>(base);
			this.arguments.forEach((key, value) -> arguments.put(key, argument(tool, key, value)));
			return session.call(new McpSchema.CallToolRequest(this.tool, arguments));
		});
		PrintWriter out = out();
		out.println(toJson(result));
		out.flush();
		return Boolean.TRUE.equals(result.isError()) ? ExitCodes.TOOL_ERROR : ExitCodes.OK;
	}

	private Map<String, Object> jsonArguments() {
		if (this.json == null) {
			return Map.of();
		}
		try {
			JsonNode node = Json.MAPPER.readTree(this.json);
			if (!node.isObject()) {
				throw usage("--json must be a JSON object, such as '{\"message\": \"hi\"}'.");
			}
			@SuppressWarnings("unchecked")
			Map<String, Object> arguments = Json.MAPPER.convertValue(node, LinkedHashMap.class);
			return arguments;
		}
		catch (JacksonException ex) {
			throw usage("--json is not valid JSON: " + ex.getOriginalMessage());
		}
	}

	/**
	 * The value of an argument: JSON where the tool's input schema declares a non-string type.
	 */
	private Object argument(McpSchema.Tool tool, String key, String value) {
		String type = declaredType(tool, key);
		if (type == null || "string".equals(type)) {
			return value;
		}
		try {
			return Json.MAPPER.readValue(value, Object.class);
		}
		catch (JacksonException ex) {
			throw usage("--arg " + key + "=" + value + ": the tool's schema declares '" + key + "' as " + type
					+ ", and this is not valid JSON.");
		}
	}

	private static @Nullable String declaredType(McpSchema.Tool tool, String key) {
		Map<String, Object> schema = tool.inputSchema();
		if (schema != null && schema.get("properties") instanceof Map<?, ?> properties
				&& properties.get(key) instanceof Map<?, ?> property && property.get("type") instanceof String type) {
			return type;
		}
		return null;
	}

	private static String toJson(McpSchema.CallToolResult result) {
		try {
			// the SDK's own mapper writes the result as it travels on the wire
			String wire = McpJsonDefaults.getMapper().writeValueAsString(result);
			return Json.MAPPER.writeValueAsString(Json.MAPPER.readTree(wire));
		}
		catch (java.io.IOException ex) {
			throw new CommandFailure(ExitCodes.INTERNAL_ERROR, "Cannot write the tool's result as JSON: " + ex.getMessage(),
					"Run again with --debug and report it.", ex);
		}
	}

	private CommandFailure usage(String message) {
		return new CommandFailure(ExitCodes.USAGE, message, "Run 'mcp-oauth call --help' for the syntax.");
	}

	/**
	 * The mapper, made when a command first needs it: not when picocli creates the command
	 * for the usage help, which then loads none of Jackson.
	 */
	private static final class Json {

		static final JsonMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	}

}
