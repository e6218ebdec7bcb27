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
import java.util.function.Consumer;

import io.github.mcpoauth.core.EndpointSchemes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.util.Assert;

/**
 * Shows the authorization URL as text, for a user who opens it in a browser of their own
 * choice (a headless server, an SSH session). Used with {@link LoopbackUserAgent}, which
 * then waits for the redirect. The URL carries no secret: only the client id, the PKCE
 * challenge and the state. Only {@code https} URLs, or {@code http} on a loopback host, are
 * shown ({@link EndpointSchemes}): a user should not be asked to open anything else.
 */
public final class PrintUrlLauncher implements LoopbackUserAgent.Launcher {

	private static final Logger logger = LoggerFactory.getLogger(PrintUrlLauncher.class);

	private final Consumer<String> output;

	/** Writes the URL to the log at WARN level, so it shows with default logging. */
	public PrintUrlLauncher() {
		this((line) -> logger.warn(line));
	}

	/**
	 * @param output receives the lines to show, for example a terminal writer
	 */
	public PrintUrlLauncher(Consumer<String> output) {
		Assert.notNull(output, "output cannot be null");
		this.output = output;
	}

	@Override
	public void launch(URI authorizationUri) {
		EndpointSchemes.check(authorizationUri, "authorization URL");
		this.output.accept("Open this URL in a browser to authorize:");
		this.output.accept(authorizationUri.toString());
	}

}
