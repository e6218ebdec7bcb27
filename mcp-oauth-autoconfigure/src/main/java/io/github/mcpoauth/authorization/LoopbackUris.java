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

package io.github.mcpoauth.authorization;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Helpers for loopback redirect URIs (RFC 8252 §7.3).
 */
final class LoopbackUris {

	private LoopbackUris() {
	}

	static URI withPort(URI uri, int port) {
		try {
			return new URI(uri.getScheme(), uri.getUserInfo(), uri.getHost(), port, uri.getPath(), null, null);
		}
		catch (URISyntaxException ex) {
			throw new IllegalArgumentException("Invalid redirect URI " + uri, ex);
		}
	}

	/** Whether {@code candidate} is a redirect to {@code redirectUri}: same scheme, host, port and path. */
	static boolean isRedirectTo(URI candidate, URI redirectUri) {
		return redirectUri.getScheme().equalsIgnoreCase(String.valueOf(candidate.getScheme()))
				&& redirectUri.getHost().equalsIgnoreCase(String.valueOf(candidate.getHost()))
				&& effectivePort(redirectUri) == effectivePort(candidate)
				&& normalizedPath(redirectUri).equals(normalizedPath(candidate));
	}

	private static int effectivePort(URI uri) {
		if (uri.getPort() != -1) {
			return uri.getPort();
		}
		return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
	}

	private static String normalizedPath(URI uri) {
		String path = uri.getPath();
		return (path == null || path.isEmpty()) ? "/" : path;
	}

}
