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

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

import io.github.mcpoauth.core.McpServerDefinition;
import io.github.mcpoauth.transport.McpHttpClientTransports;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.advisor.MessageChatMemoryAdvisor;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.memory.MessageWindowChatMemory;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ToolContext;
import org.springframework.ai.mcp.SyncMcpToolCallbackProvider;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.definition.ToolDefinition;
import org.springframework.ai.tool.metadata.ToolMetadata;
import org.springframework.core.env.Environment;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * {@code mcp-oauth chat [SERVER...]}: a conversation with a chat model (Anthropic's
 * Claude by default) that can call the tools of the named MCP servers.
 * <p>
 * Spring AI's {@link ChatClient} talks to the {@link ChatModel} of the classpath
 * ({@code spring-ai-starter-model-anthropic}; another Spring AI model starter and
 * {@code spring.ai.model.chat} choose another). The servers' tools become Spring AI tool
 * callbacks ({@link SyncMcpToolCallbackProvider}) over MCP clients whose transport this
 * starter authorizes ({@link McpHttpClientTransports}): the stored token is sent,
 * refreshed and widened as for the other commands. Each tool call is shown as it happens.
 */
@Command(name = "chat", mixinStandardHelpOptions = true, sortOptions = false,
		description = { "Chat with a model (Claude by default) that can call the tools of MCP servers.", "",
				"Reads a line, prints the model's answer, and shows each tool call as it happens. Commands: /tools "
						+ "lists the tools, /quit (or end of input) leaves. Uses the stored tokens of the servers "
						+ "(run 'mcp-oauth auth NAME URL' first). Needs ANTHROPIC_API_KEY (or "
						+ "--spring.ai.anthropic.api-key=KEY)." },
		footerHeading = "%nExamples:%n",
		footer = { "  mcp-oauth auth weather http://127.0.0.1:8000/mcp", "  mcp-oauth chat weather",
				"  > alerts in CA", "  mcp-oauth chat                (all known servers)" })
class ChatCommand implements Callable<Integer> {

	/**
	 * The property with the Anthropic API key (application.yml sets it from
	 * {@code ANTHROPIC_API_KEY}).
	 */
	static final String API_KEY_PROPERTY = "spring.ai.anthropic.api-key";

	private static final String CONVERSATION_ID = "mcp-oauth-chat";

	private static final String SYSTEM_PROMPT = "You are a helpful assistant in a terminal. Use the tools when they "
			+ "help to answer; answer briefly in plain text.";

	@Spec
	@Nullable CommandSpec spec;

	@Parameters(arity = "0..*", paramLabel = "SERVER",
			description = "The servers whose tools the model may call (default: all known servers).")
	List<String> names = new ArrayList<>();

	private final CommandContext context;

	ChatCommand(CommandContext context) {
		Assert.notNull(context, "context cannot be null");
		this.context = context;
	}

	@Override
	public Integer call() {
		requireApiKey();
		PrintWriter out = out();
		List<McpServerDefinition> servers = servers();
		List<McpSyncClient> clients = new ArrayList<>();
		try {
			for (McpServerDefinition server : servers) {
				clients.add(connect(server));
			}
			List<ToolCallback> tools = Arrays
				.stream(SyncMcpToolCallbackProvider.builder().mcpClients(clients).build().getToolCallbacks())
				.map((tool) -> (ToolCallback) new ShownToolCallback(tool, out))
				.toList();
			ChatModel model = this.context.beanIfAvailable(ChatModel.class);
			if (model == null) {
				throw new CommandFailure(ExitCodes.CONFIGURATION_ERROR, "No Spring AI chat model is configured.",
						"Keep spring-ai-starter-model-anthropic on the classpath (or add another model starter) and "
								+ "check spring.ai.model.chat.");
			}
			// @formatter:off
			ChatClient chat = ChatClient.builder(model)
					.defaultSystem(SYSTEM_PROMPT)
					.defaultToolCallbacks(tools)
					.defaultAdvisors(MessageChatMemoryAdvisor.builder(MessageWindowChatMemory.builder().build()).build())
					.build();
			// @formatter:on
			out.println("Chatting with " + tools.size() + " tool(s) of " + String.join(", ", servers.stream()
				.map(McpServerDefinition::name).toList()) + ". /tools lists them, /quit leaves.");
			converse(chat, tools, out);
			return ExitCodes.OK;
		}
		finally {
			clients.forEach(McpSyncClient::close);
		}
	}

	private void converse(ChatClient chat, List<ToolCallback> tools, PrintWriter out) {
		BufferedReader in = new BufferedReader(new InputStreamReader(System.in, charset()));
		while (true) {
			out.print("> ");
			out.flush();
			String line = readLine(in);
			if (line == null || "/quit".equals(line.strip()) || "/exit".equals(line.strip())) {
				out.println();
				out.flush();
				return;
			}
			String prompt = line.strip();
			if (prompt.isEmpty()) {
				continue;
			}
			if ("/tools".equals(prompt)) {
				tools.forEach((tool) -> out.println("  " + tool.getToolDefinition().name() + ": "
						+ tool.getToolDefinition().description()));
				out.flush();
				continue;
			}
			try {
				String answer = chat.prompt()
					.user(prompt)
					.advisors((advisors) -> advisors.param(ChatMemory.CONVERSATION_ID, CONVERSATION_ID))
					.call()
					.content();
				out.println((answer != null) ? answer : "(no answer)");
			}
			catch (RuntimeException ex) {
				out.println("The model call failed: " + describe(ex));
			}
			out.flush();
		}
	}

	private void requireApiKey() {
		String model = this.context.bean(Environment.class).getProperty("spring.ai.model.chat", "anthropic");
		if ("anthropic".equals(model) && !StringUtils.hasText(this.context.bean(Environment.class).getProperty(API_KEY_PROPERTY))) {
			throw new CommandFailure(ExitCodes.CONFIGURATION_ERROR,
					"No Anthropic API key: the chat command needs one to talk to Claude.",
					"Set ANTHROPIC_API_KEY (or pass --" + API_KEY_PROPERTY + "=KEY) and run again.");
		}
	}

	private List<McpServerDefinition> servers() {
		if (this.names.isEmpty()) {
			List<McpServerDefinition> all = this.context.servers().all();
			if (all.isEmpty()) {
				throw new CommandFailure(ExitCodes.USAGE, "No MCP server is known yet.",
						"Run 'mcp-oauth auth NAME URL' first, then 'mcp-oauth chat NAME'.");
			}
			return all;
		}
		return this.names.stream().map((name) -> this.context.servers().require(name)).toList();
	}

	private McpSyncClient connect(McpServerDefinition server) {
		StoredTokens.usable(this.context.client(), server);
		McpSyncClient client = McpClient.sync(this.context.bean(McpHttpClientTransports.class).transport(server.name()))
			.clientInfo(McpSessions.CLIENT_INFO)
			.requestTimeout(McpSessions.REQUEST_TIMEOUT)
			.initializationTimeout(McpSessions.REQUEST_TIMEOUT)
			.build();
		try {
			client.initialize();
			return client;
		}
		catch (RuntimeException ex) {
			client.close();
			throw McpSessions.translate(server, ex);
		}
	}

	private static @Nullable String readLine(BufferedReader in) {
		try {
			return in.readLine();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Charset charset() {
		return (System.console() != null) ? System.console().charset() : Charset.defaultCharset();
	}

	private static String describe(Throwable ex) {
		Throwable cause = ex;
		while (cause.getCause() != null && cause.getMessage() == null) {
			cause = cause.getCause();
		}
		return (cause.getMessage() != null) ? cause.getMessage() : cause.getClass().getSimpleName();
	}

	private PrintWriter out() {
		Assert.state(this.spec != null, "no command spec");
		return this.spec.commandLine().getOut();
	}

	/**
	 * A tool callback that prints each call and its outcome.
	 */
	private static final class ShownToolCallback implements ToolCallback {

		private static final int SHOWN_RESULT_LENGTH = 120;

		private final ToolCallback delegate;

		private final PrintWriter out;

		ShownToolCallback(ToolCallback delegate, PrintWriter out) {
			this.delegate = delegate;
			this.out = out;
		}

		@Override
		public ToolDefinition getToolDefinition() {
			return this.delegate.getToolDefinition();
		}

		@Override
		public ToolMetadata getToolMetadata() {
			return this.delegate.getToolMetadata();
		}

		@Override
		public String call(String toolInput) {
			return shown(toolInput, () -> this.delegate.call(toolInput));
		}

		@Override
		public String call(String toolInput, @Nullable ToolContext toolContext) {
			return shown(toolInput, () -> this.delegate.call(toolInput, toolContext));
		}

		private String shown(String toolInput, Supplier<String> call) {
			String name = getToolDefinition().name();
			this.out.println("  [tool] " + name + " " + toolInput);
			this.out.flush();
			try {
				String result = call.get();
				String oneLine = result.replaceAll("\\s+", " ");
				this.out.println("  [tool] " + name + " -> " + ((oneLine.length() > SHOWN_RESULT_LENGTH)
						? oneLine.substring(0, SHOWN_RESULT_LENGTH) + "..." : oneLine));
				this.out.flush();
				return result;
			}
			catch (RuntimeException ex) {
				this.out.println("  [tool] " + name + " failed: " + describe(ex));
				this.out.flush();
				throw ex;
			}
		}

	}

}
