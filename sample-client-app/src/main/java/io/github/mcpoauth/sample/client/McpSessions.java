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
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import io.github.mcpoauth.core.McpOAuthErrorCode;
import io.github.mcpoauth.core.McpOAuthException;
import io.github.mcpoauth.core.McpServerDefinition;
import io.github.mcpoauth.transport.McpOAuthHandler;
import io.github.mcpoauth.protocol.McpProtocolClient;
import io.github.mcpoauth.protocol.McpProtocolException;
import io.github.mcpoauth.protocol.McpServerDescription;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;

import org.springframework.util.Assert;

/**
 * Opens MCP sessions with the library's protocol client ({@link McpOAuthHandler#client}),
 * which speaks protocol revision 2026-07-28 and falls back to 2025-11-25 (initialize and a
 * session) for servers that need it. Its requests go through the authorized
 * {@code WebClient}: the stored token is sent, refreshed when it expires or is rejected, and
 * a failure comes back as a {@link CommandFailure} saying whether the server could not be
 * reached, answered with an error or refused the token.
 */
final class McpSessions {

	/** How long one MCP request may take. */
	static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

	/** The client's name and version, sent with every request or in {@code initialize}. */
	static final McpSchema.Implementation CLIENT_INFO = new McpSchema.Implementation("mcp-oauth-cli", "0.1.0");

	private final McpOAuthHandler handler;

	McpSessions(McpOAuthHandler handler) {
		Assert.notNull(handler, "handler cannot be null");
		this.handler = handler;
	}

	/**
	 * Connects to the server, runs the work and ends the session (if the server's revision
	 * has sessions). Runs on the calling thread: the command line's main thread blocks.
	 * @param server the server
	 * @param work what to do once connected
	 * @param <T> the result type
	 * @return the work's result
	 * @throws CommandFailure when the session fails
	 */
	<T> T run(McpServerDefinition server, Function<Session, T> work) {
		McpProtocolClient client = this.handler.clientBuilder(server.name())
			.clientInfo(CLIENT_INFO)
			.requestTimeout(REQUEST_TIMEOUT)
			.build();
		try {
			McpServerDescription description = Objects.requireNonNull(client.connect().block());
			return work.apply(new Session(client, description));
		}
		catch (RuntimeException ex) {
			throw translate(server, ex);
		}
		finally {
			client.close().onErrorComplete().block(REQUEST_TIMEOUT);
		}
	}

	/**
	 * A connection to an MCP server.
	 *
	 * @param client the protocol client
	 * @param server what the server said about itself when the client connected
	 */
	record Session(McpProtocolClient client, McpServerDescription server) {

		/**
		 * @return all the server's tools, every page of {@code tools/list}
		 */
		List<McpSchema.Tool> tools() {
			List<McpSchema.Tool> tools = new ArrayList<>();
			String cursor = null;
			do {
				McpSchema.ListToolsResult page = Objects.requireNonNull(this.client.listTools(cursor).block());
				tools.addAll(page.tools());
				cursor = page.nextCursor();
			}
			while (cursor != null && !cursor.isEmpty() && tools.size() < MAX_TOOLS);
			return tools;
		}

		/**
		 * @param request the call
		 * @return the tool's result
		 */
		McpSchema.CallToolResult call(McpSchema.CallToolRequest request) {
			return Objects.requireNonNull(this.client.callTool(request).block());
		}

		/** A guard against a server whose pages never end. */
		private static final int MAX_TOOLS = 10_000;

	}

	/**
	 * The failure to report for an exception of the SDK or the engine.
	 * @param server the server
	 * @param ex the exception
	 * @return the failure to throw
	 */
	static RuntimeException translate(McpServerDefinition server, RuntimeException ex) {
		String name = server.name();
		for (Throwable t = ex; t != null; t = t.getCause()) {
			if (t instanceof CommandFailure failure) {
				return failure;
			}
			if (t instanceof McpProtocolException refused && refused.isAuthorizationRefused()) {
				return CommandFailure.notAuthorized(name, "The MCP server '" + name + "' refused the token (HTTP "
						+ refused.getStatusCode() + ").");
			}
			if (t instanceof McpProtocolException protocol) {
				return new CommandFailure(ExitCodes.SERVER_ERROR, protocol.getDetail(),
						McpOAuthErrorCode.INVALID_RESPONSE.hint(), ex);
			}
			if (t instanceof McpOAuthException oauth) {
				if (oauth.getErrorCode() == McpOAuthErrorCode.INTERACTION_REQUIRED) {
					return CommandFailure.notAuthorized(name, "The server '" + name
							+ "' rejected the stored token and a new login is needed (only 'auth' logs in).");
				}
				return oauth;
			}
		}
		for (Throwable t = ex; t != null; t = t.getCause()) {
			if (t instanceof ConnectException || t instanceof HttpConnectTimeoutException
					|| t instanceof UnknownHostException || t instanceof ClosedChannelException) {
				return new CommandFailure(ExitCodes.SERVER_ERROR,
						"Cannot reach the MCP server '" + name + "' at " + server.url() + ": " + describe(t) + ".",
						McpOAuthErrorCode.CONNECTION_FAILED.hint(), ex);
			}
			if (t instanceof McpError error && error.getJsonRpcError() != null) {
				return new CommandFailure(ExitCodes.SERVER_ERROR, "The MCP server '" + name + "' answered with error "
						+ error.getJsonRpcError().code() + ": " + error.getJsonRpcError().message(),
						"Check the tool name and arguments; 'mcp-oauth test " + name + "' lists the tools.", ex);
			}
			if (t instanceof TimeoutException) {
				return new CommandFailure(ExitCodes.SERVER_ERROR, "The MCP server '" + name + "' did not answer within "
						+ Durations.words(REQUEST_TIMEOUT) + ".", McpOAuthErrorCode.CONNECTION_FAILED.hint(), ex);
			}
		}
		Throwable root = McpError.findRootCause(ex);
		String reason = (root instanceof IOException) ? "the connection failed: " + describe(root) : describe(root);
		return new CommandFailure(ExitCodes.SERVER_ERROR,
				"The MCP session with '" + name + "' at " + server.url() + " failed: " + reason,
				McpOAuthErrorCode.INVALID_RESPONSE.hint() + " Run again with --debug for details.", ex);
	}

	private static String describe(Throwable t) {
		String message = t.getMessage();
		// the JDK says nothing, Reactor Netty "finishConnect(..) failed with error(-111): Connection refused: /host:port"
		if (t instanceof ConnectException && (message == null || message.isBlank() || message.contains("Connection refused"))) {
			return "connection refused";
		}
		return (message != null && !message.isBlank()) ? message : t.getClass().getSimpleName();
	}

}
