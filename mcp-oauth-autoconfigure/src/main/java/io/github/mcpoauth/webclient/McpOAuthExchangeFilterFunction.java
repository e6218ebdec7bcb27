package io.github.mcpoauth.webclient;

import java.util.Map;
import java.util.function.Consumer;

import io.github.mcpoauth.client.McpOAuthClient;
import io.github.mcpoauth.core.McpServerDefinition;
import io.github.mcpoauth.core.McpServerRegistry;
import io.github.mcpoauth.discovery.BearerChallenge;
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
 * <li>sends the current token as {@code Authorization: Bearer} (RFC 6750 §2.1), refreshing
 * it first when it has expired; with no token it sends the request as is, so that the
 * server's 401 challenge can name the scope and the protected-resource metadata (MCP
 * authorization, RFC 9728 §5.1);</li>
 * <li>on 401 refreshes the token, or authorizes anew when it cannot, and sends the request
 * once more with its body (RFC 6750 §3.1);</li>
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

	private static final String BEARER_PREFIX = "Bearer ";

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
			return exchange(server, principal, withToken(request, cached), next, 0, false);
		}
		return this.client.currentToken(server, principal)
			.map((token) -> withToken(request, token))
			.defaultIfEmpty(request)
			.flatMap((authorized) -> exchange(server, principal, authorized, next, 0, false));
	}

	private @Nullable McpServerDefinition resolve(ClientRequest request) {
		Object name = request.attribute(SERVER_NAME_ATTRIBUTE).orElse(null);
		if (name != null) {
			return this.servers.get(name.toString());
		}
		return this.servers.match(request.url());
	}

	private Mono<ClientResponse> exchange(McpServerDefinition server, String principal, ClientRequest request,
			ExchangeFunction next, int stepUps, boolean retriedUnauthorized) {
		return next.exchange(request).flatMap((response) -> {
			HttpStatus status = HttpStatus.resolve(response.statusCode().value());
			if (status == HttpStatus.UNAUTHORIZED && !retriedUnauthorized) {
				return response.releaseBody()
					.then(this.client.handleUnauthorized(server, principal, challenge(response), sentToken(request)))
					.flatMap((token) -> exchange(server, principal, withToken(request, token), next, stepUps, true));
			}
			if (status == HttpStatus.FORBIDDEN && stepUps < McpOAuthClient.MAX_STEP_UP_ATTEMPTS) {
				BearerChallenge challenge = challenge(response);
				if (challenge != null && challenge.isInsufficientScope()) {
					return response.releaseBody()
						.then(this.client.handleForbidden(server, principal, challenge, sentToken(request)))
						.flatMap((token) -> exchange(server, principal, withToken(request, token), next,
								stepUps + 1, retriedUnauthorized));
				}
			}
			return Mono.just(response);
		});
	}

	private static @Nullable BearerChallenge challenge(ClientResponse response) {
		return BearerChallenge.parse(response.headers().header(HttpHeaders.WWW_AUTHENTICATE)).orElse(null);
	}

	private static @Nullable String sentToken(ClientRequest request) {
		String header = request.headers().getFirst(HttpHeaders.AUTHORIZATION);
		if (header != null && header.regionMatches(true, 0, BEARER_PREFIX, 0, BEARER_PREFIX.length())) {
			return header.substring(BEARER_PREFIX.length());
		}
		return null;
	}

	private static ClientRequest withToken(ClientRequest request, OAuthToken token) {
		return ClientRequest.from(request)
			.headers((headers) -> headers.set(HttpHeaders.AUTHORIZATION, token.authorizationHeader()))
			.build();
	}

}
