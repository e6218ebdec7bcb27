package io.github.mcpoauth.client;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.github.mcpoauth.authorization.AuthorizationResponse;
import io.github.mcpoauth.authorization.Pkce;
import io.github.mcpoauth.authorization.UserAgent;
import io.github.mcpoauth.core.McpOAuthErrorCode;
import io.github.mcpoauth.core.McpOAuthException;
import io.github.mcpoauth.core.McpServerDefinition;
import io.github.mcpoauth.discovery.BearerChallenge;
import io.github.mcpoauth.discovery.DiscoveredServer;
import io.github.mcpoauth.discovery.MetadataDiscoverer;
import io.github.mcpoauth.discovery.ResourceUris;
import io.github.mcpoauth.registration.ClientRegistrar;
import io.github.mcpoauth.registration.ClientRegistrationStore;
import io.github.mcpoauth.registration.OAuthClientRegistration;
import io.github.mcpoauth.store.TokenKey;
import io.github.mcpoauth.store.TokenStore;
import io.github.mcpoauth.token.OAuthToken;
import io.github.mcpoauth.token.PrivateKeyJwt;
import io.github.mcpoauth.token.TokenEndpointClient;
import io.github.mcpoauth.token.TokenRequest;
import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The authorization engine: for each MCP server it discovers the authorization server,
 * obtains a client registration, runs the authorization, stores the tokens, refreshes them
 * before they expire or when the server rejects them, and steps up scope when the server
 * asks for more.
 *
 * <p>High-level use: {@link #ensureAuthenticated(McpServerDefinition)} (cached, then
 * refreshed, then a new authorization) and {@link #authorizationHeader(McpServerDefinition)};
 * transports call {@link #handleUnauthorized} and {@link #handleForbidden} when a request
 * fails. Requests that need a new token for the same server share one token request.
 *
 * <p>Each authorization and refresh is a Micrometer {@link Observation}
 * ({@value #AUTHORIZATION_OBSERVATION} and {@value #REFRESH_OBSERVATION}, with the server
 * name, the grant type and, on failure, the error code as low-cardinality keys), so an
 * application with Actuator gets timers and failure counts for them.
 *
 * <p>Non-blocking throughout; blocking work (storage, the browser) is moved to
 * {@code Schedulers.boundedElastic()} by the collaborators that do it.
 */
public final class McpOAuthClient {

	/** The most scope step-ups for one server before giving up (MCP scope challenge handling). */
	public static final int MAX_STEP_UP_ATTEMPTS = 3;

	/** The observation of a new authorization (any grant). */
	public static final String AUTHORIZATION_OBSERVATION = "mcp.oauth.authorization";

	/** The observation of a token refresh. */
	public static final String REFRESH_OBSERVATION = "mcp.oauth.refresh";

	private static final Logger logger = LoggerFactory.getLogger(McpOAuthClient.class);

	private final MetadataDiscoverer discoverer;

	private final ClientRegistrar registrar;

	private final TokenEndpointClient tokenClient;

	private final TokenStore store;

	private final ClientRegistrationStore registrations;

	private final @Nullable UserAgent userAgent;

	private final CrossAppAccessClient crossAppAccess;

	private final Clock clock;

	private final Duration clockSkew;

	private final ObservationRegistry observationRegistry;

	private final Map<String, ServerState> states = new ConcurrentHashMap<>();

	McpOAuthClient(MetadataDiscoverer discoverer, ClientRegistrar registrar, TokenEndpointClient tokenClient,
			TokenStore store, ClientRegistrationStore registrations, @Nullable UserAgent userAgent,
			CrossAppAccessClient crossAppAccess, Clock clock, Duration clockSkew,
			ObservationRegistry observationRegistry) {
		this.discoverer = discoverer;
		this.registrar = registrar;
		this.tokenClient = tokenClient;
		this.store = store;
		this.registrations = registrations;
		this.userAgent = userAgent;
		this.crossAppAccess = crossAppAccess;
		this.clock = clock;
		this.clockSkew = clockSkew;
		this.observationRegistry = observationRegistry;
	}

	public static McpOAuthClientBuilder builder() {
		return new McpOAuthClientBuilder();
	}

	/**
	 * A usable token without user interaction: the cached or stored one, refreshed when it
	 * has expired. Empty when there is none, or it cannot be refreshed.
	 * @param server the server
	 * @return the token, or empty
	 */
	public Mono<OAuthToken> currentToken(McpServerDefinition server) {
		ServerState state = state(server);
		return loadToken(server, state).flatMap((token) -> {
			if (!token.isExpired(this.clock, this.clockSkew)) {
				return Mono.just(token);
			}
			if (!token.hasRefreshToken()) {
				return Mono.empty();
			}
			// Loaded again inside the single flight: another caller may have refreshed the token
			// since this one loaded it, and a used refresh token is refused once it has rotated.
			return singleFlight(state, () -> loadToken(server, state).flatMap((current) -> {
				if (!current.isExpired(this.clock, this.clockSkew)) {
					return Mono.just(current);
				}
				return current.hasRefreshToken() ? refresh(server, state, current) : Mono.empty();
			})).onErrorResume(McpOAuthException.class,
					(ex) -> (ex.getErrorCode() == McpOAuthErrorCode.REFRESH_FAILED) ? Mono.empty() : Mono.error(ex));
		});
	}

	/**
	 * The token held in memory for a server, when it can be sent as it is: the per-request
	 * fast path of the WebClient filter, with no I/O and no reactive assembly.
	 * @param server the server
	 * @return the token, or {@code null} when none is held in memory or it has expired; then
	 * {@link #currentToken} loads or refreshes it
	 */
	public @Nullable OAuthToken cachedToken(McpServerDefinition server) {
		ServerState state = this.states.get(server.name());
		OAuthToken token = (state != null && state.url.equals(server.url())) ? state.token : null;
		return (token != null && !token.isExpired(this.clock, this.clockSkew)) ? token : null;
	}

	/**
	 * A usable token: cached, else refreshed, else from a new authorization.
	 * @param server the server
	 * @return the token
	 */
	public Mono<OAuthToken> ensureAuthenticated(McpServerDefinition server) {
		ServerState state = state(server);
		return currentToken(server).switchIfEmpty(Mono.defer(() -> singleFlight(state, () -> {
			// a caller that reaches the single flight just after it ended uses its token instead of
			// starting a second user authorization
			OAuthToken replaced = cachedToken(server);
			return (replaced != null) ? Mono.just(replaced) : authorize(server, state, null, null);
		})));
	}

	/**
	 * @param server the server
	 * @return the {@code Authorization} header value for the server (RFC 6750 §2.1)
	 */
	public Mono<String> authorizationHeader(McpServerDefinition server) {
		return ensureAuthenticated(server).map(OAuthToken::authorizationHeader);
	}

	/**
	 * Reacts to a 401: refreshes the token, or authorizes anew (with the challenge's scope and
	 * resource metadata) when there is nothing to refresh or the refresh token was refused.
	 * When another request already replaced the rejected token, the new one is used.
	 * @param server the server
	 * @param challenge the {@code Bearer} challenge of the 401, if any
	 * @param rejectedAccessToken the access token the server rejected, or {@code null} if none was sent
	 * @return the token to retry with
	 * @see <a href="https://www.rfc-editor.org/rfc/rfc6750#section-3.1">RFC 6750 §3.1</a>
	 */
	public Mono<OAuthToken> handleUnauthorized(McpServerDefinition server, @Nullable BearerChallenge challenge,
			@Nullable String rejectedAccessToken) {
		ServerState state = state(server);
		return singleFlight(state, () -> loadToken(server, state).flatMap((token) -> {
			if (rejectedAccessToken != null && !token.accessToken().equals(rejectedAccessToken)) {
				return Mono.just(token); // already replaced by a concurrent request
			}
			if (rejectedAccessToken == null && !token.isExpired(this.clock, this.clockSkew)) {
				return Mono.just(token);
			}
			if (token.hasRefreshToken()) {
				return refresh(server, state, token).onErrorResume(McpOAuthException.class,
						(ex) -> (ex.getErrorCode() == McpOAuthErrorCode.REFRESH_FAILED)
								? authorize(server, state, challenge, null) : Mono.error(ex));
			}
			return authorize(server, state, challenge, null);
		}).switchIfEmpty(Mono.defer(() -> authorize(server, state, challenge, null))));
	}

	/**
	 * Reacts to a 403: when the challenge is {@code insufficient_scope}, authorizes anew with
	 * the union of the current and the challenged scopes (never a refresh, which cannot widen
	 * scope). Gives up with {@link McpOAuthErrorCode#INSUFFICIENT_SCOPE} when the challenge
	 * asks for nothing the client has not already asked for (another authorization could not
	 * help), and after {@value #MAX_STEP_UP_ATTEMPTS} step-ups for one server.
	 * @param server the server
	 * @param challenge the {@code Bearer} challenge of the 403
	 * @param rejectedAccessToken the access token the server rejected
	 * @return the token to retry with, or empty when the 403 is not about scope
	 * @see <a href="https://www.rfc-editor.org/rfc/rfc6750#section-3.1">RFC 6750 §3.1</a>
	 */
	public Mono<OAuthToken> handleForbidden(McpServerDefinition server, @Nullable BearerChallenge challenge,
			@Nullable String rejectedAccessToken) {
		if (challenge == null || !challenge.isInsufficientScope()) {
			return Mono.empty();
		}
		ServerState state = state(server);
		return singleFlight(state, () -> loadToken(server, state).map(OAuthToken::scopes)
			.defaultIfEmpty(Set.of())
			.flatMap((granted) -> {
				Set<String> known = new LinkedHashSet<>(state.lastRequestedScopes);
				known.addAll(granted);
				Set<String> scopes = new LinkedHashSet<>(known);
				scopes.addAll(challenge.scopes());
				synchronized (state) {
					if (scopes.equals(known) || ++state.stepUpAttempts > MAX_STEP_UP_ATTEMPTS) {
						return Mono.error(new McpOAuthException(McpOAuthErrorCode.INSUFFICIENT_SCOPE, "Server '"
								+ server.name() + "' answers insufficient_scope for " + challenge.scopes()
								+ " although the client already asked for " + known + "."));
					}
				}
				logger.info("Server '{}' needs more scope; authorizing again with {}", server.name(), scopes);
				return authorize(server, state, challenge, scopes);
			}));
	}

	/**
	 * Tells the engine that a request succeeded after a scope step-up, so the count of
	 * step-ups for the server starts again.
	 * @param server the server
	 */
	public void stepUpSucceeded(McpServerDefinition server) {
		ServerState state = state(server);
		synchronized (state) {
			state.stepUpAttempts = 0;
		}
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
	 * Forgets the tokens of a server (the registration is kept).
	 * @param server the server
	 * @return completion
	 */
	public Mono<Void> clearTokens(McpServerDefinition server) {
		ServerState state = state(server);
		state.token = null;
		return this.store.deleteToken(TokenKey.of(server.name())).then();
	}

	/**
	 * Forgets everything stored for a server: its tokens and its client registration at the
	 * authorization server that issued them (and at the one last discovered).
	 * @param server the server
	 * @return whether anything was removed
	 */
	public Mono<Boolean> forget(McpServerDefinition server) {
		ServerState state = state(server);
		Set<String> issuers = new LinkedHashSet<>();
		DiscoveredServer discovered = state.discovered;
		if (discovered != null) {
			issuers.add(discovered.authorizationServer().issuer());
		}
		return this.store.loadToken(TokenKey.of(server.name()))
			.doOnNext((token) -> issuers.add(token.issuer()))
			.then(Mono.defer(() -> {
				state.token = null;
				Mono<Boolean> removed = this.store.deleteToken(TokenKey.of(server.name()));
				for (String issuer : issuers) {
					removed = removed.zipWith(this.registrations.deleteRegistration(server.name(), issuer), Boolean::logicalOr);
				}
				return removed;
			}));
	}

	/**
	 * Discovers (or returns the cached discovery of) a server's authorization metadata.
	 * @param server the server
	 * @param challenge a challenge that may name the resource metadata URL
	 * @return the discovered metadata
	 */
	public Mono<DiscoveredServer> discover(McpServerDefinition server, @Nullable BearerChallenge challenge) {
		ServerState state = state(server);
		DiscoveredServer cached = state.discovered;
		if (cached != null && (challenge == null || challenge.resourceMetadata() == null)) {
			return Mono.just(cached);
		}
		return this.discoverer.discover(server.url(), challenge, server.resource())
			.doOnNext((discovered) -> state.discovered = discovered);
	}

	/**
	 * The state of a server. A name registered again with another URL starts afresh: the token
	 * and discovery of the old URL must never be used for the new one.
	 */
	private ServerState state(McpServerDefinition server) {
		ServerState state = this.states.get(server.name());
		if (state != null && state.url.equals(server.url())) {
			return state;
		}
		return this.states.compute(server.name(),
				(name, existing) -> (existing != null && existing.url.equals(server.url())) ? existing
						: new ServerState(server.url()));
	}

	/**
	 * Whether a stored token was issued for this server: its RFC 8707 resource covers the
	 * server's URL (or is the configured resource override). A token stored under the same
	 * name for another server is never sent (RFC 8707 §2, MCP token audience binding).
	 */
	private static boolean issuedFor(OAuthToken token, McpServerDefinition server) {
		return token.resource().equals(server.resource()) || ResourceUris.covers(token.resource(), server.url());
	}

	private Mono<OAuthToken> loadToken(McpServerDefinition server, ServerState state) {
		OAuthToken cached = state.token;
		if (cached != null) {
			return Mono.just(cached);
		}
		return this.store.loadToken(TokenKey.of(server.name())).filter((token) -> {
			boolean issuedFor = issuedFor(token, server);
			if (!issuedFor) {
				logger.info("The stored token of '{}' was issued for another resource than {}; it is not used",
						server.name(), server.url());
			}
			return issuedFor;
		}).map((token) -> {
			synchronized (state) {
				OAuthToken current = state.token;
				if (current != null) {
					return current; // stored by a concurrent acquisition while the store was read
				}
				state.token = token;
				return token;
			}
		});
	}

	/**
	 * Runs one token acquisition per server at a time; concurrent callers share its result.
	 * A failure is passed to every waiting caller and then forgotten, so it does not poison
	 * later attempts.
	 */
	private Mono<OAuthToken> singleFlight(ServerState state, Supplier<Mono<OAuthToken>> acquisition) {
		return Mono.defer(() -> {
			synchronized (state) {
				Mono<OAuthToken> inFlight = state.inFlight;
				if (inFlight != null) {
					return inFlight;
				}
				// Cleared before the result reaches the callers (doOnTerminate, not doFinally), so a
				// caller that reacts to a failure by starting another acquisition starts a new one.
				Mono<OAuthToken> shared = Mono.defer(acquisition).doOnTerminate(() -> {
					synchronized (state) {
						state.inFlight = null;
					}
				}).cache();
				state.inFlight = shared;
				return shared;
			}
		});
	}

	private Mono<OAuthToken> refresh(McpServerDefinition server, ServerState state, OAuthToken token) {
		return observe(REFRESH_OBSERVATION, server, "refresh_token", discover(server, null).flatMap((discovered) -> {
			if (!discovered.authorizationServer().issuer().equals(token.issuer())) {
				return Mono.error(new McpOAuthException(McpOAuthErrorCode.REFRESH_FAILED,
						"The stored token was issued by another authorization server than the server's current one."));
			}
			return this.registrar.registration(server, discovered.authorizationServer(), server.redirectUri())
				.flatMap((registration) -> this.tokenClient.refresh(tokenRequest(server, discovered, registration, Set.of(), null), token));
		})
			.flatMap((refreshed) -> save(server, state, refreshed))
			.doOnNext((refreshed) -> logger.debug("Refreshed the token of server '{}'", server.name()))
			.onErrorMap(WebClientRequestException.class, McpOAuthClient::unreachable)
			.onErrorResume(McpOAuthException.class, (ex) -> recover(server, state, ex)));
	}

	private static McpOAuthException unreachable(WebClientRequestException ex) {
		return new McpOAuthException(McpOAuthErrorCode.CONNECTION_FAILED,
				"Could not reach " + ex.getMethod() + " " + ex.getUri() + ": " + ex.getMostSpecificCause().getMessage(),
				ex);
	}

	/**
	 * Runs a token acquisition as a Micrometer observation. The observation stops before the
	 * result reaches the caller (not in {@code doFinally}, which runs after it), and every
	 * outcome sets {@code error.code}, so that its meters always carry the same keys.
	 */
	private <T> Mono<T> observe(String name, McpServerDefinition server, String grantType, Mono<T> acquisition) {
		if (this.observationRegistry.isNoop()) {
			return acquisition;
		}
		return Mono.defer(() -> {
			Observation observation = Observation.createNotStarted(name, this.observationRegistry)
				.contextualName(name)
				.lowCardinalityKeyValue("mcp.server", server.name())
				.lowCardinalityKeyValue("grant.type", grantType)
				.start();
			return acquisition
				.doOnSuccess((result) -> observation.lowCardinalityKeyValue(KeyValue.of("error.code", "none")).stop())
				.doOnError((ex) -> observation
					.lowCardinalityKeyValue("error.code",
							(ex instanceof McpOAuthException oauth) ? oauth.getErrorCode().name() : "UNEXPECTED")
					.error(ex)
					.stop())
				.doOnCancel(() -> observation.lowCardinalityKeyValue("error.code", "CANCELLED").stop());
		});
	}

	/** invalid_grant drops the tokens; invalid_client drops the registration (MCP, RFC 6749 §5.2). */
	private Mono<OAuthToken> recover(McpServerDefinition server, ServerState state, McpOAuthException ex) {
		if (ex.getErrorCode() == McpOAuthErrorCode.REFRESH_FAILED) {
			logger.info("The refresh token of server '{}' was refused; the stored tokens are dropped", server.name());
			state.token = null;
			return this.store.deleteToken(TokenKey.of(server.name())).then(Mono.error(ex));
		}
		if (ex.getErrorCode() == McpOAuthErrorCode.INVALID_CLIENT && state.discovered != null) {
			logger.info("The client registration for server '{}' was refused; it is dropped", server.name());
			return this.registrar.forget(server, state.discovered.authorizationServer().issuer()).then(Mono.error(ex));
		}
		return Mono.error(ex);
	}

	private Mono<OAuthToken> authorize(McpServerDefinition server, ServerState state,
			@Nullable BearerChallenge challenge, @Nullable Set<String> scopeOverride) {
		return observe(AUTHORIZATION_OBSERVATION, server, grantTypeName(server), doAuthorize(server, state, challenge, scopeOverride));
	}

	private static String grantTypeName(McpServerDefinition server) {
		return switch (server.grantType()) {
			case AUTHORIZATION_CODE -> "authorization_code";
			case CLIENT_CREDENTIALS -> "client_credentials";
			case CROSS_APP_ACCESS -> "jwt-bearer";
		};
	}

	private Mono<OAuthToken> doAuthorize(McpServerDefinition server, ServerState state,
			@Nullable BearerChallenge challenge, @Nullable Set<String> scopeOverride) {
		return discover(server, challenge).flatMap((discovered) -> {
			Set<String> scopes = (scopeOverride != null) ? scopeOverride
					: !server.scopes().isEmpty() ? server.scopes() : discovered.scopesToRequest(challenge);
			state.lastRequestedScopes = Set.copyOf(scopes);
			return switch (server.grantType()) {
				case CLIENT_CREDENTIALS -> this.registrar
					.registration(server, discovered.authorizationServer(), server.redirectUri())
					.flatMap((registration) -> this.tokenClient
						.clientCredentials(tokenRequest(server, discovered, registration, scopes, null)));
				case CROSS_APP_ACCESS -> this.registrar
					.registration(server, discovered.authorizationServer(), server.redirectUri())
					.flatMap((registration) -> this.crossAppAccess.obtain(Objects.requireNonNull(server.crossApp()),
							tokenRequest(server, discovered, registration, scopes, null)));
				case AUTHORIZATION_CODE -> authorizationCode(server, discovered, scopes);
			};
		}).flatMap((token) -> save(server, state, token))
			.onErrorMap(WebClientRequestException.class, McpOAuthClient::unreachable)
			.onErrorResume(McpOAuthException.class, (ex) -> {
			if (ex.getErrorCode() == McpOAuthErrorCode.INVALID_CLIENT && state.discovered != null) {
				return this.registrar.forget(server, state.discovered.authorizationServer().issuer()).then(Mono.error(ex));
			}
			return Mono.error(ex);
		});
	}

	/**
	 * The authorization-code grant with PKCE S256 (RFC 7636), {@code state} (RFC 6749 §10.12),
	 * {@code resource} (RFC 8707 §2) and the issuer check of RFC 9207.
	 */
	private Mono<OAuthToken> authorizationCode(McpServerDefinition server, DiscoveredServer discovered,
			Set<String> scopes) {
		var metadata = discovered.authorizationServer();
		if (this.userAgent == null) {
			return Mono.error(new McpOAuthException(McpOAuthErrorCode.INTERACTION_REQUIRED,
					"Server '" + server.name() + "' needs a new authorization but no user agent is configured."));
		}
		if (!metadata.supportsS256()) {
			return Mono.error(new McpOAuthException(McpOAuthErrorCode.PKCE_UNSUPPORTED, "The authorization server "
					+ metadata.issuer() + " does not list S256 in code_challenge_methods_supported."));
		}
		URI authorizationEndpoint = metadata.authorizationEndpoint();
		if (authorizationEndpoint == null) {
			return Mono.error(new McpOAuthException(McpOAuthErrorCode.INVALID_METADATA,
					"The authorization server " + metadata.issuer() + " publishes no authorization_endpoint."));
		}
		return Mono.usingWhen(this.userAgent.start(server.redirectUri()), (session) -> {
			URI redirectUri = session.redirectUri();
			return this.registrar.registration(server, metadata, redirectUri).flatMap((registration) -> {
				Pkce pkce = Pkce.generate();
				String stateValue = Pkce.randomUrlSafe(32);
				URI authorizationUri = authorizationUri(authorizationEndpoint, registration, redirectUri, scopes,
						stateValue, pkce, discovered.resource());
				return session.authorize(authorizationUri)
					.map((redirect) -> AuthorizationResponse.from(redirect, stateValue, metadata.issuer(),
							metadata.authorizationResponseIssParameterSupported()))
					.flatMap((response) -> this.tokenClient.authorizationCode(
							tokenRequest(server, discovered, registration, scopes, redirectUri), response.code(),
							pkce.codeVerifier(), authorizationEndpoint));
			});
		}, (session) -> Mono.fromRunnable(session::close));
	}

	static URI authorizationUri(URI endpoint, OAuthClientRegistration registration, URI redirectUri,
			Set<String> scopes, String state, Pkce pkce, String resource) {
		UriComponentsBuilder builder = UriComponentsBuilder.fromUri(endpoint)
			.queryParam("response_type", "code")
			.queryParam("client_id", registration.clientId())
			.queryParam("redirect_uri", redirectUri.toString())
			.queryParam("state", state)
			.queryParam("code_challenge", pkce.codeChallenge())
			.queryParam("code_challenge_method", Pkce.METHOD)
			.queryParam("resource", resource);
		if (!scopes.isEmpty()) {
			builder.queryParam("scope", String.join(" ", scopes));
		}
		return builder.encode().build().toUri();
	}

	private TokenRequest tokenRequest(McpServerDefinition server, DiscoveredServer discovered,
			OAuthClientRegistration registration, Set<String> scopes, @Nullable URI redirectUri) {
		PrivateKeyJwt signer = null;
		if ("private_key_jwt".equals(registration.tokenEndpointAuthMethod()) && server.clientPrivateKey() != null) {
			ServerState state = state(server);
			signer = state.signer;
			if (signer == null) {
				signer = PrivateKeyJwt.fromPem(server.clientPrivateKey(), server.clientPrivateKeyAlgorithm());
				state.signer = signer;
			}
		}
		return new TokenRequest(registration, discovered.authorizationServer().issuer(),
				discovered.authorizationServer().tokenEndpoint(), discovered.resource(), scopes, redirectUri, signer);
	}

	private Mono<OAuthToken> save(McpServerDefinition server, ServerState state, OAuthToken token) {
		synchronized (state) {
			state.token = token;
		}
		return this.store.saveToken(TokenKey.of(server.name()), token).thenReturn(token);
	}

	/** What the engine remembers of one server between requests. */
	private static final class ServerState {

		final URI url;

		ServerState(URI url) {
			this.url = url;
		}

		volatile @Nullable DiscoveredServer discovered;

		volatile @Nullable OAuthToken token;

		volatile @Nullable PrivateKeyJwt signer;

		@Nullable Mono<OAuthToken> inFlight;

		Set<String> lastRequestedScopes = Set.of();

		int stepUpAttempts;

	}

}
