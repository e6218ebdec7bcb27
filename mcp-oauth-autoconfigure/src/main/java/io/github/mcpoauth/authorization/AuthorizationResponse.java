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
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.mcpoauth.core.McpOAuthErrorCode;
import io.github.mcpoauth.core.McpOAuthException;
import org.jspecify.annotations.Nullable;

/**
 * The parameters of an authorization response redirect (RFC 6749 §4.1.2), checked against
 * the request: {@code state} must be the one sent (RFC 6749 §10.12) and {@code iss}, when
 * present or when the server promises it, must be the expected issuer (RFC 9207 §2.4).
 *
 * <p>{@link #toString()} never shows the code.
 *
 * @param code the authorization code
 * @param state the state echoed back
 */
public record AuthorizationResponse(String code, String state) {

	/**
	 * Parses and validates a redirect.
	 * @param redirect the URI the authorization server redirected to
	 * @param expectedState the state sent in the request
	 * @param expectedIssuer the issuer of the authorization server
	 * @param issRequired whether the server advertised
	 * {@code authorization_response_iss_parameter_supported}
	 * @return the response
	 * @throws McpOAuthException on an error response, a state or issuer mismatch, or a missing code
	 */
	public static AuthorizationResponse from(URI redirect, String expectedState, String expectedIssuer,
			boolean issRequired) {
		Map<String, String> params = queryParameters(redirect.getRawQuery());
		String state = params.get("state");
		String error = params.get("error");
		if (error != null) {
			String description = params.getOrDefault("error_description", "no description");
			if (state != null && !state.equals(expectedState)) {
				throw new McpOAuthException(McpOAuthErrorCode.STATE_MISMATCH,
						"An error response arrived for another authorization request.");
			}
			McpOAuthErrorCode code = "access_denied".equals(error) ? McpOAuthErrorCode.ACCESS_DENIED
					: McpOAuthErrorCode.AUTHORIZATION_FAILED;
			throw new McpOAuthException(code,
					"The authorization server answered '" + error + "': " + description + ".", error, null);
		}
		if (state == null || !state.equals(expectedState)) {
			throw new McpOAuthException(McpOAuthErrorCode.STATE_MISMATCH,
					"The authorization response's state does not match the request (RFC 6749 §10.12).");
		}
		String iss = params.get("iss");
		if ((iss != null || issRequired) && !expectedIssuer.equals(iss)) {
			throw new McpOAuthException(McpOAuthErrorCode.ISSUER_RESPONSE_MISMATCH, "The authorization response names "
					+ "issuer '" + iss + "' but the request went to " + expectedIssuer + " (RFC 9207 §2.4).");
		}
		String code = params.get("code");
		if (code == null || code.isEmpty()) {
			throw new McpOAuthException(McpOAuthErrorCode.AUTHORIZATION_FAILED,
					"The authorization response carries no code.");
		}
		return new AuthorizationResponse(code, state);
	}

	static Map<String, String> queryParameters(@Nullable String rawQuery) {
		Map<String, String> params = new LinkedHashMap<>();
		if (rawQuery == null) {
			return params;
		}
		for (String pair : rawQuery.split("&")) {
			int eq = pair.indexOf('=');
			String name = decode((eq < 0) ? pair : pair.substring(0, eq));
			String value = (eq < 0) ? "" : decode(pair.substring(eq + 1));
			params.putIfAbsent(name, value);
		}
		return params;
	}

	private static String decode(String value) {
		return URLDecoder.decode(value, StandardCharsets.UTF_8);
	}

	@Override
	public String toString() {
		return "AuthorizationResponse[code=[redacted], state=" + this.state + "]";
	}

}
