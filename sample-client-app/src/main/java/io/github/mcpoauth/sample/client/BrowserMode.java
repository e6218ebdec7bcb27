package io.github.mcpoauth.sample.client;

import java.util.Locale;

import io.github.mcpoauth.autoconfigure.McpOAuthProperties;
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
	static BrowserMode of(McpOAuthProperties.UserAgent.Mode mode) {
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
