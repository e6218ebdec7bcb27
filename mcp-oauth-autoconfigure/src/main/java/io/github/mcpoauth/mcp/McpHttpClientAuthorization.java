package io.github.mcpoauth.mcp;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.github.mcpoauth.client.McpOAuthClient;
import io.github.mcpoauth.core.McpServerDefinition;
import io.github.mcpoauth.discovery.BearerChallenge;
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
 * never in the query, RFC 6750 §2.1), and an authorization error handler that answers a
 * 401 with a refresh or a new authorization and a 403 {@code insufficient_scope} with a
 * scope step-up, then lets the transport retry.
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

	/** Tries per request: a refresh or new authorization, then up to three step-ups. */
	private static final int MAX_RETRIES = 4;

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
			.map((token) -> builder.setHeader("Authorization", token.authorizationHeader()))
			.defaultIfEmpty(builder);
	}

	@Override
	public Publisher<Boolean> handle(HttpRequestSnapshot request, HttpResponse.ResponseInfo response,
			McpTransportContext context) {
		BearerChallenge challenge = BearerChallenge.parse(response.headers().allValues("WWW-Authenticate"))
			.orElse(null);
		String rejected = request.headers().firstValue("Authorization")
			.filter((value) -> value.regionMatches(true, 0, "Bearer ", 0, 7))
			.map((value) -> value.substring(7))
			.orElse(null);
		Mono<OAuthToken> next = principal(context).flatMap((principal) -> switch (response.statusCode()) {
			case 401 -> this.client.handleUnauthorized(this.server, principal, challenge, rejected);
			case 403 -> this.client.handleForbidden(this.server, principal, challenge, rejected);
			default -> Mono.empty();
		});
		return next.map((token) -> true).defaultIfEmpty(false);
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
