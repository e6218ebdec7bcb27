package io.github.mcpoauth.sample.server;

import java.util.List;

/**
 * The OAuth scopes of the sample MCP server.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9728#section-2">RFC 9728 §2
 * (scopes_supported)</a>
 */
public final class McpScopes {

	/**
	 * Required to call the MCP endpoint.
	 */
	public static final String TOOLS = "mcp:tools";

	/**
	 * A narrower scope the static client may request; on its own it does not open the MCP
	 * endpoint (403 {@code insufficient_scope}).
	 */
	public static final String READ = "mcp:read";

	/**
	 * Every scope of the server, as advertised in {@code scopes_supported}.
	 */
	public static final List<String> ALL = List.of(TOOLS, READ);

	private McpScopes() {
	}

}
