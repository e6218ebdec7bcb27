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

package io.github.mcpoauth.testsupport;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * One request received by {@link FakeAuthorizationServer}: method, path, query, headers and body.
 *
 * @param method the HTTP method
 * @param path the raw path, without the query
 * @param rawQuery the raw query, or {@code null}
 * @param headers the headers, with case-insensitive names
 * @param body the body as text
 */
public record RecordedRequest(String method, String path, @Nullable String rawQuery, Map<String, List<String>> headers,
		String body) {

	public RecordedRequest {
		Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
		headers = Collections.unmodifiableMap(copy);
	}

	/**
	 * @return {@code "METHOD /path"}, handy for asserting the order of requests
	 */
	public String line() {
		return this.method + " " + this.path;
	}

	public Map<String, List<String>> queryParameters() {
		return decode(this.rawQuery);
	}

	public Map<String, List<String>> formParameters() {
		return decode(this.body);
	}

	public @Nullable String query(String name) {
		return first(queryParameters(), name);
	}

	public @Nullable String form(String name) {
		return first(formParameters(), name);
	}

	public @Nullable String header(String name) {
		List<String> values = this.headers.get(name);
		return (values == null || values.isEmpty()) ? null : values.get(0);
	}

	/**
	 * @return the {@code user:password} of a {@code Basic} authorization header, or {@code null}
	 */
	public @Nullable String basicCredentials() {
		String authorization = header("Authorization");
		if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
			return null;
		}
		return new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
	}

	/**
	 * @return the token of a {@code Bearer} authorization header, or {@code null}
	 */
	public @Nullable String bearerToken() {
		String authorization = header("Authorization");
		if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
			return null;
		}
		return authorization.substring(7).trim();
	}

	private static @Nullable String first(Map<String, List<String>> parameters, String name) {
		List<String> values = parameters.get(name);
		return (values == null || values.isEmpty()) ? null : values.get(0);
	}

	static Map<String, List<String>> decode(@Nullable String encoded) {
		Map<String, List<String>> parameters = new LinkedHashMap<>();
		if (encoded == null || encoded.isEmpty()) {
			return parameters;
		}
		for (String pair : encoded.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int eq = pair.indexOf('=');
			String name = URLDecoder.decode((eq < 0) ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
			String value = (eq < 0) ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
			parameters.computeIfAbsent(name, (n) -> new ArrayList<>()).add(value);
		}
		return parameters;
	}

}
