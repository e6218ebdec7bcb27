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

package io.github.mcpoauth.client;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.github.mcpoauth.core.McpOAuthErrorCode;
import io.github.mcpoauth.core.McpOAuthException;
import io.github.mcpoauth.core.McpServerDefinition;
import io.github.mcpoauth.core.McpServerDefinition.DPoPMode;
import io.github.mcpoauth.discovery.AuthorizationServerMetadata;
import io.github.mcpoauth.discovery.BearerChallenge;
import io.github.mcpoauth.discovery.DiscoveredServer;
import io.github.mcpoauth.discovery.MetadataDiscoverer;
import io.github.mcpoauth.discovery.ResourceUris;
import io.github.mcpoauth.dpop.DPoP;
import io.github.mcpoauth.dpop.DPoPKey;
import io.github.mcpoauth.dpop.DPoPNonces;
import io.github.mcpoauth.grant.GrantContext;
import io.github.mcpoauth.grant.GrantFailureHandler;
import io.github.mcpoauth.grant.GrantProvider;
import io.github.mcpoauth.principal.McpPrincipals;
import io.github.mcpoauth.principal.PrincipalResolver;
import io.github.mcpoauth.registration.ClientRegistrar;
import io.github.mcpoauth.registration.ClientRegistrationStore;
import io.github.mcpoauth.store.TokenKey;
import io.github.mcpoauth.store.TokenRefreshLock;
import io.github.mcpoauth.store.TokenStore;
import io.github.mcpoauth.token.OAuthToken;
import io.github.mcpoauth.token.PrivateKeyJwt;
import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.util.Assert;
import org.springframework.web.reactive.function.client.WebClientRequestException;

/**
 * The authorization engine: it knows <em>when</em> a token is needed and leaves <em>how</em>
 * to its {@link GrantProvider grant providers}. For each MCP server and principal it keeps
 * the token in memory, loads it from the {@link TokenStore}, refreshes it before it expires
 * or when the server rejects it, authorizes anew when it must, and steps up scope when the
 * server asks for more. Requests that need a new token for the same server and principal
 * share one token request (single flight).
 *
 * <p>A token belongs to a server and a {@linkplain #principal() principal}: a principal
 * named explicitly ({@link McpPrincipals#withPrincipal(String)}), else the one the
 * {@link PrincipalResolver} finds (by default the Spring Security user of the current
 * reactive request), else the configured default principal. Methods that take no principal
 * resolve it from the subscriber's context.
 *
 * <p>Several processes may share one store. A refresh first reads the store again (another
 * process may have refreshed meanwhile) and runs under the store's
 * {@link TokenRefreshLock} when it has one; a refresh refused with {@code invalid_grant}
 * reads the store once more and retries once with a token another process stored; only a
 * token that is still the refused one is removed (compare-and-delete). A token the
 * authorization server has issued is saved even when the caller cancels, and
 * {@link #close()} waits for such writes.
 *
 * <p>DPoP (RFC 9449, per server {@link McpServerDefinition#dpop()}): when the authorization
 * server supports it, tokens are bound to a key of the server and principal, generated once
 * and then kept with the tokens (so a restart keeps the binding, and later tokens reuse the
 * key). Requests with such a token carry {@code Authorization: DPoP} and a fresh proof from
 * {@link #dpopProof}; the last {@code DPoP-Nonce} of each MCP server goes into its proofs
 * ({@link #rememberDPoPNonce}). In {@code auto}, an MCP server that refuses DPoP-bound tokens
 * gets bearer tokens ({@link #dpopRefusedByResource}).
 *
 * <p>Each authorization and refresh is a Micrometer {@link Observation}
 * ({@value #AUTHORIZATION_OBSERVATION} and {@value #REFRESH_OBSERVATION}, with the server
 * name, the grant type and the error code as low-cardinality keys).
 *
 * <p>Non-blocking throughout; blocking work (storage, the browser) is moved to
 * {@code Schedulers.boundedElastic()} by the collaborators that do it.
 *
 * <pre class="code">
 * McpOAuthClient engine = McpOAuthClient.builder().userAgent(userAgent).tokenStore(store).build();
 * String header = engine.authorizationHeader(server).block();
 * </pre>
 */
public final class McpOAuthClient implements AutoCloseable {

	/**
	 * The most scope step-ups for one request before giving up (MCP scope challenge
	 * handling); transports count per request.
	 */
	public static final int MAX_STEP_UP_ATTEMPTS = 3;

	/** The observation of a new authorization (any grant). */
	public static final String AUTHORIZATION_OBSERVATION = "mcp.oauth.authorization";

	/** The observation of a token refresh. */
	public static final String REFRESH_OBSERVATION = "mcp.oauth.refresh";

	private static final Logger logger = LoggerFactory.getLogger(McpOAuthClient.class);

	private final MetadataDiscoverer discoverer;

	private final ClientRegistrar registrar;

	private final GrantProvider grants;

	private final GrantFailureHandler failureHandler;

	private final TokenStore store;

	private final ClientRegistrationStore registrations;

	private final @Nullable TokenRefreshLock refreshLock;

	private final PrincipalResolver principalResolver;

	private final String defaultPrincipal;

	private final Clock clock;

	private final Duration clockSkew;

	private final AcquisitionObservations observations;

	private final DurableWrites durableWrites;

	private final Map<String, ServerState> servers = new ConcurrentHashMap<>();

	private final Map<TokenKey, TokenState> tokens = new ConcurrentHashMap<>();

	/** The last DPoP nonce of each MCP server, by server name (RFC 9449 §9). */
	private final DPoPNonces resourceNonces = new DPoPNonces();

	McpOAuthClient(McpOAuthClientBuilder builder, MetadataDiscoverer discoverer, ClientRegistrationStore registrations,
			ClientRegistrar registrar, GrantProvider grants, GrantFailureHandler failureHandler) {
		this.registrations = registrations;
		this.discoverer = discoverer;
		this.registrar = registrar;
		this.grants = grants;
		this.failureHandler = failureHandler;
		this.store = builder.store;
		this.refreshLock = builder.refreshLock;
		this.principalResolver = builder.principalResolver;
		this.defaultPrincipal = builder.defaultPrincipal;
		this.clock = builder.clock;
		this.clockSkew = builder.clockSkew;
		this.observations = new AcquisitionObservations(builder.observationRegistry);
		this.durableWrites = new DurableWrites(builder.closeTimeout);
	}

	public static McpOAuthClientBuilder builder() {
		return new McpOAuthClientBuilder();
	}

	/**
	 * The principal of the current subscription: named explicitly in its context
	 * ({@link McpPrincipals#withPrincipal}), else found by the {@link PrincipalResolver},
	 * else the {@linkplain #defaultPrincipal() default principal}.
	 * @return the principal name
	 */
	public Mono<String> principal() {
		return Mono.deferContextual((context) -> {
			String explicit = McpPrincipals.explicitPrincipal(context);
			return (explicit != null) ? Mono.just(explicit)
					: this.principalResolver.resolve(context).defaultIfEmpty(this.defaultPrincipal);
		});
	}

	/**
	 * @return the principal of work that names none (single-user applications, the CLI,
	 * background jobs)
	 */
	public String defaultPrincipal() {
		return this.defaultPrincipal;
	}

	/**
	 * A usable token without user interaction, for the current {@linkplain #principal()
	 * principal}: the cached or stored one, refreshed when it has expired. Empty when there
	 * is none, or it cannot be refreshed.
	 * @param server the server
	 * @return the token, or empty
	 */
	public Mono<OAuthToken> currentToken(McpServerDefinition server) {
		return principal().flatMap((principal) -> currentToken(server, principal));
	}

	/**
	 * A usable token without user interaction: the cached or stored one, refreshed when it
	 * has expired. Empty when there is none, or it cannot be refreshed.
	 * @param server the server
	 * @param principal the principal
	 * @return the token, or empty
	 */
	public Mono<OAuthToken> currentToken(McpServerDefinition server, String principal) {
		TokenState state = state(server, principal);
		return loadToken(server, state).flatMap((token) -> {
			if (!isExpired(token)) {
				return Mono.just(token);
			}
			// another process may have stored a new token; else refresh, when there is a refresh token
			return state.singleFlight(() -> refreshShared(server, state, token, false))
				.onErrorResume(McpOAuthException.class,
						(ex) -> refreshRefused(ex, server, token) ? Mono.empty() : Mono.error(ex));
		});
	}

	/**
	 * The token held in memory for the {@linkplain #defaultPrincipal() default principal}.
	 * @param server the server
	 * @return the token, or {@code null}
	 * @see #cachedToken(McpServerDefinition, String)
	 */
	public @Nullable OAuthToken cachedToken(McpServerDefinition server) {
		return cachedToken(server, this.defaultPrincipal);
	}

	/**
	 * The token held in memory for a server and principal, when it can be sent as it is: the
	 * per-request fast path of the WebClient filter, with no I/O and no reactive assembly.
	 * @param server the server
	 * @param principal the principal
	 * @return the token, or {@code null} when none is held in memory or it has expired; then
	 * {@link #currentToken} loads or refreshes it
	 */
	public @Nullable OAuthToken cachedToken(McpServerDefinition server, String principal) {
		TokenState state = this.tokens.get(new TokenKey(server.name(), principal));
		OAuthToken token = (state != null && state.url.equals(server.url())) ? state.token : null;
		return (token != null && !isExpired(token)) ? token : null;
	}

	/**
	 * A usable token for the current {@linkplain #principal() principal}: cached, else
	 * refreshed, else from a new authorization.
	 * @param server the server
	 * @return the token
	 */
	public Mono<OAuthToken> ensureAuthenticated(McpServerDefinition server) {
		return principal().flatMap((principal) -> ensureAuthenticated(server, principal));
	}

	/**
	 * A usable token: cached, else refreshed, else from a new authorization.
	 * @param server the server
	 * @param principal the principal
	 * @return the token
	 */
	public Mono<OAuthToken> ensureAuthenticated(McpServerDefinition server, String principal) {
		TokenState state = state(server, principal);
		return currentToken(server, principal).switchIfEmpty(Mono.defer(() -> state.singleFlight(() -> {
			// a caller that reaches the single flight just after it ended uses its token instead of
			// starting a second authorization
			OAuthToken replaced = cachedToken(server, principal);
			return (replaced != null) ? Mono.just(replaced) : authorize(server, state, null, null);
		})));
	}

	/**
	 * The {@code Authorization} header value for the server and the current principal
	 * (RFC 6750 §2.1). For a DPoP-bound token ({@code DPoP <token>}) the request needs a proof
	 * too: use {@link #ensureAuthenticated} and {@link #dpopProof}.
	 * @param server the server
	 * @return the header value
	 */
	public Mono<String> authorizationHeader(McpServerDefinition server) {
		return ensureAuthenticated(server).map(OAuthToken::authorizationHeader);
	}

	/**
	 * A fresh DPoP proof for one request to an MCP server with a DPoP-bound token: signed with
	 * the token's key, with the request's method and URI, the token's hash ({@code ath}) and
	 * the server's last nonce (RFC 9449 §4.2, §7.1, §9). Send it in the {@code DPoP} header next
	 * to {@code Authorization: DPoP <token>} ({@link OAuthToken#authorizationHeader()}). A proof
	 * is good for one request: make a new one for each, retries included. Its {@code iat} is
	 * the system time, whatever clock the engine judges expiry with. Signing is CPU work only
	 * (no I/O).
	 * @param server the server the request goes to
	 * @param token the token the request carries; {@link OAuthToken#isDPoP()}
	 * @param method the request method
	 * @param uri the request URI
	 * @return the value of the {@code DPoP} header
	 * @see <a href="https://www.rfc-editor.org/rfc/rfc9449#section-7.1">RFC 9449 §7.1</a>
	 */
	public String dpopProof(McpServerDefinition server, OAuthToken token, String method, URI uri) {
		DPoPKey key = token.dpopKey();
		Assert.state(key != null, "the token is not bound to a DPoP key");
		// the real time: the server judges iat by its clock, not by the one expiry is judged with
		return key.proof(method, uri, token.accessToken(), this.resourceNonces.get(server.name()), Instant.now());
	}

	/**
	 * Notes that an MCP server refused a DPoP-bound token with a {@code Bearer} challenge and
	 * no {@code DPoP} one: it does not accept DPoP (RFC 9449 §7.1), although its authorization
	 * server issues such tokens (as Spring Authorization Server does by default, in front of a
	 * resource server that only takes bearer tokens). With {@code dpop: auto} the server's next
	 * tokens are bearer tokens, for as long as this engine runs; with {@code required} nothing
	 * changes and the request fails.
	 * @param server the server
	 */
	public void dpopRefusedByResource(McpServerDefinition server) {
		ServerState state = serverState(server);
		if (server.dpop() == DPoPMode.AUTO && !state.bearerOnly) {
			state.bearerOnly = true;
			logger.warn("Server '{}' refused a DPoP-bound token with a Bearer challenge: it does not accept DPoP; "
					+ "using bearer tokens with it (set its 'dpop' to 'off' to skip DPoP, or to 'required' to fail "
					+ "instead)", server.name());
		}
	}

	/**
	 * Remembers the nonce an MCP server sent in a {@code DPoP-Nonce} header, for the proofs of
	 * the next requests to it (RFC 9449 §9).
	 * @param server the server
	 * @param nonce the header's value; {@code null} is ignored
	 * @return whether the nonce is new: a request refused with {@code use_dpop_nonce} is worth
	 * sending once more only then
	 */
	public boolean rememberDPoPNonce(McpServerDefinition server, @Nullable String nonce) {
		return this.resourceNonces.remember(server.name(), nonce);
	}

	/**
	 * Reacts to a 401 for the current {@linkplain #principal() principal}.
	 * @param server the server
	 * @param challenge the challenge of the 401, if any
	 * @param rejectedAccessToken the access token the server rejected, or {@code null}
	 * @return the token to retry with
	 * @see #handleUnauthorized(McpServerDefinition, String, BearerChallenge, String)
	 */
	public Mono<OAuthToken> handleUnauthorized(McpServerDefinition server, @Nullable BearerChallenge challenge,
			@Nullable String rejectedAccessToken) {
		return principal().flatMap((principal) -> handleUnauthorized(server, principal, challenge, rejectedAccessToken));
	}

	/**
	 * Reacts to a 401: refreshes the token, or authorizes anew (with the challenge's scope and
	 * resource metadata) when there is nothing to refresh or the refresh token was refused.
	 * When another request, or another process, already replaced the rejected token, the new
	 * one is used.
	 * @param server the server
	 * @param principal the principal
	 * @param challenge the challenge of the 401, if any
	 * @param rejectedAccessToken the access token the server rejected, or {@code null} if none was sent
	 * @return the token to retry with
	 * @see <a href="https://www.rfc-editor.org/rfc/rfc6750#section-3.1">RFC 6750 §3.1</a>
	 */
	public Mono<OAuthToken> handleUnauthorized(McpServerDefinition server, String principal,
			@Nullable BearerChallenge challenge, @Nullable String rejectedAccessToken) {
		TokenState state = state(server, principal);
		return state.singleFlight(() -> loadToken(server, state).flatMap((token) -> {
			if (rejectedAccessToken != null && !token.accessToken().equals(rejectedAccessToken)) {
				return Mono.just(token); // already replaced by a concurrent request
			}
			if (rejectedAccessToken == null && !isExpired(token)) {
				return Mono.just(token);
			}
			return refreshShared(server, state, token, rejectedAccessToken != null)
				.onErrorResume(McpOAuthException.class,
						(ex) -> refreshRefused(ex, server, token) ? Mono.empty() : Mono.error(ex))
				.switchIfEmpty(Mono.defer(() -> authorize(server, state, challenge, null)));
		}).switchIfEmpty(Mono.defer(() -> authorize(server, state, challenge, null))));
	}

	/**
	 * Reacts to a 403 for the current {@linkplain #principal() principal}.
	 * @param server the server
	 * @param challenge the challenge of the 403
	 * @param rejectedAccessToken the access token the server rejected
	 * @return the token to retry with, or empty when the 403 is not about scope
	 * @see #handleForbidden(McpServerDefinition, String, BearerChallenge, String)
	 */
	public Mono<OAuthToken> handleForbidden(McpServerDefinition server, @Nullable BearerChallenge challenge,
			@Nullable String rejectedAccessToken) {
		return principal().flatMap((principal) -> handleForbidden(server, principal, challenge, rejectedAccessToken));
	}

	/**
	 * Reacts to a 403: when the challenge is {@code insufficient_scope}, authorizes anew with
	 * the union of the scopes asked for before, the granted ones and the challenged ones
	 * (MCP SEP-2350; never a refresh, which cannot widen scope). Gives up with
	 * {@link McpOAuthErrorCode#INSUFFICIENT_SCOPE} when the challenge asks for nothing the
	 * client has not already asked for, as another authorization could not help. The number
	 * of step-ups is bounded per request by the transports
	 * ({@value #MAX_STEP_UP_ATTEMPTS}), not over the application's lifetime.
	 * @param server the server
	 * @param principal the principal
	 * @param challenge the challenge of the 403
	 * @param rejectedAccessToken the access token the server rejected
	 * @return the token to retry with, or empty when the 403 is not about scope
	 * @see <a href="https://www.rfc-editor.org/rfc/rfc6750#section-3.1">RFC 6750 §3.1</a>
	 */
	public Mono<OAuthToken> handleForbidden(McpServerDefinition server, String principal,
			@Nullable BearerChallenge challenge, @Nullable String rejectedAccessToken) {
		if (challenge == null || !challenge.isInsufficientScope()) {
			return Mono.empty();
		}
		TokenState state = state(server, principal);
		return state.singleFlight(() -> loadToken(server, state).map(OAuthToken::scopes)
			.defaultIfEmpty(Set.of())
			.flatMap((granted) -> {
				Set<String> known = new LinkedHashSet<>(state.lastRequestedScopes);
				known.addAll(granted);
				Set<String> scopes = new LinkedHashSet<>(known);
				scopes.addAll(challenge.scopes());
				if (scopes.equals(known)) {
					return Mono.error(new McpOAuthException(McpOAuthErrorCode.INSUFFICIENT_SCOPE, "Server '"
							+ server.name() + "' answers insufficient_scope for " + challenge.scopes()
							+ " although the client already asked for " + known + "."));
				}
				logger.info("Server '{}' needs more scope; authorizing again with {}", server.name(), scopes);
				return authorize(server, state, challenge, scopes);
			}));
	}

	/**
	 * @return the clock the engine judges expiry with
	 */
	public Clock clock() {
		return this.clock;
	}

	/**
	 * @return how long before its expiry a token is treated as expired
	 */
	public Duration clockSkew() {
		return this.clockSkew;
	}

	/**
	 * @return the token store
	 */
	public TokenStore tokenStore() {
		return this.store;
	}

	/**
	 * @return the client-registration store
	 */
	public ClientRegistrationStore clientRegistrationStore() {
		return this.registrations;
	}

	/**
	 * Forgets the tokens of a server for the default principal (the registration is kept).
	 * @param server the server
	 * @return completion
	 */
	public Mono<Void> clearTokens(McpServerDefinition server) {
		return clearTokens(server, this.defaultPrincipal);
	}

	/**
	 * Forgets the tokens of a server for one principal (the registration is kept).
	 * @param server the server
	 * @param principal the principal
	 * @return completion
	 */
	public Mono<Void> clearTokens(McpServerDefinition server, String principal) {
		TokenState state = state(server, principal);
		state.token = null;
		return this.store.deleteToken(state.key).then();
	}

	/**
	 * Forgets everything stored for a server: the default principal's tokens, and every
	 * client registration of the server (dynamic registrations, and the issuer binding of
	 * pre-registered credentials).
	 * @param server the server
	 * @return whether anything was removed
	 */
	public Mono<Boolean> forget(McpServerDefinition server) {
		TokenState state = state(server, this.defaultPrincipal);
		state.token = null;
		serverState(server).discovered = null;
		return this.store.deleteToken(state.key).zipWith(this.registrar.forgetAll(server), Boolean::logicalOr);
	}

	/**
	 * Remembers a server's pre-registered client (its id, secret and authentication method)
	 * in the client-registration store, as its registration with the authorization server
	 * the server names: a later definition of the server without client settings uses it.
	 * For applications that keep a client secret in secret storage rather than in their
	 * configuration, such as a command line given {@code --client-secret}.
	 * <pre class="code">
	 * McpServerDefinition server = McpServerDefinition.builder("sample", url)
	 * 	.clientId("static-mcp-client-001")
	 * 	.clientSecret(secret)
	 * 	.build();
	 * RememberedClient remembered = client.rememberClient(server).block();
	 * </pre>
	 * @param server the server, with its client id and secret
	 * @return the registration stored, and the one it replaced (if any)
	 */
	public Mono<ClientRegistrar.RememberedClient> rememberClient(McpServerDefinition server) {
		return discover(server, null)
			.flatMap((discovered) -> this.registrar.remember(server, discovered.authorizationServer()));
	}

	/**
	 * Discovers (or returns the cached discovery of) a server's authorization metadata.
	 * @param server the server
	 * @param challenge a challenge that may name the resource metadata URL
	 * @return the discovered metadata
	 */
	public Mono<DiscoveredServer> discover(McpServerDefinition server, @Nullable BearerChallenge challenge) {
		ServerState state = serverState(server);
		DiscoveredServer cached = state.discovered;
		if (cached != null && (challenge == null || challenge.resourceMetadata() == null)) {
			return Mono.just(cached);
		}
		return this.discoverer.discover(server.url(), challenge, server.resource())
			.doOnNext((discovered) -> state.discovered = discovered);
	}

	/**
	 * Waits, at most the configured close timeout, for tokens the authorization server has
	 * issued to be saved: a rotated refresh token that was not saved would be lost.
	 */
	@Override
	public void close() {
		this.durableWrites.await();
	}

	private boolean isExpired(OAuthToken token) {
		return token.isExpired(this.clock, this.clockSkew);
	}

	/**
	 * The state of a server. A name registered again with another URL starts afresh: the
	 * discovery of the old URL must never be used for the new one.
	 */
	private ServerState serverState(McpServerDefinition server) {
		ServerState state = this.servers.get(server.name());
		if (state != null && state.url.equals(server.url())) {
			return state;
		}
		return this.servers.compute(server.name(),
				(name, existing) -> (existing != null && existing.url.equals(server.url())) ? existing
						: new ServerState(server.url()));
	}

	/** The state of a server and principal; a server name with another URL starts afresh. */
	private TokenState state(McpServerDefinition server, String principal) {
		TokenKey key = new TokenKey(server.name(), principal);
		TokenState state = this.tokens.get(key);
		if (state != null && state.url.equals(server.url())) {
			return state;
		}
		return this.tokens.compute(key, (k, existing) -> (existing != null && existing.url.equals(server.url()))
				? existing : new TokenState(k, server.url()));
	}

	/**
	 * Whether a stored token was issued for this server: its RFC 8707 resource covers the
	 * server's URL (or is the configured resource override). A token stored under the same
	 * name for another server is never sent (RFC 8707 §2, MCP token audience binding).
	 */
	private static boolean issuedFor(OAuthToken token, McpServerDefinition server) {
		return token.resource().equals(server.resource()) || ResourceUris.covers(token.resource(), server.url());
	}

	private Mono<OAuthToken> loadToken(McpServerDefinition server, TokenState state) {
		OAuthToken cached = state.token;
		if (cached != null) {
			return Mono.just(cached);
		}
		// a token stored by a concurrent acquisition while the store was read wins
		return readStored(server, state).map(state::holdIfNone);
	}

	/** The token in the store (not the one in memory), when it was issued for this server. */
	private Mono<OAuthToken> readStored(McpServerDefinition server, TokenState state) {
		return this.store.loadToken(state.key).filter((token) -> {
			boolean issuedFor = issuedFor(token, server);
			if (!issuedFor) {
				logger.info("The stored token of '{}' was issued for another resource than {}; it is not used",
						server.name(), server.url());
			}
			return issuedFor;
		});
	}

	/**
	 * Refreshes {@code stale} unless another process got there first: under the store's
	 * refresh lock (when it has one), reads the store again and uses a newer usable token
	 * it finds there; refreshes the stored token otherwise. Empty when nothing can be
	 * refreshed.
	 * @param rejected whether the server rejected {@code stale} (then a stored token equal to
	 * it is refreshed even though it has not expired)
	 */
	private Mono<OAuthToken> refreshShared(McpServerDefinition server, TokenState state, OAuthToken stale,
			boolean rejected) {
		Mono<OAuthToken> refresh = readStored(server, state).flatMap((stored) -> {
			if (!stored.accessToken().equals(stale.accessToken()) && !isExpired(stored)) {
				logger.debug("Server '{}': using the token another process stored", server.name());
				return adopt(state, stored);
			}
			if (!rejected && !isExpired(stored)) {
				return adopt(state, stored);
			}
			return stored.hasRefreshToken() ? refresh(server, state, stored, true) : Mono.<OAuthToken>empty();
		}).switchIfEmpty(Mono.defer(() -> {
			// nothing stored any more: another process (or the user) removed it; do not revive it
			state.forgetIf(stale.accessToken());
			return Mono.empty();
		}));
		return (this.refreshLock != null) ? this.refreshLock.withLock(state.key, refresh) : refresh;
	}

	private Mono<OAuthToken> adopt(TokenState state, OAuthToken token) {
		return Mono.just(state.hold(token));
	}

	/**
	 * One refresh of {@code token} with the refresh-token provider. When it is refused with
	 * {@code invalid_grant}, the store is read again: a token another process stored since
	 * is used (and refreshed once more when it has expired too); only when the store still
	 * holds the refused token does the {@link GrantFailureHandler} remove it.
	 */
	private Mono<OAuthToken> refresh(McpServerDefinition server, TokenState state, OAuthToken token,
			boolean retryAllowed) {
		return this.observations.observe(REFRESH_OBSERVATION, server, "refresh_token", discover(server, null).flatMap((discovered) -> {
			if (!discovered.authorizationServer().issuer().equals(token.issuer())) {
				// MCP SEP-2352: a refresh token never goes to another authorization server
				return Mono.error(new McpOAuthException(McpOAuthErrorCode.REFRESH_FAILED,
						"The stored token of server '" + server.name() + "' was issued by " + token.issuer()
								+ ", not by its current authorization server "
								+ discovered.authorizationServer().issuer() + "; authorize again."));
			}
			return dpopKey(server, state, discovered.authorizationServer()).map(Optional::of)
				.defaultIfEmpty(Optional.empty())
				.flatMap((key) -> {
					GrantContext context = context(server, state, discovered, Set.of(), null).token(token)
						.dpopKey(key.orElse(null))
						.build();
					Mono<OAuthToken> obtained = this.grants.obtain(context)
						.switchIfEmpty(Mono.error(() -> new McpOAuthException(McpOAuthErrorCode.REFRESH_FAILED,
								"No grant provider refreshes the token of server '" + server.name() + "'.")))
						.map((refreshed) -> checkBinding(server, context, refreshed))
						.flatMap((refreshed) -> save(state, refreshed));
					return this.durableWrites.run(obtained)
						.onErrorMap(WebClientRequestException.class, McpOAuthClient::unreachable)
						.onErrorResume(McpOAuthException.class, (ex) -> recover(server, state, context, ex, retryAllowed));
				});
		})).doOnNext((refreshed) -> logger.debug("Refreshed the token of server '{}'", server.name()));
	}

	private Mono<OAuthToken> recover(McpServerDefinition server, TokenState state, GrantContext context,
			McpOAuthException ex, boolean retryAllowed) {
		OAuthToken refused = context.token();
		if (ex.getErrorCode() != McpOAuthErrorCode.REFRESH_FAILED || refused == null) {
			return this.failureHandler.onFailure(ex, context).then(Mono.error(ex));
		}
		return readStored(server, state).flatMap((stored) -> {
			if (stored.accessToken().equals(refused.accessToken())) {
				return Mono.<OAuthToken>empty();
			}
			if (!isExpired(stored)) {
				logger.debug("Server '{}': the refused refresh token was already replaced; using the new token",
						server.name());
				return adopt(state, stored);
			}
			return (retryAllowed && stored.hasRefreshToken()) ? refresh(server, state, stored, false)
					: Mono.<OAuthToken>empty();
		}).switchIfEmpty(Mono.defer(() -> {
			state.forgetIf(refused.accessToken());
			return this.failureHandler.onFailure(ex, context).then(Mono.error(ex));
		}));
	}

	private static McpOAuthException unreachable(WebClientRequestException ex) {
		return new McpOAuthException(McpOAuthErrorCode.CONNECTION_FAILED,
				"Could not reach " + ex.getMethod() + " " + ex.getUri() + ": " + ex.getMostSpecificCause().getMessage(),
				ex);
	}

	/** A new authorization with the grant providers, for the server's configured grant. */
	private Mono<OAuthToken> authorize(McpServerDefinition server, TokenState state,
			@Nullable BearerChallenge challenge, @Nullable Set<String> scopeOverride) {
		Mono<OAuthToken> authorization = discover(server, challenge).flatMap((discovered) -> {
			Set<String> scopes = (scopeOverride != null) ? scopeOverride
					: !server.scopes().isEmpty() ? server.scopes() : discovered.scopesToRequest(challenge);
			state.lastRequestedScopes = Set.copyOf(scopes);
			return dpopKey(server, state, discovered.authorizationServer()).map(Optional::of)
				.defaultIfEmpty(Optional.empty())
				.flatMap((key) -> {
					GrantContext context = context(server, state, discovered, scopes, challenge)
						.dpopKey(key.orElse(null))
						.build();
					return this.grants.obtain(context)
						.switchIfEmpty(Mono.error(() -> new McpOAuthException(McpOAuthErrorCode.INVALID_CONFIGURATION,
								"No grant provider obtains tokens with the " + grantTypeName(server)
										+ " grant of server '" + server.name() + "'.")))
						.map((token) -> checkBinding(server, context, token))
						.onErrorMap(WebClientRequestException.class, McpOAuthClient::unreachable)
						.onErrorResume(McpOAuthException.class,
								(ex) -> this.failureHandler.onFailure(ex, context).then(Mono.error(ex)));
				});
		}).flatMap((token) -> save(state, token));
		return this.observations.observe(AUTHORIZATION_OBSERVATION, server, grantTypeName(server), authorization);
	}

	private GrantContext.Builder context(McpServerDefinition server, TokenState state, DiscoveredServer discovered,
			Set<String> scopes, @Nullable BearerChallenge challenge) {
		return GrantContext.builder(server, state.key.principal(), discovered)
			.scopes(scopes)
			.challenge(challenge)
			.registrations((redirectUri) -> this.registrar.registration(server, discovered.authorizationServer(),
					redirectUri))
			.clientAssertionSigner(signer(server));
	}

	/**
	 * Whether a failed refresh means "no usable token" (a new authorization may follow)
	 * rather than an error to report: the refresh token was refused, or a DPoP-bound token is
	 * being replaced by a bearer token and the authorization server refused the refresh without
	 * a proof, as it does when it bound the refresh token too (RFC 9449 §5).
	 */
	private boolean refreshRefused(McpOAuthException ex, McpServerDefinition server, OAuthToken token) {
		if (ex.getErrorCode() == McpOAuthErrorCode.REFRESH_FAILED) {
			return true;
		}
		boolean leavingDPoP = token.isDPoP() && (server.dpop() == DPoPMode.OFF
				|| (server.dpop() == DPoPMode.AUTO && serverState(server).bearerOnly));
		return leavingDPoP && ex.getErrorCode() == McpOAuthErrorCode.TOKEN_REQUEST_FAILED;
	}

	/**
	 * The DPoP key for a token request to this authorization server, or empty for a bearer
	 * token (RFC 9449 §5): none when DPoP is off, or (in {@code auto}) when the server lists no
	 * algorithm this client signs with; else the key of this server and principal when the
	 * server accepts its algorithm, else a new key (generated on {@code boundedElastic}).
	 */
	private Mono<DPoPKey> dpopKey(McpServerDefinition server, TokenState state, AuthorizationServerMetadata metadata) {
		if (server.dpop() == DPoPMode.OFF || (server.dpop() == DPoPMode.AUTO && serverState(server).bearerOnly)) {
			return Mono.empty();
		}
		String algorithm = DPoP.chooseAlgorithm(metadata.dpopSigningAlgValuesSupported());
		if (algorithm == null) {
			if (server.dpop() == DPoPMode.REQUIRED) {
				return Mono.error(new McpOAuthException(McpOAuthErrorCode.DPOP_UNSUPPORTED, "Server '" + server.name()
						+ "' requires DPoP (dpop: required), but its authorization server " + metadata.issuer()
						+ (metadata.supportsDPoP()
								? " accepts only DPoP proofs signed with " + metadata.dpopSigningAlgValuesSupported()
										+ ", none of " + DPoP.ALGORITHMS + "."
								: " does not list " + DPoP.SIGNING_ALG_VALUES_SUPPORTED + " (RFC 9449 §5.1).")));
			}
			return Mono.empty();
		}
		DPoPKey existing = state.dpopKey;
		if (existing != null && metadata.dpopSigningAlgValuesSupported().contains(existing.algorithm())) {
			return Mono.just(existing);
		}
		return Mono.fromCallable(() -> DPoPKey.generate(algorithm)).subscribeOn(Schedulers.boundedElastic())
			.doOnNext((key) -> {
				logger.debug("Server '{}': new {} DPoP key {}", server.name(), algorithm, key.thumbprint());
				state.dpopKey = key;
			});
	}

	/**
	 * Keeps the DPoP key with the token (also when the server issued a bearer token, so that
	 * later tokens use the same key), and refuses a bearer token when DPoP is required.
	 */
	private static OAuthToken checkBinding(McpServerDefinition server, GrantContext context, OAuthToken token) {
		if (server.dpop() == DPoPMode.REQUIRED && !token.isDPoP()) {
			throw new McpOAuthException(McpOAuthErrorCode.DPOP_UNSUPPORTED, "Server '" + server.name()
					+ "' requires DPoP (dpop: required), but its authorization server issued a " + token.tokenType()
					+ " token, not a DPoP-bound one (RFC 9449 §5).");
		}
		return (token.dpopKey() == null && context.dpopKey() != null) ? token.withDPoPKey(context.dpopKey()) : token;
	}

	private @Nullable PrivateKeyJwt signer(McpServerDefinition server) {
		String pem = server.clientPrivateKey();
		if (pem == null) {
			return null;
		}
		ServerState state = serverState(server);
		PrivateKeyJwt signer = state.signer;
		if (signer == null) {
			signer = PrivateKeyJwt.fromPem(pem, server.clientPrivateKeyAlgorithm());
			state.signer = signer;
		}
		return signer;
	}

	private static String grantTypeName(McpServerDefinition server) {
		return switch (server.grantType()) {
			case AUTHORIZATION_CODE -> "authorization_code";
			case CLIENT_CREDENTIALS -> "client_credentials";
			case CROSS_APP_ACCESS, WORKLOAD_IDENTITY -> "jwt-bearer";
		};
	}

	private Mono<OAuthToken> save(TokenState state, OAuthToken token) {
		return this.store.saveToken(state.key, state.hold(token)).thenReturn(token);
	}

	/** What the engine remembers of one server: its URL, discovery, client key and DPoP support. */
	private static final class ServerState {

		final URI url;

		volatile @Nullable DiscoveredServer discovered;

		volatile @Nullable PrivateKeyJwt signer;

		/** The MCP server refused a DPoP-bound token: it only takes bearer tokens. */
		volatile boolean bearerOnly;

		ServerState(URI url) {
			this.url = url;
		}

	}

}
