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

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.github.mcpoauth.core.EndpointSchemes;
import io.github.mcpoauth.core.McpOAuthErrorCode;
import io.github.mcpoauth.core.McpOAuthException;
import org.jspecify.annotations.Nullable;

/**
 * Opens the authorization URL in the system browser ({@code xdg-open}, {@code open} or the
 * Windows URL handler), or in a configured browser command.
 * Blocking: run it on {@code Schedulers.boundedElastic()} (as {@link LoopbackUserAgent} does).
 *
 * <p>The URL is checked before a process starts: only {@code https}, or {@code http} on a
 * loopback host, is opened ({@link EndpointSchemes}); a browser or opener handed a
 * {@code file:}, {@code javascript:} or custom-scheme URL could open a local file or start
 * another application.
 */
public final class SystemBrowserLauncher implements LoopbackUserAgent.Launcher {

	private final @Nullable List<String> command;

	/** Opens the platform's default browser. */
	public SystemBrowserLauncher() {
		this(null);
	}

	/**
	 * @param command a browser command to run with the URL appended as the last argument, or
	 * {@code null} for the platform default
	 */
	public SystemBrowserLauncher(@Nullable List<String> command) {
		this.command = (command != null) ? List.copyOf(command) : null;
	}

	@Override
	public void launch(URI authorizationUri) {
		EndpointSchemes.check(authorizationUri, "authorization URL");
		List<String> cmd = new ArrayList<>((this.command != null) ? this.command : platformCommand());
		cmd.add(authorizationUri.toString());
		try {
			new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
		}
		catch (IOException ex) {
			throw new McpOAuthException(McpOAuthErrorCode.INTERACTION_REQUIRED,
					"Could not start the browser '" + cmd.get(0) + "': " + ex.getMessage() + "; use the 'print' user agent.", ex);
		}
	}

	private static List<String> platformCommand() {
		String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
		if (os.contains("mac")) {
			return List.of("open");
		}
		if (os.contains("win")) {
			return List.of("rundll32", "url.dll,FileProtocolHandler");
		}
		return List.of("xdg-open");
	}

}
