package io.github.mcpoauth.transport;

import java.net.URI;

/**
 * The endpoint path of an MCP endpoint URL, which the SDK's transport builders take apart
 * from the base URL ({@code ResourceUris.origin}).
 */
final class McpTransportUris {

	private McpTransportUris() {
	}

	static String endpoint(URI url) {
		String path = url.getRawPath();
		return (path == null || path.isEmpty()) ? "/" : path;
	}

}
