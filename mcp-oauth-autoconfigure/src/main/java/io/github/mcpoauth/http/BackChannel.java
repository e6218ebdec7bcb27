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

package io.github.mcpoauth.http;

import java.time.Duration;

import io.github.mcpoauth.core.EndpointSchemes;
import io.github.mcpoauth.core.McpOAuthErrorCode;
import io.github.mcpoauth.core.McpOAuthException;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClientRequest;

import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;

/**
 * The engine's back channel: every request it makes on its own (metadata discovery, client
 * registration, token requests, identity-assertion requests) goes through one
 * {@link WebClient} made here, so that a hostile or stuck authorization server cannot steer
 * or hold it:
 * <ul>
 * <li><b>No redirects.</b> A 3xx answer becomes {@link McpOAuthErrorCode#REDIRECT_REFUSED},
 * naming the URL; the redirect is never followed, so a server cannot send a token request,
 * its client secret or its refresh token to another host. The connector must not follow
 * redirects by itself either (the auto-configuration builds it so); a Reactor Netty connector
 * that does is refused before the request is sent, with
 * {@link McpOAuthErrorCode#INVALID_CONFIGURATION}.</li>
 * <li><b>A bound on every exchange.</b> The answer, body included, must arrive within the
 * timeout (default {@link #DEFAULT_TIMEOUT}), else the request is abandoned with
 * {@link McpOAuthErrorCode#TIMEOUT}. A stuck server therefore cannot hold the single flight
 * of its MCP server, and every request waiting behind it, for ever. The body is read into
 * memory within that bound (at most 1 MiB, else {@link McpOAuthErrorCode#INVALID_RESPONSE}),
 * so whoever reads the answer gets it at once.</li>
 * <li><b>Only allowed schemes.</b> A request to a URL that {@link EndpointSchemes} refuses is
 * never sent ({@link McpOAuthErrorCode#INSECURE_ENDPOINT}); discovery checks the URLs earlier
 * too, this is the last line.</li>
 * </ul>
 * Non-blocking: the timeout runs on Reactor's parallel scheduler.
 *
 * <p>The engine derives its own back channel; a component of yours that talks to
 * authorization servers (a {@code TokenEndpointClient} for a custom grant, say) takes one too:
 * <pre>{@code
 * WebClient backChannel = BackChannel.webClient(WebClient.create(), Duration.ofSeconds(10));
 * }</pre>
 * (compiled and run by {@code JavadocExamplesTests}).
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9700#section-4.12">RFC 9700 §4.12 (a 307 redirect
 * forwards the request body, credentials included)</a>
 * @see EndpointSchemes
 */
public final class BackChannel {

	/** How long one exchange may take when nothing else is configured. */
	public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

	/** The largest answer read: metadata, registration and token responses are a few KiB. */
	static final int MAX_BODY_BYTES = 1024 * 1024;

	private static final boolean REACTOR_NETTY_PRESENT = ClassUtils
		.isPresent("reactor.netty.http.client.HttpClientRequest", BackChannel.class.getClassLoader());

	private BackChannel() {
	}

	/**
	 * Derives the engine's {@code WebClient} from an application's: the same connector, codecs
	 * and filters, plus {@link #filter(Duration)} next to the connector.
	 * @param webClient the application's client; it must not carry the MCP authorization filter,
	 * and its connector must not follow redirects
	 * @param timeout how long one exchange may take
	 * @return the back-channel client
	 */
	public static WebClient webClient(WebClient webClient, Duration timeout) {
		Assert.notNull(webClient, "webClient cannot be null");
		return webClient.mutate().filter(filter(timeout)).build();
	}

	/**
	 * The filter that refuses redirects and insecure URLs and bounds each exchange.
	 * @param timeout how long one exchange, body included, may take; positive
	 * @return the filter
	 */
	public static ExchangeFilterFunction filter(Duration timeout) {
		Assert.isTrue(timeout != null && !timeout.isNegative() && !timeout.isZero(), "timeout must be positive");
		return new BackChannelFilter(timeout);
	}

	private static final class BackChannelFilter implements ExchangeFilterFunction {

		private final Duration timeout;

		BackChannelFilter(Duration timeout) {
			this.timeout = timeout;
		}

		@Override
		public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
			if (!EndpointSchemes.isAllowed(request.url())) {
				return Mono.error(EndpointSchemes.refused(request.url(), "request URL"));
			}
			ClientRequest guarded = REACTOR_NETTY_PRESENT
					? ClientRequest.from(request).httpRequest(ReactorNetty::refuseFollowingConnector).build() : request;
			return next.exchange(guarded)
				.onErrorMap(WebClientRequestException.class, BackChannel::unwrap)
				.flatMap((response) -> read(request, response))
				.timeout(this.timeout, Mono.error(() -> timedOut(request)));
		}

		private McpOAuthException timedOut(ClientRequest request) {
			return new McpOAuthException(McpOAuthErrorCode.TIMEOUT, "No complete answer to " + request.method() + " "
					+ EndpointSchemes.describe(request.url()) + " within " + format(this.timeout)
					+ "; the request was abandoned. If the server is only slow, raise mcp.oauth.http.timeout.");
		}

	}

	/**
	 * Refuses a redirect, else reads the whole body (at most {@link #MAX_BODY_BYTES}) into
	 * memory, so that the timeout covers it and what the caller reads is already there.
	 */
	private static Mono<ClientResponse> read(ClientRequest request, ClientResponse response) {
		if (response.statusCode().is3xxRedirection()) {
			String location = response.headers().asHttpHeaders().getFirst(HttpHeaders.LOCATION);
			McpOAuthException refused = redirected(request, response.statusCode().value(), location);
			return response.releaseBody().onErrorComplete().then(Mono.error(refused));
		}
		return DataBufferUtils.join(response.bodyToFlux(DataBuffer.class), MAX_BODY_BYTES)
			.map(BackChannel::bytes)
			.defaultIfEmpty(new byte[0])
			.onErrorMap(DataBufferLimitException.class, (ex) -> new McpOAuthException(McpOAuthErrorCode.INVALID_RESPONSE,
					"The answer to " + request.method() + " " + EndpointSchemes.describe(request.url())
							+ " is larger than " + (MAX_BODY_BYTES / 1024) + " KiB; it was not read.",
					ex))
			.onErrorMap((ex) -> !(ex instanceof McpOAuthException), (ex) -> new McpOAuthException(
					McpOAuthErrorCode.CONNECTION_FAILED, "The answer to " + request.method() + " "
							+ EndpointSchemes.describe(request.url()) + " broke off: "
							+ NestedExceptionUtils.getMostSpecificCause(ex).getMessage(),
					ex))
			.map((bytes) -> response.mutate()
				.body((unread) -> Flux.defer(() -> (bytes.length == 0) ? Flux.empty()
						: Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(bytes))))
				.build());
	}

	private static byte[] bytes(DataBuffer buffer) {
		try {
			byte[] bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
			return bytes;
		}
		finally {
			DataBufferUtils.release(buffer);
		}
	}

	private static McpOAuthException redirected(ClientRequest request, int status, @Nullable String location) {
		String target = "nowhere (no Location)";
		if (location != null) {
			try {
				target = EndpointSchemes.describe(request.url().resolve(location));
			}
			catch (IllegalArgumentException ex) {
				target = "an invalid Location";
			}
		}
		return new McpOAuthException(McpOAuthErrorCode.REDIRECT_REFUSED, request.method() + " "
				+ EndpointSchemes.describe(request.url()) + " answered HTTP " + status + " with a redirect to " + target
				+ ", which was not followed: a redirect could carry the request and its credentials to another server.");
	}

	/** An error thrown while the connector wrote the request (see {@link ReactorNetty}) comes wrapped. */
	private static Throwable unwrap(WebClientRequestException ex) {
		for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
			if (cause instanceof McpOAuthException oauth) {
				return oauth;
			}
		}
		return ex;
	}

	static String format(Duration duration) {
		return (duration.toMillis() % 1000 == 0) ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
	}

	/** Kept apart so that the class loads without Reactor Netty (Jetty, JDK or Apache connectors). */
	private static final class ReactorNetty {

		static void refuseFollowingConnector(ClientHttpRequest request) {
			if (request.getNativeRequest() instanceof HttpClientRequest netty && netty.isFollowRedirect()) {
				throw new McpOAuthException(McpOAuthErrorCode.INVALID_CONFIGURATION, "The connector of the engine's "
						+ "WebClient follows redirects by itself (Reactor Netty followRedirect), so the request to "
						+ EndpointSchemes.describe(request.getURI()) + " was not sent. Give the engine a WebClient "
						+ "whose connector does not follow redirects.");
			}
		}

	}

}
