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
import java.util.List;

import io.github.mcpoauth.client.McpOAuthClient;
import io.github.mcpoauth.core.McpServerDefinition;
import io.modelcontextprotocol.spec.McpSchema;
import picocli.CommandLine.Command;

/**
 * {@code test NAME}: connects to a server with the stored tokens (refreshing them when they
 * have expired, never logging in), with MCP {@code server/discover} (protocol revision
 * 2026-07-28) or {@code initialize} (earlier revisions), lists the tools and prints them.
 */
@Command(name = "test", mixinStandardHelpOptions = true,
		description = { "Connect with the stored tokens and list the server's tools.", "",
				"Refreshes the token if it has expired, then connects (MCP server/discover with protocol revision "
						+ "2026-07-28, or initialize for servers of an earlier revision) and runs tools/list. Never "
						+ "opens a browser: for a server that needs a login, without usable tokens it fails and says "
						+ "to run auth. A server whose grant needs no user (mcp.oauth.servers.NAME.grant-type="
						+ "client-credentials ...) gets a token by itself and stores it. Exits 0 when the server "
						+ "answered." },
		footerHeading = "%nExample:%n", footer = "  mcp-oauth test sample")
class TestCommand extends ServerCommand {

	TestCommand(CommandContext context) {
		super(context);
	}

	@Override
	public Integer call() {
		McpServerDefinition server = this.context.servers().require(this.name);
		McpOAuthClient client = this.context.client();
		PrintWriter out = out();
		out.println("Testing '" + this.name + "' at " + server.url());
		out.flush();
		StoredTokens.Usable tokens = StoredTokens.usable(client, server);
		Fields fields = new Fields(out, "  ");
		fields.add("Token", describe(server, tokens) + TokenView.summary(tokens.current(), client.clock(), client.clockSkew()));
		out.flush();
		Answer answer = this.context.session(server, (session) -> {
			McpSchema.Implementation info = session.server().serverInfo();
			fields.add("Server", ((info != null) ? info.name() + " " + info.version() : "(no server info)")
					+ " (MCP " + session.server().protocolVersion() + ")");
			out.flush();
			return new Answer(session.server().isStateless() ? "server/discover" : "initialize", session.tools());
		});
		List<McpSchema.Tool> tools = answer.tools();
		fields.add("Tools", tools.size());
		int width = tools.stream().mapToInt((tool) -> tool.name().length()).max().orElse(0);
		for (McpSchema.Tool tool : tools) {
			String description = (tool.description() != null) ? tool.description().strip().replaceAll("\\s+", " ") : "";
			out.println(("    " + String.format("%-" + width + "s", tool.name()) + "  " + description).stripTrailing());
		}
		out.println("OK: '" + this.name + "' answered " + answer.connectedWith() + " and tools/list with the "
				+ (StoredTokens.needsUser(server) ? "stored tokens." : "token of its " + StoredTokens.grant(server) + " grant."));
		out.flush();
		return ExitCodes.OK;
	}

	private static String describe(McpServerDefinition server, StoredTokens.Usable tokens) {
		if (tokens.refreshed()) {
			return "refreshed (the stored one had expired); ";
		}
		if (tokens.replaced()) {
			return "new (" + StoredTokens.grant(server) + ", now stored); ";
		}
		return "";
	}

	/**
	 * What the server answered.
	 *
	 * @param connectedWith the request that connected: {@code server/discover} or
	 * {@code initialize}
	 * @param tools the server's tools
	 */
	private record Answer(String connectedWith, List<McpSchema.Tool> tools) {
	}

}
