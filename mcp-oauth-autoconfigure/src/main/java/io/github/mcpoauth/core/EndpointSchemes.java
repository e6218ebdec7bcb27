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
import java.util.Arrays;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The one rule for the URLs the client sends requests or the user to: authorization, token
 * and registration endpoints, and the metadata documents that name them. A URL is accepted
 * when it is {@code https}, or {@code http} on a loopback host ({@code 127.0.0.0/8},
 * {@code [::1]} or {@code localhost}); anything else ({@code http} to another host,
 * {@code file:}, {@code javascript:}, a custom scheme, a URL without a host) is refused with
 * {@link McpOAuthErrorCode#INSECURE_ENDPOINT} before any request is made or any browser opened.
 *
 * <p>Hosts are judged by their text only, never resolved: a name that resolves to a loopback
 * address is not trusted, so DNS cannot make a remote host pass.
 *
 * @see <a href="https://datatracker.ietf.org/doc/html/draft-ietf-oauth-v2-1#section-1.5">OAuth 2.1 §1.5
 * (communication security: TLS for every endpoint)</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8414#section-2">RFC 8414 §2 (metadata URLs use https)</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8252#section-8.3">RFC 8252 §8.3 (loopback interfaces)</a>
 */
public final class EndpointSchemes {

	private EndpointSchemes() {
	}

	/**
	 * Whether a URL may be used as an endpoint.
	 * @param url the URL
	 * @return {@code true} for {@code https} with a host, and {@code http} on a loopback host
	 */
	public static boolean isAllowed(@Nullable URI url) {
		if (url == null || !url.isAbsolute() || url.isOpaque() || url.getHost() == null) {
			return false;
		}
		String scheme = url.getScheme().toLowerCase(Locale.ROOT);
		return "https".equals(scheme) || ("http".equals(scheme) && isLoopbackHost(url.getHost()));
	}

	/**
	 * Whether a host names the loopback interface: {@code localhost}, an IPv4 literal in
	 * {@code 127.0.0.0/8} or the IPv6 literal {@code ::1} (RFC 8252 §8.3). Nothing is resolved.
	 * @param host the host of a URL ({@link URI#getHost()}, IPv6 literals in brackets)
	 * @return whether it is a loopback host
	 */
	public static boolean isLoopbackHost(@Nullable String host) {
		if (host == null || host.isEmpty()) {
			return false;
		}
		String lower = host.toLowerCase(Locale.ROOT);
		if ("localhost".equals(lower)) {
			return true;
		}
		if (lower.startsWith("[") && lower.endsWith("]")) {
			return isIpv6Loopback(lower.substring(1, lower.length() - 1));
		}
		return isIpv4Loopback(lower);
	}

	/**
	 * Checks a URL against the rule.
	 * @param url the URL
	 * @param what what the URL is, for the message (for example {@code "token endpoint"})
	 * @return the URL
	 * @throws McpOAuthException with {@link McpOAuthErrorCode#INSECURE_ENDPOINT} when it is refused
	 */
	public static URI check(URI url, String what) {
		if (!isAllowed(url)) {
			throw refused(url, what);
		}
		return url;
	}

	/**
	 * The error for a refused URL.
	 * @param url the URL
	 * @param what what the URL is, for the message
	 * @return the exception, with {@link McpOAuthErrorCode#INSECURE_ENDPOINT}
	 */
	public static McpOAuthException refused(@Nullable URI url, String what) {
		return new McpOAuthException(McpOAuthErrorCode.INSECURE_ENDPOINT, "The " + what + " " + describe(url)
				+ " is refused: it must be https, or http on a loopback host (OAuth 2.1 §1.5, RFC 8252 §8.3).");
	}

	/**
	 * A URL for messages: scheme, host, port and path, never the query (which may be long,
	 * or carry values chosen by a hostile server), and at most 120 characters.
	 * @param url the URL
	 * @return the short form, in quotes
	 */
	public static String describe(@Nullable URI url) {
		if (url == null) {
			return "'(none)'";
		}
		String text;
		if (url.isOpaque() || url.getRawAuthority() == null) {
			text = (url.getScheme() != null) ? url.getScheme() + ":..." : String.valueOf(url.getRawPath());
		}
		else {
			text = url.getScheme() + "://" + url.getRawAuthority() + ((url.getRawPath() != null) ? url.getRawPath() : "");
		}
		return "'" + ((text.length() > 120) ? text.substring(0, 117) + "..." : text) + "'";
	}

	private static boolean isIpv4Loopback(String host) {
		String[] octets = host.split("\\.", -1);
		if (octets.length != 4) {
			return false;
		}
		for (String octet : octets) {
			if (octet.isEmpty() || octet.length() > 3 || !octet.chars().allMatch(Character::isDigit)
					|| Integer.parseInt(octet) > 255) {
				return false;
			}
		}
		return Integer.parseInt(octets[0]) == 127;
	}

	/** {@code ::1} in any of its spellings ({@code 0:0:0:0:0:0:0:1}, {@code ::0001}), no zone. */
	private static boolean isIpv6Loopback(String address) {
		if (address.indexOf('%') >= 0 || address.indexOf('.') >= 0) {
			return false;
		}
		int doubleColon = address.indexOf("::");
		if (doubleColon != address.lastIndexOf("::")) {
			return false;
		}
		String[] groups;
		if (doubleColon >= 0) {
			String[] head = split(address.substring(0, doubleColon));
			String[] tail = split(address.substring(doubleColon + 2));
			if (head.length + tail.length > 7) {
				return false;
			}
			groups = new String[8];
			Arrays.fill(groups, "0");
			System.arraycopy(head, 0, groups, 0, head.length);
			System.arraycopy(tail, 0, groups, 8 - tail.length, tail.length);
		}
		else {
			groups = split(address);
			if (groups.length != 8) {
				return false;
			}
		}
		for (int i = 0; i < 8; i++) {
			String group = groups[i];
			if (group.isEmpty() || group.length() > 4 || !group.chars().allMatch((c) -> Character.digit(c, 16) >= 0)) {
				return false;
			}
			if (Integer.parseInt(group, 16) != ((i == 7) ? 1 : 0)) {
				return false;
			}
		}
		return true;
	}

	private static String[] split(String groups) {
		return groups.isEmpty() ? new String[0] : groups.split(":", -1);
	}

}
