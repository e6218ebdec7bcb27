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
import java.time.Duration;

import io.github.mcpoauth.core.EndpointSchemes;
import io.github.mcpoauth.core.McpOAuthErrorCode;
import io.github.mcpoauth.core.McpOAuthException;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.util.Assert;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * A {@link UserAgent} without a user: it requests the authorization URL over HTTP and
 * follows redirects until one points at the redirect URI. It suits authorization servers
 * that approve at once (test servers, the MCP conformance suite, trusted first-party
 * set-ups); a server that shows a login page makes it fail with
 * {@link McpOAuthErrorCode#INTERACTION_REQUIRED}.
 *
 * <p>No listener is bound: the redirect URI is used as configured (port 0 becomes no port,
 * which loopback redirect matching accepts, RFC 8252 §7.3).
 *
 * <p>It requests only {@code https} URLs, or {@code http} on a loopback host
 * ({@link EndpointSchemes}): the authorization URL and every hop of the redirect chain but the
 * last, the redirect URI itself, which is read and never requested. Any other hop stops it
 * with {@link McpOAuthErrorCode#INSECURE_ENDPOINT}.
 */
public final class DirectUserAgent implements UserAgent {

	private static final int MAX_REDIRECTS = 10;

	private final WebClient webClient;

	private Duration timeout = Duration.ofSeconds(30);

	public DirectUserAgent(WebClient webClient) {
		Assert.notNull(webClient, "webClient cannot be null");
		this.webClient = webClient;
	}

	public void setTimeout(Duration timeout) {
		Assert.notNull(timeout, "timeout cannot be null");
		this.timeout = timeout;
	}

	@Override
	public Mono<Session> start(URI preferredRedirectUri) {
		URI redirectUri = (preferredRedirectUri.getPort() == 0) ? LoopbackUris.withPort(preferredRedirectUri, -1)
				: preferredRedirectUri;
		return Mono.just(new DirectSession(redirectUri));
	}

	private final class DirectSession implements Session {

		private final URI redirectUri;

		DirectSession(URI redirectUri) {
			this.redirectUri = redirectUri;
		}

		@Override
		public URI redirectUri() {
			return this.redirectUri;
		}

		@Override
		public Mono<URI> authorize(URI authorizationUri) {
			return follow(authorizationUri, 0).timeout(DirectUserAgent.this.timeout,
					Mono.error(() -> new McpOAuthException(McpOAuthErrorCode.TIMEOUT,
							"The authorization server did not redirect back within "
									+ DirectUserAgent.this.timeout.toSeconds()
									+ " s (mcp.oauth.user-agent.callback-timeout).")));
		}

		private Mono<URI> follow(URI uri, int hops) {
			if (hops > MAX_REDIRECTS) {
				return Mono.error(new McpOAuthException(McpOAuthErrorCode.INTERACTION_REQUIRED,
						"The authorization server redirected more than " + MAX_REDIRECTS + " times."));
			}
			if (!EndpointSchemes.isAllowed(uri)) {
				return Mono.error(EndpointSchemes.refused(uri, (hops == 0) ? "authorization URL" : "redirect target"));
			}
			return DirectUserAgent.this.webClient.get().uri(uri).exchangeToMono((response) -> {
				String location = response.headers().asHttpHeaders().getFirst(HttpHeaders.LOCATION);
				if (!response.statusCode().is3xxRedirection() || location == null) {
					return response.releaseBody()
						.then(Mono.error(new McpOAuthException(McpOAuthErrorCode.INTERACTION_REQUIRED,
								"The authorization server wants a user to interact (HTTP " + response.statusCode().value()
										+ " from " + withoutQuery(uri) + "); use the browser user agent.")));
				}
				URI next = uri.resolve(location);
				return response.releaseBody().then(Mono.just(next));
			}).flatMap((next) -> LoopbackUris.isRedirectTo(next, this.redirectUri) ? Mono.just(next) : follow(next, hops + 1));
		}

		@Override
		public void close() {
		}

	}

	private static String withoutQuery(URI uri) {
		return uri.getScheme() + "://" + uri.getRawAuthority() + uri.getRawPath();
	}

}
