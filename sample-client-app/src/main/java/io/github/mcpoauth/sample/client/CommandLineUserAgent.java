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

import java.io.PrintWriter;
import java.net.URI;
import java.util.List;

import io.github.mcpoauth.authorization.DirectUserAgent;
import io.github.mcpoauth.authorization.LoopbackUserAgent;
import io.github.mcpoauth.authorization.PrintUrlLauncher;
import io.github.mcpoauth.authorization.SystemBrowserLauncher;
import io.github.mcpoauth.authorization.UserAgent;
import io.github.mcpoauth.autoconfigure.McpOAuthProperties;
import io.github.mcpoauth.core.McpOAuthErrorCode;
import io.github.mcpoauth.core.McpOAuthException;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.util.Assert;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The engine's user agent in the command line: it refuses to log in (failing with
 * {@link McpOAuthErrorCode#INTERACTION_REQUIRED}) until the {@code auth} command enables
 * it, so {@code test}, {@code call} and the others use stored and refreshed tokens but
 * never open a browser. Once enabled it tells the user where it waits for the browser to
 * come back, then delegates to the library's loopback or direct user agent with the
 * {@code mcp.oauth.user-agent} settings (browser command, callback timeout).
 */
final class CommandLineUserAgent implements UserAgent {

	private final McpOAuthProperties.UserAgent settings;

	private volatile @Nullable Enabled enabled;

	CommandLineUserAgent(McpOAuthProperties.UserAgent settings) {
		Assert.notNull(settings, "settings cannot be null");
		this.settings = settings;
	}

	/**
	 * Allows logins from now on.
	 * @param mode how to reach the user
	 * @param out where to tell the user what is happening
	 */
	void enable(BrowserMode mode, PrintWriter out) {
		UserAgent delegate = switch (mode) {
			case SYSTEM -> loopback((uri) -> {
				out.println("Opening the authorization page in the browser. If it does not open, visit:");
				out.println("  " + uri);
				out.flush();
				List<String> command = this.settings.getBrowserCommand();
				new SystemBrowserLauncher(command.isEmpty() ? null : command).launch(uri);
			});
			case PRINT -> loopback(new PrintUrlLauncher((line) -> {
				out.println(line);
				out.flush();
			}));
			case DIRECT -> {
				DirectUserAgent direct = new DirectUserAgent(WebClient.create());
				direct.setTimeout(this.settings.getCallbackTimeout());
				yield direct;
			}
		};
		this.enabled = new Enabled(mode, delegate, out);
	}

	private LoopbackUserAgent loopback(LoopbackUserAgent.Launcher launcher) {
		LoopbackUserAgent loopback = new LoopbackUserAgent(launcher);
		loopback.setTimeout(this.settings.getCallbackTimeout());
		return loopback;
	}

	@Override
	public Mono<Session> start(URI preferredRedirectUri) {
		Enabled current = this.enabled;
		if (current == null) {
			return Mono.error(new McpOAuthException(McpOAuthErrorCode.INTERACTION_REQUIRED,
					"The server needs a new login, and only the 'auth' command logs in."));
		}
		return current.delegate().start(preferredRedirectUri).map((session) -> new AnnouncingSession(session, current));
	}

	private record Enabled(BrowserMode mode, UserAgent delegate, PrintWriter out) {
	}

	/**
	 * Says where the command waits before the user is sent to the browser.
	 */
	private final class AnnouncingSession implements Session {

		private final Session session;

		private final Enabled enabled;

		AnnouncingSession(Session session, Enabled enabled) {
			this.session = session;
			this.enabled = enabled;
		}

		@Override
		public URI redirectUri() {
			return this.session.redirectUri();
		}

		@Override
		public Mono<URI> authorize(URI authorizationUri) {
			return Mono.defer(() -> {
				PrintWriter out = this.enabled.out();
				if (this.enabled.mode() == BrowserMode.DIRECT) {
					out.println("Following the authorization redirects without a browser (--browser direct).");
				}
				else {
					out.println("Waiting for the browser to return to " + this.session.redirectUri() + " (up to "
							+ Durations.words(CommandLineUserAgent.this.settings.getCallbackTimeout())
							+ "; Ctrl+C to cancel).");
				}
				out.flush();
				return this.session.authorize(authorizationUri);
			});
		}

		@Override
		public void close() {
			this.session.close();
		}

	}

}
