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
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import io.github.mcpoauth.core.McpOAuthErrorCode;
import io.github.mcpoauth.core.McpOAuthException;
import org.jspecify.annotations.Nullable;

/**
 * Typed reads of JSON members with errors that name the document and the member.
 */
final class Json {

	private Json() {
	}

	static String requiredString(Map<String, Object> json, String name, URI source) {
		Object value = json.get(name);
		if (!(value instanceof String text) || text.isBlank()) {
			throw invalid(name, source, "a non-empty string");
		}
		return text;
	}

	static URI requiredUri(Map<String, Object> json, String name, URI source) {
		URI uri = optionalUri(json, name, source);
		if (uri == null) {
			throw invalid(name, source, "an absolute URL");
		}
		return uri;
	}

	static @Nullable URI optionalUri(Map<String, Object> json, String name, URI source) {
		Object value = json.get(name);
		if (value == null) {
			return null;
		}
		try {
			URI uri = URI.create((String) value);
			if (!uri.isAbsolute()) {
				throw invalid(name, source, "an absolute URL");
			}
			return uri;
		}
		catch (ClassCastException | IllegalArgumentException ex) {
			throw invalid(name, source, "an absolute URL");
		}
	}

	static List<String> stringList(Map<String, Object> json, String name, URI source) {
		Object value = json.get(name);
		if (value == null) {
			return List.of();
		}
		if (!(value instanceof Collection<?> values)) {
			throw invalid(name, source, "an array of strings");
		}
		List<String> strings = new ArrayList<>(values.size());
		for (Object element : values) {
			if (!(element instanceof String text)) {
				throw invalid(name, source, "an array of strings");
			}
			strings.add(text);
		}
		return strings;
	}

	private static McpOAuthException invalid(String name, URI source, String expected) {
		return new McpOAuthException(McpOAuthErrorCode.INVALID_METADATA,
				"The metadata document at " + source + " has no valid '" + name + "' (expected " + expected + ").");
	}

}
