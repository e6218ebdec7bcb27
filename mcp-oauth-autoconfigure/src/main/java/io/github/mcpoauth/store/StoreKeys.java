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

package io.github.mcpoauth.store;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import io.github.mcpoauth.core.McpOAuthErrorCode;
import io.github.mcpoauth.core.McpOAuthException;

/**
 * Names of stored entries in stores keyed by a single string (keychain accounts, Vault
 * paths): {@code tokens/<server>/<principal>} and {@code registrations/<server>/<issuer>}.
 * mcp-oauth 0.1.0 stored tokens as {@code tokens/<server>}, one per server; those entries
 * are migrated to the default principal. A server name, principal or issuer becomes one
 * path segment: ASCII letters, digits,
 * {@code _}, {@code -} and {@code .} (not first) stay as they are, every other byte of its
 * UTF-8 form becomes {@code ~XX}. The result is readable
 * ({@code https~3A~2F~2Fas.example.com}), safe in a URL path without further encoding,
 * and unambiguous: a segment never contains {@code /}.
 */
final class StoreKeys {

	private static final char[] HEX = "0123456789ABCDEF".toCharArray();

	private StoreKeys() {
	}

	/** The folder of the tokens. */
	static final String TOKENS = "tokens";

	/**
	 * @param key the server and principal
	 * @return {@code tokens/<server>/<principal>}
	 */
	static String token(TokenKey key) {
		return TOKENS + "/" + escape(key.serverName()) + "/" + escape(key.principal());
	}

	/**
	 * @param serverName the server name
	 * @return {@code tokens/<server>}, where mcp-oauth 0.1.0 kept the one token of a server
	 */
	static String legacyToken(String serverName) {
		return TOKENS + "/" + escape(serverName);
	}

	/**
	 * @param serverName the server name
	 * @return {@code tokens/<server>/}, the folder of a server's tokens (Vault)
	 */
	static String tokenFolder(String serverName) {
		return TOKENS + "/" + escape(serverName) + "/";
	}

	/**
	 * @param serverName the server name
	 * @param issuer the issuer
	 * @return {@code registrations/<server>/<issuer>}
	 */
	static String registration(String serverName, String issuer) {
		return "registrations/" + escape(serverName) + "/" + escape(issuer);
	}

	static String escape(String value) {
		byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
		StringBuilder escaped = new StringBuilder(bytes.length + 8);
		for (int i = 0; i < bytes.length; i++) {
			int b = bytes[i] & 0xFF;
			if (isPlain(b) && !(b == '.' && i == 0)) {
				escaped.append((char) b);
			}
			else {
				escaped.append('~').append(HEX[b >> 4]).append(HEX[b & 0xF]);
			}
		}
		return escaped.toString();
	}

	static String unescape(String segment) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(segment.length());
		for (int i = 0; i < segment.length(); i++) {
			char c = segment.charAt(i);
			if (c == '~') {
				if (i + 2 >= segment.length()) {
					throw invalid(segment);
				}
				int high = Character.digit(segment.charAt(i + 1), 16);
				int low = Character.digit(segment.charAt(i + 2), 16);
				if (high < 0 || low < 0) {
					throw invalid(segment);
				}
				bytes.write((high << 4) | low);
				i += 2;
			}
			else if (c < 0x80 && isPlain(c)) {
				bytes.write(c);
			}
			else {
				throw invalid(segment);
			}
		}
		return bytes.toString(StandardCharsets.UTF_8);
	}

	private static boolean isPlain(int b) {
		return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '_' || b == '-'
				|| b == '.';
	}

	private static McpOAuthException invalid(String segment) {
		return new McpOAuthException(McpOAuthErrorCode.STORAGE_FAILED,
				"The stored key '" + segment + "' was not written by mcp-oauth; remove it from the store");
	}

}
