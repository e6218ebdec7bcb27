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
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.github.mcpoauth.core.EndpointSchemes;
import io.github.mcpoauth.core.McpOAuthErrorCode;
import io.github.mcpoauth.core.McpOAuthException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

import org.springframework.util.Assert;
import org.springframework.web.util.HtmlUtils;

/**
 * A {@link UserAgent} that hands the authorization URL to a person (through a browser it
 * opens, or a URL it prints) and receives the redirect on a loopback listener bound to
 * {@code 127.0.0.1} (RFC 8252 §7.3). The listener answers the browser with a small success
 * or error page, accepts only the expected {@code state}, and stops after the response or
 * the timeout.
 *
 * <p>The authorization URL is checked before the {@link Launcher} runs: it must be
 * {@code https}, or {@code http} on a loopback host ({@link EndpointSchemes}), whatever
 * launcher the application plugged in.
 *
 * <p>The {@link Launcher} may block (starting a browser process): it runs on
 * {@code Schedulers.boundedElastic()}.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8252#section-7.3">RFC 8252 §7.3</a>
 */
public final class LoopbackUserAgent implements UserAgent {

	private static final Logger logger = LoggerFactory.getLogger(LoopbackUserAgent.class);

	private final Launcher launcher;

	private Duration timeout = Duration.ofMinutes(5);

	/**
	 * @param launcher shows the authorization URL to the user
	 */
	public LoopbackUserAgent(Launcher launcher) {
		Assert.notNull(launcher, "launcher cannot be null");
		this.launcher = launcher;
	}

	/**
	 * @param timeout how long to wait for the user to finish in the browser (default 5 minutes)
	 */
	public void setTimeout(Duration timeout) {
		Assert.notNull(timeout, "timeout cannot be null");
		this.timeout = timeout;
	}

	@Override
	public Mono<Session> start(URI preferredRedirectUri) {
		if (!"127.0.0.1".equals(preferredRedirectUri.getHost())) {
			return Mono.error(new McpOAuthException(McpOAuthErrorCode.INVALID_CONFIGURATION, "The redirect URI "
					+ preferredRedirectUri + " is not a 127.0.0.1 loopback URI; set 'redirect-uri' to http://127.0.0.1:<port>/callback."));
		}
		String path = (preferredRedirectUri.getPath() == null || preferredRedirectUri.getPath().isEmpty()) ? "/"
				: preferredRedirectUri.getPath();
		Sinks.One<URI> callback = Sinks.one();
		CallbackHandler handler = new CallbackHandler(path, callback);
		return HttpServer.create()
			.host("127.0.0.1")
			.port(Math.max(preferredRedirectUri.getPort(), 0))
			.handle(handler::handle)
			.bind()
			.onErrorMap((ex) -> new McpOAuthException(McpOAuthErrorCode.INVALID_CONFIGURATION,
					"Cannot listen on " + preferredRedirectUri + " for the authorization response: " + ex.getMessage()
							+ "; choose another callback port.",
					ex))
			.map((server) -> new LoopbackSession(server,
					LoopbackUris.withPort(preferredRedirectUri, server.port()), handler, callback));
	}

	private final class LoopbackSession implements Session {

		private final DisposableServer server;

		private final URI redirectUri;

		private final CallbackHandler handler;

		private final Sinks.One<URI> callback;

		LoopbackSession(DisposableServer server, URI redirectUri, CallbackHandler handler, Sinks.One<URI> callback) {
			this.server = server;
			this.redirectUri = redirectUri;
			this.handler = handler;
			this.callback = callback;
		}

		@Override
		public URI redirectUri() {
			return this.redirectUri;
		}

		@Override
		public Mono<URI> authorize(URI authorizationUri) {
			if (!EndpointSchemes.isAllowed(authorizationUri)) {
				return Mono.<URI>error(EndpointSchemes.refused(authorizationUri, "authorization URL"))
					.doFinally((signal) -> close());
			}
			this.handler.expectedState = AuthorizationResponse.queryParameters(authorizationUri.getRawQuery()).get("state");
			logger.info("Waiting for the authorization response on {}", this.redirectUri);
			return Mono.fromRunnable(() -> LoopbackUserAgent.this.launcher.launch(authorizationUri))
				.subscribeOn(Schedulers.boundedElastic())
				.then(this.callback.asMono())
				.timeout(LoopbackUserAgent.this.timeout, Mono.error(() -> new McpOAuthException(McpOAuthErrorCode.TIMEOUT,
						"No authorization response reached " + this.redirectUri + " within "
								+ LoopbackUserAgent.this.timeout.toSeconds()
								+ " s (mcp.oauth.user-agent.callback-timeout).")))
				.doFinally((signal) -> close());
		}

		/**
		 * Stops the listener. On a non-blocking thread (the Netty event loop that received the
		 * redirect, or the timer that fired the timeout) the server is disposed without waiting,
		 * since blocking there is not allowed; elsewhere it waits up to 2 s for the port to be freed.
		 */
		@Override
		public void close() {
			if (Schedulers.isInNonBlockingThread()) {
				this.server.dispose();
			}
			else {
				this.server.disposeNow(Duration.ofSeconds(2));
			}
		}

	}

	private static final class CallbackHandler {

		private final String path;

		private final Sinks.One<URI> callback;

		private volatile @Nullable String expectedState;

		CallbackHandler(String path, Sinks.One<URI> callback) {
			this.path = path;
			this.callback = callback;
		}

		Mono<Void> handle(HttpServerRequest request, HttpServerResponse response) {
			URI uri = URI.create(request.uri());
			if (!this.path.equals(uri.getPath())) {
				return response.status(404).send();
			}
			var params = AuthorizationResponse.queryParameters(uri.getRawQuery());
			String state = params.get("state");
			if (this.expectedState == null || !this.expectedState.equals(state)) {
				return page(response, 400, "Unexpected authorization response",
						"This response does not belong to the pending authorization. Start again from the application.");
			}
			this.callback.tryEmitValue(URI.create("http://127.0.0.1" + request.uri()));
			String error = params.get("error");
			if (error != null) {
				return page(response, 200, "Authorization failed", "The authorization server answered '"
						+ error + "'. You can close this window and try again.");
			}
			return page(response, 200, "Authorization complete",
					"You are signed in. You can close this window and return to the application.");
		}

		private static Mono<Void> page(HttpServerResponse response, int status, String title, String message) {
			String html = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + HtmlUtils.htmlEscape(title)
					+ "</title></head><body style=\"font-family:sans-serif;margin:3em\"><h1>"
					+ HtmlUtils.htmlEscape(title) + "</h1><p>" + HtmlUtils.htmlEscape(message) + "</p></body></html>";
			return response.status(status)
				.header("Content-Type", "text/html; charset=utf-8")
				.header("Cache-Control", "no-store")
				.sendString(Mono.just(html), StandardCharsets.UTF_8)
				.then();
		}

	}

	/** Shows the authorization URL to the user; may block. */
	@FunctionalInterface
	public interface Launcher {

		void launch(URI authorizationUri);

	}

}
