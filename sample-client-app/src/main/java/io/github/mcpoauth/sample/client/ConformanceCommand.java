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

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;

import io.github.mcpoauth.authorization.DirectUserAgent;
import io.github.mcpoauth.client.McpOAuthClient;
import io.github.mcpoauth.core.McpOAuthException;
import io.github.mcpoauth.core.McpServerDefinition;
import io.github.mcpoauth.core.McpServerDefinition.GrantType;
import io.github.mcpoauth.core.McpServerRegistry;
import io.github.mcpoauth.transport.McpOAuthHandler;
import io.github.mcpoauth.protocol.McpProtocolClient;
import io.github.mcpoauth.protocol.McpProtocolVersions;
import io.github.mcpoauth.protocol.McpServerDescription;
import io.modelcontextprotocol.spec.McpSchema;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Runs one scenario of the MCP conformance suite: connects with the library's protocol client
 * (through the authorized {@code WebClient} of an {@link McpOAuthHandler}; the direct user
 * agent follows the test server's immediate redirect), lists the tools and calls
 * {@code test-tool}.
 *
 * <p>The suite passes the server URL as the last argument and describes the scenario in
 * {@code MCP_CONFORMANCE_SCENARIO}, {@code MCP_CONFORMANCE_PROTOCOL_VERSION} (the revision the
 * scenario's server speaks: the client starts with it) and {@code MCP_CONFORMANCE_CONTEXT}
 * (credentials, keys).
 * The scenario name only selects which credentials or grant of the context to use; the
 * engine behaves the same for every scenario.
 */
@Component
@Command(name = "conformance", mixinStandardHelpOptions = true,
		description = "Run a scenario of the MCP conformance suite against SERVER_URL.")
class ConformanceCommand implements Callable<Integer> {

	/** The client metadata document URL the suite expects for Client ID Metadata Documents. */
	static final String CLIENT_METADATA_URL = "https://conformance-test.local/client-metadata.json";

	/** The client's name and version, sent with every request or in {@code initialize}. */
	static final McpSchema.Implementation CLIENT_INFO = new McpSchema.Implementation("mcp-oauth-conformance", "0.1.0");

	/** How long one MCP request may take, authorization included. */
	static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);

	@Parameters(index = "0", paramLabel = "SERVER_URL", description = "The MCP server URL.")
	URI serverUrl;

	@Override
	public Integer call() throws Exception {
		Map<String, Object> context = context(System.getenv("MCP_CONFORMANCE_CONTEXT"));
		String scenario = String.valueOf(System.getenv("MCP_CONFORMANCE_SCENARIO"));
		McpServerDefinition server = definition(this.serverUrl, scenario, context);
		WebClient webClient = WebClient.create();
		McpOAuthClient client = McpOAuthClient.builder()
			.webClient(webClient)
			.userAgent(new DirectUserAgent(webClient))
			.build();
		McpOAuthHandler handler = new McpOAuthHandler(client, new McpServerRegistry(List.of(server)),
				WebClient.builder());
		McpProtocolClient mcp = handler.clientBuilder(server.name())
			.protocolVersion(protocolVersion(System.getenv("MCP_CONFORMANCE_PROTOCOL_VERSION")))
			.clientInfo(CLIENT_INFO)
			.requestTimeout(REQUEST_TIMEOUT)
			.build();
		try {
			McpServerDescription description = Objects.requireNonNull(mcp.connect().block());
			System.out.println("server: MCP " + description.protocolVersion());
			McpSchema.ListToolsResult tools = Objects.requireNonNull(mcp.listTools().block());
			System.out.println("tools: " + tools.tools().stream().map(McpSchema.Tool::name).toList());
			McpSchema.CallToolResult result = Objects.requireNonNull(
					mcp.callTool(new McpSchema.CallToolRequest("test-tool", Map.of())).block());
			System.out.println("test-tool: " + result.content());
			return 0;
		}
		catch (RuntimeException ex) {
			McpOAuthException cause = findCause(ex);
			System.err.println("conformance: " + ((cause != null) ? cause.getMessage() : ex.toString()));
			return 1;
		}
		finally {
			mcp.close().onErrorComplete().block(REQUEST_TIMEOUT);
		}
	}

	/**
	 * The revision to start with: the one the suite runs the scenario at, when this client
	 * speaks it; the client moves to the other era if the server asks for it.
	 */
	static String protocolVersion(@Nullable String requested) {
		return (requested != null && McpProtocolVersions.isSupported(requested)) ? requested : McpProtocolVersions.DEFAULT;
	}

	static McpServerDefinition definition(URI serverUrl, String scenario, Map<String, Object> context) {
		McpServerDefinition.Builder builder = McpServerDefinition.builder("conformance", serverUrl)
			.clientMetadataUrl(CLIENT_METADATA_URL)
			.clientName("mcp-oauth conformance client")
			.clientId(string(context, "client_id"))
			.clientSecret(string(context, "client_secret"));
		ConformanceWorkloadIdentity.apply(builder, context);
		if (context.containsKey("idp_token_endpoint")) {
			builder.grantType(GrantType.CROSS_APP_ACCESS)
				.crossApp(new McpServerDefinition.CrossAppAccess(URI.create(string(context, "idp_token_endpoint")),
						Objects.requireNonNull(string(context, "idp_id_token"), "idp_id_token"),
						Objects.requireNonNull(string(context, "idp_client_id"), "idp_client_id"), null));
		}
		else if (context.containsKey("private_key_pem")) {
			builder.grantType(GrantType.CLIENT_CREDENTIALS)
				.clientPrivateKey(string(context, "private_key_pem"), string(context, "signing_algorithm"));
		}
		else if (scenario.startsWith("auth/client-credentials")) {
			builder.grantType(GrantType.CLIENT_CREDENTIALS);
		}
		return builder.scopes(Set.of()).build();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> context(@Nullable String json) {
		if (json == null || json.isBlank()) {
			return Map.of();
		}
		return JsonMapper.builder().build().readValue(json, Map.class);
	}

	private static @Nullable String string(Map<String, Object> context, String name) {
		return (context.get(name) instanceof String value) ? value : null;
	}

	private static @Nullable McpOAuthException findCause(Throwable ex) {
		for (Throwable t = ex; t != null; t = t.getCause()) {
			if (t instanceof McpOAuthException oauth) {
				return oauth;
			}
		}
		return null;
	}

}
