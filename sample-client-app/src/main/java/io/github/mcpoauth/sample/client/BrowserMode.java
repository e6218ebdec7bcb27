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

package io.github.mcpoauth.sample.client;

import java.util.Locale;

import io.github.mcpoauth.autoconfigure.McpOAuthProperties;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;

/**
 * How {@code auth} takes the user to the authorization server's login page.
 */
enum BrowserMode {

	/** Open the system browser (or {@code mcp.oauth.user-agent.browser-command}); wait on a loopback listener. */
	SYSTEM,

	/** Print the URL for the user to open anywhere; wait on a loopback listener. */
	PRINT,

	/** Follow the redirects without a browser, for servers that approve without a login. */
	DIRECT;

	String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * The mode {@code mcp.oauth.user-agent.mode} asks for.
	 * @param mode the configured mode
	 * @return the browser mode, or {@code null} for {@code none}
	 */
	static @Nullable BrowserMode of(McpOAuthProperties.UserAgent.Mode mode) {
		return switch (mode) {
			case BROWSER -> SYSTEM;
			case PRINT -> PRINT;
			case DIRECT -> DIRECT;
			case NONE -> null;
		};
	}

	/** Reads {@code system}, {@code print} or {@code direct}. */
	static final class Converter implements CommandLine.ITypeConverter<BrowserMode> {

		@Override
		public BrowserMode convert(String value) {
			for (BrowserMode mode : values()) {
				if (mode.value().equalsIgnoreCase(value.trim())) {
					return mode;
				}
			}
			throw new CommandLine.TypeConversionException("'" + value + "' is not one of system, print, direct");
		}

	}

	/** The values, for the usage help and shell completion. */
	static final class Candidates implements Iterable<String> {

		@Override
		public java.util.Iterator<String> iterator() {
			return java.util.Arrays.stream(values()).map(BrowserMode::value).iterator();
		}

	}

}
