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

package io.github.mcpoauth.transport;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.github.mcpoauth.client.McpOAuthClient;
import io.github.mcpoauth.core.McpServerDefinition;
import io.github.mcpoauth.core.McpServerRegistry;
import io.github.mcpoauth.discovery.BearerChallenge;
import io.github.mcpoauth.dpop.DPoP;
import io.github.mcpoauth.token.OAuthToken;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.util.Assert;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;

/**
 * Authorizes {@code WebClient} requests to the configured MCP servers.
 *
 * <p>A request belongs to a server when it carries the {@link #SERVER_NAME_ATTRIBUTE}
 * attribute (see {@link #mcpServer(String)}), or else when its URL starts with the server's
 * URL ({@link McpServerRegistry#match}). Other requests, and requests that already carry an
 * {@code Authorization} header, pass through untouched. For a server's request the filter:
 * <ol>
 * <li>sends the current token as {@code Authorization: Bearer} (RFC 6750 §2.1), or, for a
 * DPoP-bound token, as {@code Authorization: DPoP} with a fresh proof for this request in the
 * {@code DPoP} header (RFC 9449 §7.1), refreshing it first when it has expired; with no token
 * it sends the request as is, so that the server's 401 challenge can name the scope and the
 * protected-resource metadata (MCP authorization, RFC 9728 §5.1);</li>
 * <li>on 401 {@code DPoP error="use_dpop_nonce"} sends the request once more with a proof that
 * carries the server's {@code DPoP-Nonce}, and keeps that nonce (and any later one) for the
 * next requests (RFC 9449 §9);</li>
 * <li>on 401 refreshes the token, or authorizes anew when it cannot, and sends the request
 * once more with its body (RFC 6750 §3.1); a DPoP-bound token refused with a {@code Bearer}
 * challenge alone tells the engine the server does not accept DPoP
 * ({@link McpOAuthClient#dpopRefusedByResource});</li>
 * <li>on 403 with {@code error="insufficient_scope"} authorizes with the wider scope and
 * sends the request again, at most {@value McpOAuthClient#MAX_STEP_UP_ATTEMPTS} times per request (MCP
 * scope challenge handling, RFC 6750 §3.1).</li>
 * </ol>
 * Concurrent requests that need a new token share one token request (the engine's single
 * flight). The body is re-sent by invoking the request's body inserter again, which works for
 * {@code bodyValue(...)} and cold publishers; a one-shot publisher cannot be sent twice.
 *
 * <p>The tokens are those of one principal: the one named with the
 * {@link #PRINCIPAL_ATTRIBUTE} attribute ({@link #mcpPrincipal(String)}), else the engine's
 * {@linkplain McpOAuthClient#principal() current principal}: the Spring Security user of the
 * reactive request the call is made from, or the default principal. Two principals never
 * share a token.
 *
 * <p>Non-blocking: a cached token adds no I/O, and token storage runs on the engine's
 * bounded-elastic scheduler.
 */
public final class McpOAuthExchangeFilterFunction implements ExchangeFilterFunction {

	/** The request attribute that names the MCP server a request is for. */
	public static final String SERVER_NAME_ATTRIBUTE = McpOAuthExchangeFilterFunction.class.getName()
			.concat(".SERVER_NAME");

	/** The request attribute that names the principal whose tokens a request uses. */
	public static final String PRINCIPAL_ATTRIBUTE = McpOAuthExchangeFilterFunction.class.getName()
		.concat(".PRINCIPAL");

	private final McpOAuthClient client;

	private final McpServerRegistry servers;

	public McpOAuthExchangeFilterFunction(McpOAuthClient client, McpServerRegistry servers) {
		Assert.notNull(client, "client cannot be null");
		Assert.notNull(servers, "servers cannot be null");
		this.client = client;
		this.servers = servers;
	}

	/**
	 * Names the server a request is for, for URLs that do not start with its configured URL:
	 * {@code webClient.get().uri(...).attributes(mcpServer("github"))}.
	 * @param serverName the configured server name
	 * @return the attributes consumer
	 */
	public static Consumer<Map<String, Object>> mcpServer(String serverName) {
		Assert.hasText(serverName, "serverName cannot be empty");
		return (attributes) -> attributes.put(SERVER_NAME_ATTRIBUTE, serverName);
	}

	/**
	 * Names the principal whose tokens a request uses, for work outside a signed-in user's
	 * request: {@code webClient.get().uri(...).attributes(mcpPrincipal("alice"))}.
	 * @param principal the principal name
	 * @return the attributes consumer
	 */
	public static Consumer<Map<String, Object>> mcpPrincipal(String principal) {
		Assert.hasText(principal, "principal cannot be empty");
		return (attributes) -> attributes.put(PRINCIPAL_ATTRIBUTE, principal);
	}

	@Override
	public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
		if (request.headers().containsHeader(HttpHeaders.AUTHORIZATION)) {
			return next.exchange(request);
		}
		McpServerDefinition server;
		try {
			server = resolve(request);
		}
		catch (RuntimeException ex) {
			return Mono.error(ex);
		}
		if (server == null) {
			return next.exchange(request);
		}
		Object principal = request.attribute(PRINCIPAL_ATTRIBUTE).orElse(null);
		if (principal != null) {
			return filter(server, principal.toString(), request, next);
		}
		return this.client.principal().flatMap((current) -> filter(server, current, request, next));
	}

	private Mono<ClientResponse> filter(McpServerDefinition server, String principal, ClientRequest request,
			ExchangeFunction next) {
		OAuthToken cached = this.client.cachedToken(server, principal); // the common case: no I/O
		if (cached != null) {
			return exchange(server, principal, request, cached, next, Attempts.NONE);
		}
		return this.client.currentToken(server, principal)
			.flatMap((token) -> exchange(server, principal, request, token, next, Attempts.NONE))
			.switchIfEmpty(Mono.defer(() -> exchange(server, principal, request, null, next, Attempts.NONE)));
	}

	private @Nullable McpServerDefinition resolve(ClientRequest request) {
		Object name = request.attribute(SERVER_NAME_ATTRIBUTE).orElse(null);
		if (name != null) {
			return this.servers.get(name.toString());
		}
		return this.servers.match(request.url());
	}

	/**
	 * Sends {@code request} with {@code token} (a fresh proof for each attempt when it is
	 * DPoP-bound), and reacts to the answer: a nonce challenge, a 401, a 403 step-up.
	 */
	private Mono<ClientResponse> exchange(McpServerDefinition server, String principal, ClientRequest request,
			@Nullable OAuthToken token, ExchangeFunction next, Attempts attempts) {
		ClientRequest sent = (token != null) ? withToken(server, request, token) : request;
		return next.exchange(sent).flatMap((response) -> {
			String nonce = response.headers().asHttpHeaders().getFirst(DPoP.NONCE_HEADER);
			HttpStatus status = HttpStatus.resolve(response.statusCode().value());
			if (status == HttpStatus.UNAUTHORIZED && token != null && token.isDPoP() && !attempts.nonce
					&& nonce != null && BearerChallenge.asksForDPoPNonce(challenges(response))) {
				this.client.rememberDPoPNonce(server, nonce);
				return response.releaseBody()
					.then(exchange(server, principal, request, token, next, attempts.afterNonce()));
			}
			this.client.rememberDPoPNonce(server, nonce);
			if (status == HttpStatus.UNAUTHORIZED && !attempts.unauthorized) {
				if (token != null && token.isDPoP() && !BearerChallenge.offersDPoP(challenges(response))
						&& challenge(response) != null) {
					this.client.dpopRefusedByResource(server);
				}
				return response.releaseBody()
					.then(this.client.handleUnauthorized(server, principal, challenge(response),
							(token != null) ? token.accessToken() : null))
					.flatMap((renewed) -> exchange(server, principal, request, renewed, next,
							attempts.afterUnauthorized()));
			}
			if (status == HttpStatus.FORBIDDEN && attempts.stepUps < McpOAuthClient.MAX_STEP_UP_ATTEMPTS) {
				BearerChallenge challenge = challenge(response);
				if (challenge != null && challenge.isInsufficientScope()) {
					return response.releaseBody()
						.then(this.client.handleForbidden(server, principal, challenge,
								(token != null) ? token.accessToken() : null))
						.flatMap((wider) -> exchange(server, principal, request, wider, next, attempts.afterStepUp()));
				}
			}
			return Mono.just(response);
		});
	}

	private static List<String> challenges(ClientResponse response) {
		return response.headers().header(HttpHeaders.WWW_AUTHENTICATE);
	}

	private static @Nullable BearerChallenge challenge(ClientResponse response) {
		return BearerChallenge.parse(response.headers().header(HttpHeaders.WWW_AUTHENTICATE)).orElse(null);
	}

	private ClientRequest withToken(McpServerDefinition server, ClientRequest request, OAuthToken token) {
		if (!token.isDPoP()) {
			return ClientRequest.from(request)
				.headers((headers) -> headers.set(HttpHeaders.AUTHORIZATION, token.authorizationHeader()))
				.build();
		}
		String proof = this.client.dpopProof(server, token, request.method().name(), request.url());
		return ClientRequest.from(request).headers((headers) -> {
			headers.set(HttpHeaders.AUTHORIZATION, token.authorizationHeader());
			headers.set(DPoP.HEADER, proof);
		}).build();
	}

	/** How often one request has been sent again, and why. */
	private record Attempts(boolean nonce, boolean unauthorized, int stepUps) {

		static final Attempts NONE = new Attempts(false, false, 0);

		Attempts afterNonce() {
			return new Attempts(true, this.unauthorized, this.stepUps);
		}

		Attempts afterUnauthorized() {
			return new Attempts(this.nonce, true, this.stepUps);
		}

		Attempts afterStepUp() {
			return new Attempts(this.nonce, this.unauthorized, this.stepUps + 1);
		}

	}

}
