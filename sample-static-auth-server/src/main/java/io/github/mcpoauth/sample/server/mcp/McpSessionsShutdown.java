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

package io.github.mcpoauth.sample.server.mcp;

import java.time.Duration;

import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.SmartLifecycle;
import org.springframework.util.Assert;

/**
 * Closes the MCP sessions when the server stops, and with them the streams that clients
 * hold open (the {@code GET /mcp} event stream of the Streamable HTTP transport), just
 * before the web server's graceful shutdown. That shutdown waits for every request in
 * flight to end, and an event stream ends only when the server closes it: without this,
 * one connected client kept the server from stopping until
 * {@code spring.lifecycle.timeout-per-shutdown-phase} (30 s) ran out. Requests that are
 * being answered still finish; new MCP requests get 503 while the server stops.
 */
final class McpSessionsShutdown implements SmartLifecycle {

	/** How long closing the sessions may take before the web server's graceful shutdown goes on. */
	static final Duration TIMEOUT = Duration.ofSeconds(5);

	private static final Log logger = LogFactory.getLog(McpSessionsShutdown.class);

	private final HttpServletStreamableServerTransportProvider transport;

	private volatile boolean running;

	McpSessionsShutdown(HttpServletStreamableServerTransportProvider transport) {
		Assert.notNull(transport, "transport cannot be null");
		this.transport = transport;
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		try {
			this.transport.closeGracefully().block(TIMEOUT);
		}
		catch (RuntimeException ex) {
			logger.warn("Could not close every MCP session within " + TIMEOUT.toSeconds() + " s (" + ex.getMessage()
					+ "); the web server's graceful shutdown ends the rest");
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * @return a phase just above the web server's graceful shutdown: this stops first
	 */
	@Override
	public int getPhase() {
		return WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE + 1;
	}

}
