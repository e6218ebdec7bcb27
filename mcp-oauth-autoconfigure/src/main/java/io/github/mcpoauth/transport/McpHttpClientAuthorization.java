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

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.util.List;
import java.util.Objects;

import com.nimbusds.jwt.SignedJWT;

import io.github.mcpoauth.client.McpOAuthClient;
import io.github.mcpoauth.core.McpServerDefinition;
import io.github.mcpoauth.discovery.BearerChallenge;
import io.github.mcpoauth.dpop.DPoP;
import io.github.mcpoauth.token.OAuthToken;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.HttpRequestSnapshot;
import io.modelcontextprotocol.client.transport.customizer.McpAsyncHttpClientRequestCustomizer;
import io.modelcontextprotocol.client.transport.customizer.McpHttpClientTransportAuthorizationErrorHandler;
import io.modelcontextprotocol.common.McpTransportContext;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

import org.springframework.util.Assert;

/**
 * Authorizes the MCP Java SDK's {@link HttpClientStreamableHttpTransport} through its own
 * hooks: a request customizer that sends the current token ({@code Authorization: Bearer},
 * never in the query, RFC 6750 §2.1; for a DPoP-bound token {@code Authorization: DPoP} and a
 * fresh proof for the request's method and URI, RFC 9449 §7.1), and an authorization error
 * handler that answers a 401 with a refresh or a new authorization, a 401
 * {@code DPoP error="use_dpop_nonce"} with the server's new nonce (RFC 9449 §9), and a 403
 * {@code insufficient_scope} with a scope step-up, then lets the transport retry.
 *
 * <pre class="code">
 * var transport = HttpClientStreamableHttpTransport.builder(server.url().toString())
 *     .endpoint(server.url().getPath())
 *     .httpRequestCustomizer(...)
 * McpHttpClientAuthorization.of(client, server).applyTo(builder);
 * </pre>
 *
 * <p>The tokens used are those of one principal: the one given to
 * {@link #of(McpOAuthClient, McpServerDefinition, String)}, else the one named in the
 * transport context under {@link #PRINCIPAL_CONTEXT_KEY}, else the engine's
 * {@linkplain McpOAuthClient#principal() current principal} (the subscriber's Reactor
 * context, or the default principal).
 */
public final class McpHttpClientAuthorization
		implements McpAsyncHttpClientRequestCustomizer, McpHttpClientTransportAuthorizationErrorHandler {

	/** Tries per request: a DPoP nonce, a refresh or new authorization, then up to three step-ups. */
	private static final int MAX_RETRIES = 5;

	/** The {@link McpTransportContext} key that may name the principal of a request. */
	public static final String PRINCIPAL_CONTEXT_KEY = "mcp-oauth.principal";

	private final McpOAuthClient client;

	private final McpServerDefinition server;

	private final @Nullable String principal;

	private McpHttpClientAuthorization(McpOAuthClient client, McpServerDefinition server, @Nullable String principal) {
		this.client = client;
		this.server = server;
		this.principal = principal;
	}

	/**
	 * @param client the authorization engine
	 * @param server the server the transport talks to
	 * @return the hooks
	 */
	public static McpHttpClientAuthorization of(McpOAuthClient client, McpServerDefinition server) {
		Assert.notNull(client, "client cannot be null");
		Assert.notNull(server, "server cannot be null");
		return new McpHttpClientAuthorization(client, server, null);
	}

	/**
	 * @param client the authorization engine
	 * @param server the server the transport talks to
	 * @param principal the principal whose tokens every request of the transport uses
	 * @return the hooks
	 */
	public static McpHttpClientAuthorization of(McpOAuthClient client, McpServerDefinition server, String principal) {
		Assert.notNull(client, "client cannot be null");
		Assert.notNull(server, "server cannot be null");
		Assert.hasText(principal, "principal cannot be empty");
		return new McpHttpClientAuthorization(client, server, principal);
	}

	/**
	 * Installs both hooks on a transport builder.
	 * @param builder the transport builder
	 * @return the builder
	 */
	public HttpClientStreamableHttpTransport.Builder applyTo(HttpClientStreamableHttpTransport.Builder builder) {
		return builder.addAsyncHttpRequestCustomizer(this).authorizationErrorHandler(this);
	}

	@Override
	public Publisher<HttpRequest.Builder> customize(HttpRequest.Builder builder, String method, URI endpoint,
			@Nullable String body, McpTransportContext context) {
		return principal(context).flatMap((principal) -> this.client.currentToken(this.server, principal))
			.map((token) -> {
				builder.setHeader("Authorization", token.authorizationHeader());
				if (token.isDPoP()) {
					builder.setHeader(DPoP.HEADER, this.client.dpopProof(this.server, token, method, endpoint));
				}
				return builder;
			})
			.defaultIfEmpty(builder);
	}

	@Override
	public Publisher<Boolean> handle(HttpRequestSnapshot request, HttpResponse.ResponseInfo response,
			McpTransportContext context) {
		List<String> challenges = response.headers().allValues("WWW-Authenticate");
		String nonce = response.headers().firstValue(DPoP.NONCE_HEADER).orElse(null);
		if (response.statusCode() == 401 && nonce != null && BearerChallenge.asksForDPoPNonce(challenges)
				&& !nonce.equals(proofNonce(request))) {
			// RFC 9449 §9: once more, with a proof that carries the server's nonce
			this.client.rememberDPoPNonce(this.server, nonce);
			return Mono.just(true);
		}
		this.client.rememberDPoPNonce(this.server, nonce);
		BearerChallenge challenge = BearerChallenge.parse(challenges).orElse(null);
		String authorization = request.headers().firstValue("Authorization").orElse("");
		String rejected = token(authorization);
		if (response.statusCode() == 401 && challenge != null && !challenge.isDPoP()
				&& authorization.regionMatches(true, 0, DPoP.SCHEME + " ", 0, DPoP.SCHEME.length() + 1)
				&& !BearerChallenge.offersDPoP(challenges)) {
			this.client.dpopRefusedByResource(this.server);
		}
		Mono<OAuthToken> next = principal(context).flatMap((principal) -> switch (response.statusCode()) {
			case 401 -> this.client.handleUnauthorized(this.server, principal, challenge, rejected);
			case 403 -> this.client.handleForbidden(this.server, principal, challenge, rejected);
			default -> Mono.empty();
		});
		return next.map((token) -> true).defaultIfEmpty(false);
	}

	/** The access token of an {@code Authorization: Bearer} or {@code DPoP} header value. */
	private static @Nullable String token(String authorization) {
		for (String scheme : List.of("Bearer ", DPoP.SCHEME + " ")) {
			if (authorization.regionMatches(true, 0, scheme, 0, scheme.length())) {
				return authorization.substring(scheme.length());
			}
		}
		return null;
	}

	/** The nonce the rejected request's DPoP proof carried, if any. */
	private static @Nullable String proofNonce(HttpRequestSnapshot request) {
		String proof = request.headers().firstValue(DPoP.HEADER).orElse(null);
		if (proof == null) {
			return null;
		}
		try {
			Object nonce = SignedJWT.parse(proof).getJWTClaimsSet().getClaim("nonce");
			return Objects.toString(nonce, null);
		}
		catch (ParseException ex) {
			return null;
		}
	}

	private Mono<String> principal(McpTransportContext context) {
		if (this.principal != null) {
			return Mono.just(this.principal);
		}
		return (context.get(PRINCIPAL_CONTEXT_KEY) instanceof String named && !named.isBlank()) ? Mono.just(named)
				: this.client.principal();
	}

	@Override
	public int maxRetries() {
		return MAX_RETRIES;
	}

}
