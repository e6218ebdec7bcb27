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
