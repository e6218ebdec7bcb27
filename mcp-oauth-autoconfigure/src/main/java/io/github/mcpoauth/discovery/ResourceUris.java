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

package io.github.mcpoauth.discovery;

import java.net.URI;
import java.util.Locale;

/**
 * Canonical resource identifiers and well-known URL construction.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8707#section-2">RFC 8707 §2</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8615">RFC 8615</a>
 */
public final class ResourceUris {

	private ResourceUris() {
	}

	/**
	 * The canonical form of an MCP server URL used as the RFC 8707 {@code resource}: lower-case
	 * scheme and host, no default port, no query, no fragment, no trailing slash.
	 * @param url the server URL
	 * @return the canonical resource identifier
	 */
	public static String canonicalResource(URI url) {
		String scheme = url.getScheme().toLowerCase(Locale.ROOT);
		String host = url.getHost().toLowerCase(Locale.ROOT);
		int port = url.getPort();
		boolean defaultPort = port == -1 || ("https".equals(scheme) && port == 443) || ("http".equals(scheme) && port == 80);
		String path = (url.getRawPath() != null) ? url.getRawPath() : "";
		while (path.endsWith("/")) {
			path = path.substring(0, path.length() - 1);
		}
		return scheme + "://" + hostForUri(host) + (defaultPort ? "" : ":" + port) + path;
	}

	/**
	 * @param url any URL
	 * @return {@code scheme://host[:port]}
	 */
	public static String origin(URI url) {
		String canonical = canonicalResource(url);
		String path = url.getRawPath();
		if (path == null || path.isEmpty() || "/".equals(path)) {
			return canonical;
		}
		return canonical.substring(0, canonical.length() - trimTrailingSlashes(path).length());
	}

	/**
	 * The path of a URL without trailing slashes; empty for the root.
	 * @param url the URL
	 * @return the path
	 */
	public static String path(URI url) {
		return trimTrailingSlashes((url.getRawPath() != null) ? url.getRawPath() : "");
	}

	/**
	 * Inserts a well-known suffix between the origin and the path of a URL (RFC 8414 §3.1,
	 * RFC 9728 §3.1).
	 * @param url the URL
	 * @param wellKnown for example {@code oauth-protected-resource}
	 * @return {@code origin/.well-known/<wellKnown><path>}
	 */
	public static URI wellKnown(URI url, String wellKnown) {
		return URI.create(origin(url) + "/.well-known/" + wellKnown + path(url));
	}

	/**
	 * Whether the protected-resource metadata's {@code resource} covers the server URL that
	 * was called: same origin, and the metadata's path is the server's path or a parent of it.
	 * @param metadataResource the {@code resource} from the metadata
	 * @param serverUrl the URL that was called
	 * @return whether they match (RFC 9728 §3.3)
	 */
	public static boolean covers(String metadataResource, URI serverUrl) {
		URI resource;
		try {
			resource = URI.create(metadataResource);
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
		if (!resource.isAbsolute() || resource.getHost() == null) {
			return false;
		}
		if (!origin(resource).equals(origin(serverUrl))) {
			return false;
		}
		String resourcePath = path(resource);
		String serverPath = path(serverUrl);
		return serverPath.equals(resourcePath) || serverPath.startsWith(resourcePath + "/");
	}

	private static String trimTrailingSlashes(String path) {
		String trimmed = path;
		while (trimmed.endsWith("/")) {
			trimmed = trimmed.substring(0, trimmed.length() - 1);
		}
		return trimmed;
	}

	private static String hostForUri(String host) {
		return (host.indexOf(':') >= 0 && !host.startsWith("[")) ? "[" + host + "]" : host;
	}

}
