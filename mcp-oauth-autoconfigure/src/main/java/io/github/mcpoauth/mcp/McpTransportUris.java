package io.github.mcpoauth.mcp;

import java.net.URI;

import io.github.mcpoauth.discovery.ResourceUris;

/**
 * Splits an MCP endpoint URL into the base URL and the endpoint path that the SDK's
 * transport builders take separately.
 */
final class McpTransportUris {

	private McpTransportUris() {
	}

	static String baseUrl(URI url) {
		return ResourceUris.origin(url);
	}

	static String endpoint(URI url) {
		String path = url.getRawPath();
		return (path == null || path.isEmpty()) ? "/" : path;
	}

}
