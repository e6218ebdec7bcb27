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

package io.github.mcpoauth.springai;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.github.mcpoauth.client.McpOAuthClient;
import io.github.mcpoauth.core.McpOAuthException;
import io.github.mcpoauth.core.McpServerDefinition;
import io.github.mcpoauth.core.McpServerDefinition.GrantType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.scheduler.Schedulers;

import org.springframework.util.Assert;

/**
 * Signs in to an MCP server before Spring AI initializes its client for it.
 *
 * <p>With {@code spring.ai.mcp.client.initialized=true} (its default), Spring AI sends
 * {@code initialize} to every connection while the application context starts, and waits
 * for the answer at most {@code spring.ai.mcp.client.request-timeout} (20 s by default):
 * much less than a person needs to sign in in a browser. So, for a connection that an
 * authorization-code server covers and that has no usable token yet, this signs in first,
 * bounded only by the user agent's own timeout ({@code mcp.oauth.user-agent.callback-timeout});
 * Spring AI's {@code initialize} then finds the token. A sign-in that cannot happen (no user
 * agent, {@code mcp.oauth.user-agent.mode=none}) or fails stops the start with a
 * {@link McpOAuthException} that names {@code spring.ai.mcp.client.initialized} to set.
 *
 * <p>It blocks, on the thread that creates Spring AI's transports (the main thread at
 * start-up); on a non-blocking thread it does nothing.
 */
public final class SpringAiStartupSignIn {

	private static final Logger logger = LoggerFactory.getLogger(SpringAiStartupSignIn.class);

	private final McpOAuthClient client;

	private final boolean initialized;

	private final Duration requestTimeout;

	private final Set<String> signedIn = ConcurrentHashMap.newKeySet();

	/**
	 * @param client the engine
	 * @param initialized Spring AI's {@code spring.ai.mcp.client.initialized}
	 * @param requestTimeout Spring AI's {@code spring.ai.mcp.client.request-timeout}
	 */
	public SpringAiStartupSignIn(McpOAuthClient client, boolean initialized, Duration requestTimeout) {
		Assert.notNull(client, "client cannot be null");
		Assert.notNull(requestTimeout, "requestTimeout cannot be null");
		this.client = client;
		this.initialized = initialized;
		this.requestTimeout = requestTimeout;
	}

	/**
	 * Called while Spring AI builds the transport of a connection, before it initializes
	 * the connection's client.
	 * @param connection the Spring AI connection name
	 * @param server the MCP server that covers it
	 * @throws McpOAuthException when the sign-in fails
	 */
	public void beforeInitialization(String connection, McpServerDefinition server) {
		if (!this.initialized || server.grantType() != GrantType.AUTHORIZATION_CODE
				|| Schedulers.isInNonBlockingThread() || !this.signedIn.add(server.name())) {
			return;
		}
		try {
			if (this.client.currentToken(server).block() != null) {
				return;
			}
			logger.info("Spring AI initializes MCP connection '{}' during start-up (spring.ai.mcp.client.initialized=true)"
					+ " and waits at most {} s for it (spring.ai.mcp.client.request-timeout); signing in to MCP "
					+ "server '{}' first", connection, this.requestTimeout.toSeconds(), server.name());
			this.client.ensureAuthenticated(server).block();
		}
		catch (McpOAuthException ex) {
			this.signedIn.remove(server.name());
			throw new McpOAuthException(ex.getErrorCode(), "Spring AI initializes MCP connection '" + connection
					+ "' during start-up (spring.ai.mcp.client.initialized=true), and signing in to MCP server '"
					+ server.name() + "' first failed: " + ex.getDetail()
					+ " To start without connecting, set spring.ai.mcp.client.initialized=false: the first MCP request "
					+ "then signs in, within spring.ai.mcp.client.request-timeout (" + this.requestTimeout.toSeconds()
					+ " s; raise it if a person signs in then).", ex.getOAuthError(), ex);
		}
	}

}
