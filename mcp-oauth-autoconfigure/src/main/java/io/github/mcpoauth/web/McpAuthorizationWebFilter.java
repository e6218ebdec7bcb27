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

package io.github.mcpoauth.web;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;

import io.github.mcpoauth.authorization.AuthorizationResponse;
import io.github.mcpoauth.client.McpOAuthClient;
import io.github.mcpoauth.core.McpOAuthErrorCode;
import io.github.mcpoauth.core.McpOAuthException;
import io.github.mcpoauth.core.McpServerDefinition;
import io.github.mcpoauth.core.McpServerRegistry;
import io.github.mcpoauth.web.WebAuthorizationContext.AuthorizationCallbackResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.util.Assert;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.server.WebSession;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The web half of {@link WebAuthorizationCodeGrantProvider}: it sends a signed-in user's
 * browser to an MCP server's authorization server when the user's request needs it, and
 * receives the authorization response at the application's callback path.
 * <ol>
 * <li>Every request runs with its callback URI in the Reactor context
 * ({@link WebAuthorizationContext#withCallback}), so a token that needs the user fails with
 * {@link McpAuthorizationRequiredException} instead of opening a browser on the server.</li>
 * <li>When a request fails with it (as the cause of what the MCP client or the handler
 * raised), the authorization request is kept in the user's {@code WebSession}, with the page
 * to come back to, and the browser is redirected to the authorization server (302; 303 after
 * a request other than {@code GET}).</li>
 * <li>At the callback path ({@code GET}) the response is checked: a request of this browser
 * session ({@code state}, RFC 6749 §10.12), started by the same user, from the same issuer
 * (RFC 9207 §2.4), not an error (RFC 6749 §4.1.2.1). Then the engine redeems the code for
 * that user, replacing the user's tokens for that server, and the browser goes back to the
 * page it came from. Anything else is answered with a short page that says what went wrong,
 * and nothing is stored.</li>
 * </ol>
 * It runs after Spring Security's filter chain ({@link #ORDER}), inside the user's security
 * context.
 */
public final class McpAuthorizationWebFilter implements WebFilter, Ordered {

	/** After Spring Security's {@code WebFilterChainProxy} (order -100). */
	public static final int ORDER = 0;

	/** The default callback path. */
	public static final String DEFAULT_CALLBACK_PATH = "/mcp-oauth/callback";

	private static final Logger logger = LoggerFactory.getLogger(McpAuthorizationWebFilter.class);

	private final McpOAuthClient client;

	private final McpServerRegistry servers;

	private final String callbackPath;

	private final @Nullable URI redirectUri;

	private final PendingAuthorizations pending;

	/**
	 * @param client the engine
	 * @param servers the configured servers
	 * @param callbackPath the application path that receives authorization responses
	 * @param redirectUri the absolute callback URI to send, or {@code null} to build it from
	 * each request's URI and the callback path
	 * @param pendingTimeout how long an authorization may wait for its response
	 * @param clock the clock that judges that time
	 */
	public McpAuthorizationWebFilter(McpOAuthClient client, McpServerRegistry servers, String callbackPath,
			@Nullable URI redirectUri, Duration pendingTimeout, Clock clock) {
		Assert.notNull(client, "client cannot be null");
		Assert.notNull(servers, "servers cannot be null");
		Assert.isTrue(callbackPath.startsWith("/"), "callbackPath must start with '/'");
		Assert.notNull(pendingTimeout, "pendingTimeout cannot be null");
		Assert.notNull(clock, "clock cannot be null");
		this.client = client;
		this.servers = servers;
		this.callbackPath = callbackPath;
		this.redirectUri = redirectUri;
		this.pending = new PendingAuthorizations(pendingTimeout, clock);
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		if (HttpMethod.GET.equals(request.getMethod())
				&& this.callbackPath.equals(request.getPath().pathWithinApplication().value())) {
			return callback(exchange);
		}
		return chain.filter(exchange)
			.contextWrite(WebAuthorizationContext.withCallback(callbackUri(request)))
			.onErrorResume((ex) -> {
				McpAuthorizationRequiredException required = McpAuthorizationRequiredException.find(ex);
				if (required == null || exchange.getResponse().isCommitted()) {
					return Mono.error(ex);
				}
				return sendToAuthorizationServer(exchange, required.getAuthorization());
			});
	}

	private Mono<Void> sendToAuthorizationServer(ServerWebExchange exchange, PendingAuthorization authorization) {
		PendingAuthorization withReturn = authorization.returningTo(returnTo(exchange.getRequest()));
		return exchange.getSession().flatMap((session) -> {
			this.pending.save(session, withReturn);
			logger.debug("Sending user '{}' to {} to authorize MCP server '{}'", withReturn.principal(),
					withReturn.issuer(), withReturn.serverName());
			return redirect(exchange, URI.create(withReturn.authorizationUri()),
					HttpMethod.GET.equals(exchange.getRequest().getMethod()) ? HttpStatus.FOUND : HttpStatus.SEE_OTHER);
		});
	}

	private Mono<Void> callback(ServerWebExchange exchange) {
		ServerHttpRequest request = exchange.getRequest();
		String home = request.getPath().contextPath().value() + "/";
		return exchange.getSession().flatMap((session) -> {
			PendingAuthorization authorization = this.pending.take(session,
					request.getQueryParams().getFirst("state"));
			if (authorization == null) {
				return page(exchange, HttpStatus.BAD_REQUEST, "Unexpected authorization response",
						"No authorization started in this browser session is waiting for this response: it may have "
								+ "expired, been used already, or been started in another browser. Nothing was stored. "
								+ "Start again from the application.",
						home);
			}
			String back = (authorization.returnTo() != null) ? authorization.returnTo() : home;
			return this.client.principal().flatMap((principal) -> {
				if (!principal.equals(authorization.principal())) {
					return page(exchange, HttpStatus.BAD_REQUEST, "Authorization for another user",
							"This authorization was started by another user of the application. Nothing was stored. "
									+ "Start again from the application.",
							back);
				}
				return redeem(exchange, session, authorization, principal, back);
			});
		});
	}

	private Mono<Void> redeem(ServerWebExchange exchange, WebSession session, PendingAuthorization authorization,
			String principal, String back) {
		AuthorizationResponse response;
		try {
			response = AuthorizationResponse.from(exchange.getRequest().getURI(), authorization.state(),
					authorization.issuer(), authorization.issParameterRequired());
		}
		catch (McpOAuthException ex) {
			HttpStatus status = (ex.getErrorCode() == McpOAuthErrorCode.ACCESS_DENIED) ? HttpStatus.FORBIDDEN
					: HttpStatus.BAD_REQUEST;
			return page(exchange, status, "Authorization failed", "MCP server '" + authorization.serverName()
					+ "' was not connected: " + ex.getDetail() + " Nothing was stored.", back);
		}
		McpServerDefinition server = this.servers.find(authorization.serverName()).orElse(null);
		if (server == null) {
			return page(exchange, HttpStatus.BAD_REQUEST, "Authorization failed", "MCP server '"
					+ authorization.serverName() + "' is no longer configured. Nothing was stored.", back);
		}
		AuthorizationCallbackResponse callback = new AuthorizationCallbackResponse(authorization, response.code());
		return this.client.clearTokens(server, principal)
			.then(this.client.ensureAuthenticated(server, principal)
				.contextWrite(WebAuthorizationContext.withResponse(callback)))
			.flatMap((token) -> {
				logger.debug("User '{}' authorized MCP server '{}'", principal, server.name());
				return redirect(exchange, URI.create(back), HttpStatus.FOUND);
			})
			.onErrorResume(McpOAuthException.class, (ex) -> page(exchange, HttpStatus.BAD_GATEWAY,
					"Authorization failed", "Redeeming the authorization of MCP server '" + server.name()
							+ "' failed: " + ex.getDetail() + " Nothing was stored. Start again from the application.",
					back));
	}

	/**
	 * The absolute URI of the callback for a request: the configured one, else the request's
	 * scheme, host and port with the application's context path and the callback path.
	 */
	URI callbackUri(ServerHttpRequest request) {
		if (this.redirectUri != null) {
			return this.redirectUri;
		}
		return UriComponentsBuilder.fromUri(request.getURI())
			.replacePath(request.getPath().contextPath().value() + this.callbackPath)
			.replaceQuery(null)
			.fragment(null)
			.build(true)
			.toUri();
	}

	/**
	 * Where the browser goes after the authorization: the page of a {@code GET}, else the
	 * page that sent the request when it belongs to this application, else the application's
	 * root. Always a path of this application, never another site.
	 */
	private static String returnTo(ServerHttpRequest request) {
		String home = request.getPath().contextPath().value() + "/";
		if (HttpMethod.GET.equals(request.getMethod())) {
			return pathAndQuery(request.getURI(), home);
		}
		String referer = request.getHeaders().getFirst(HttpHeaders.REFERER);
		if (referer != null) {
			try {
				URI from = URI.create(referer);
				URI self = request.getURI();
				if (self.getScheme().equalsIgnoreCase(from.getScheme())
						&& self.getRawAuthority().equalsIgnoreCase(from.getRawAuthority())) {
					return pathAndQuery(from, home);
				}
			}
			catch (IllegalArgumentException ex) {
				// not a URI: the root it is
			}
		}
		return home;
	}

	private static String pathAndQuery(URI uri, String fallback) {
		String path = uri.getRawPath();
		if (path == null || !path.startsWith("/") || path.startsWith("//")) {
			return fallback;
		}
		return (uri.getRawQuery() != null) ? path + "?" + uri.getRawQuery() : path;
	}

	private static Mono<Void> redirect(ServerWebExchange exchange, URI location, HttpStatus status) {
		ServerHttpResponse response = exchange.getResponse();
		response.setStatusCode(status);
		response.getHeaders().setLocation(location);
		response.getHeaders().setCacheControl("no-store");
		return response.setComplete();
	}

	private static Mono<Void> page(ServerWebExchange exchange, HttpStatus status, String title, String message,
			String back) {
		return ResultPage.write(exchange.getResponse(), status, title, message, back);
	}

}
