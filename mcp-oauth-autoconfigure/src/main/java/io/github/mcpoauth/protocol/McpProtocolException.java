package io.github.mcpoauth.protocol;

import io.github.mcpoauth.core.McpOAuthErrorCode;
import io.github.mcpoauth.core.McpOAuthException;

/**
 * An MCP server answered a request with an HTTP status and no JSON-RPC response to read: a
 * token it still refuses after the authorization filter's retry (401, 403), a missing
 * endpoint, a server error. A JSON-RPC error response is an
 * {@link io.modelcontextprotocol.spec.McpError} instead.
 */
public class McpProtocolException extends McpOAuthException {

	private final int statusCode;

	/**
	 * @param errorCode the error code
	 * @param statusCode the HTTP status of the answer
	 * @param detail what went wrong
	 */
	public McpProtocolException(McpOAuthErrorCode errorCode, int statusCode, String detail) {
		super(errorCode, detail);
		this.statusCode = statusCode;
	}

	/**
	 * @return the HTTP status of the answer
	 */
	public int getStatusCode() {
		return this.statusCode;
	}

	/**
	 * @return whether the server refused the request's authorization (401 or 403)
	 */
	public boolean isAuthorizationRefused() {
		return this.statusCode == 401 || this.statusCode == 403;
	}

}
