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

package io.github.mcpoauth.core;

import java.net.URI;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The MCP servers an application talks to, by name, and the lookup of the server a request
 * URL belongs to. Configured servers come from {@code mcp.oauth.servers}; more can be added
 * at run time (a command-line client adds the server it is told to authorize).
 *
 * <p>A request belongs to a server when its scheme, host and port equal the server URL's
 * and its path starts with the server URL's path (segment-wise, so {@code /mcp} matches
 * {@code /mcp} and {@code /mcp/x} but not {@code /mcpx}); the longest matching path wins.
 * Dot segments are removed first (RFC 3986 §5.2.4). A request path that another server or
 * proxy could read as another path matches no server, so it gets no token: one with an
 * encoded dot ({@code %2e}, as in {@code /mcp/%2e%2e/admin}), an encoded slash or backslash
 * ({@code %2f}, {@code %5c}), an encoded percent sign ({@code %25}, which a server that
 * decodes twice reads as any of these) or a {@code ;} (path parameters, which some servers
 * strip before routing).
 * Thread-safe.
 */
public final class McpServerRegistry {

	private final Map<String, McpServerDefinition> servers = new ConcurrentHashMap<>();

	public McpServerRegistry() {
	}

	public McpServerRegistry(Collection<McpServerDefinition> servers) {
		Assert.notNull(servers, "servers cannot be null");
		servers.forEach(this::register);
	}

	/**
	 * Adds or replaces a server.
	 * @param server the server
	 */
	public void register(McpServerDefinition server) {
		Assert.notNull(server, "server cannot be null");
		this.servers.put(server.name(), server);
	}

	/**
	 * @param name the server name
	 * @return whether a server was removed
	 */
	public boolean unregister(String name) {
		return this.servers.remove(name) != null;
	}

	/**
	 * @param name the server name
	 * @return the server, if registered
	 */
	public Optional<McpServerDefinition> find(String name) {
		return Optional.ofNullable(this.servers.get(name));
	}

	/**
	 * @param name the server name
	 * @return the server
	 * @throws McpOAuthException with {@link McpOAuthErrorCode#INVALID_CONFIGURATION} when no
	 * server has that name
	 */
	public McpServerDefinition get(String name) {
		McpServerDefinition server = this.servers.get(name);
		if (server == null) {
			throw new McpOAuthException(McpOAuthErrorCode.INVALID_CONFIGURATION, "No MCP server named '" + name
					+ "' is configured; known: " + this.servers.keySet() + ". Add it under mcp.oauth.servers." + name
					+ ".url");
		}
		return server;
	}

	/**
	 * @return the servers, in no particular order
	 */
	public List<McpServerDefinition> servers() {
		return List.copyOf(this.servers.values());
	}

	/**
	 * The server a request URL belongs to.
	 * @param url the request URL
	 * @return the server whose URL is the longest prefix of the request URL, or {@code null}
	 */
	public @Nullable McpServerDefinition match(URI url) {
		String path = requestPath(url);
		if (path == null) {
			return null;
		}
		McpServerDefinition best = null;
		int bestLength = -1;
		for (McpServerDefinition server : this.servers.values()) {
			URI base = server.url();
			if (sameOrigin(base, url)) {
				String basePath = trimSlash(base.getRawPath());
				if (isPathPrefix(basePath, path) && basePath.length() > bestLength) {
					best = server;
					bestLength = basePath.length();
				}
			}
		}
		return best;
	}

	private static boolean sameOrigin(URI a, URI b) {
		return a.getScheme() != null && a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost() != null
				&& a.getHost().equalsIgnoreCase(b.getHost()) && port(a) == port(b);
	}

	private static int port(URI uri) {
		if (uri.getPort() != -1) {
			return uri.getPort();
		}
		return "https".equals(uri.getScheme().toLowerCase(Locale.ROOT)) ? 443 : 80;
	}

	/**
	 * The request's path with its dot segments removed (RFC 3986 §5.2.4): a token for
	 * {@code /mcp} must not go to {@code /mcp/../admin}, which the server reads as {@code /admin}.
	 * @return the path, or {@code null} when it is ambiguous (see the class description)
	 */
	private static @Nullable String requestPath(URI url) {
		String path = url.getRawPath();
		if (path == null || path.isEmpty()) {
			return "";
		}
		if (isAmbiguous(path)) {
			return null;
		}
		return url.normalize().getRawPath();
	}

	/**
	 * Whether a raw path holds what servers and proxies decode or strip differently: encoded
	 * dots, slashes, backslashes and percent signs, and {@code ;} path parameters.
	 */
	private static boolean isAmbiguous(String rawPath) {
		if (rawPath.indexOf(';') >= 0) {
			return true;
		}
		String lower = rawPath.toLowerCase(Locale.ROOT);
		return lower.contains("%2e") || lower.contains("%2f") || lower.contains("%5c") || lower.contains("%25");
	}

	private static boolean isPathPrefix(String basePath, String path) {
		if (basePath.isEmpty()) {
			return true;
		}
		return path.startsWith(basePath) && (path.length() == basePath.length() || path.charAt(basePath.length()) == '/');
	}

	private static String trimSlash(@Nullable String path) {
		if (path == null) {
			return "";
		}
		return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
	}

}
