package io.github.mcpoauth.sample.client;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import io.github.mcpoauth.core.McpOAuthErrorCode;
import io.github.mcpoauth.core.McpOAuthException;
import io.github.mcpoauth.core.McpServerDefinition;
import io.github.mcpoauth.mcp.McpHttpClientTransports;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.McpHttpClientTransportAuthorizationException;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;

import org.springframework.util.Assert;

/**
 * Opens MCP sessions through the MCP Java SDK with the auto-configured authorized
 * transport ({@link McpHttpClientTransports}): the stored token is sent, refreshed when it
 * expires or is rejected, and a failure comes back as a {@link CommandFailure} saying
 * whether the server could not be reached, answered with an error or refused the token.
 */
final class McpSessions {

	/** How long one MCP request may take. */
	static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

	/** The client's name and version in the MCP {@code initialize} request. */
	static final McpSchema.Implementation CLIENT_INFO = new McpSchema.Implementation("mcp-oauth-cli", "0.1.0");

	private final McpHttpClientTransports transports;

	McpSessions(McpHttpClientTransports transports) {
		Assert.notNull(transports, "transports cannot be null");
		this.transports = transports;
	}

	/**
	 * Opens an initialized session, runs the work in it and closes it.
	 * @param server the server
	 * @param work what to do in the session
	 * @param <T> the result type
	 * @return the work's result
	 * @throws CommandFailure when the session fails
	 */
	<T> T run(McpServerDefinition server, Function<Session, T> work) {
		McpSyncClient client = McpClient.sync(this.transports.transport(server.name()))
			.clientInfo(CLIENT_INFO)
			.requestTimeout(REQUEST_TIMEOUT)
			.initializationTimeout(REQUEST_TIMEOUT)
			.build();
		try {
			McpSchema.InitializeResult initialized = client.initialize();
			return work.apply(new Session(client, initialized));
		}
		catch (RuntimeException ex) {
			throw translate(server, ex);
		}
		finally {
			client.close();
		}
	}

	/**
	 * An initialized MCP session.
	 *
	 * @param client the SDK client
	 * @param initialized the server's answer to {@code initialize}
	 */
	record Session(McpSyncClient client, McpSchema.InitializeResult initialized) {
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
			if (t instanceof McpOAuthException oauth) {
				if (oauth.getErrorCode() == McpOAuthErrorCode.INTERACTION_REQUIRED) {
					return CommandFailure.notAuthorized(name, "The server '" + name
							+ "' rejected the stored token and a new login is needed (only 'auth' logs in).");
				}
				return oauth;
			}
		}
		for (Throwable t = ex; t != null; t = t.getCause()) {
			if (t instanceof McpHttpClientTransportAuthorizationException refused) {
				return CommandFailure.notAuthorized(name, "The MCP server '" + name + "' refused the token (HTTP "
						+ refused.getResponseInfo().statusCode() + ").");
			}
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
		if (t instanceof ConnectException && (message == null || message.isBlank())) {
			return "connection refused";
		}
		return (message != null && !message.isBlank()) ? message : t.getClass().getSimpleName();
	}

}
