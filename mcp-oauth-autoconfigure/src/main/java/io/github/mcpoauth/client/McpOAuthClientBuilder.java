package io.github.mcpoauth.client;

import java.time.Clock;
import java.time.Duration;

import io.github.mcpoauth.authorization.UserAgent;
import io.github.mcpoauth.discovery.MetadataDiscoverer;
import io.github.mcpoauth.http.BackChannel;
import io.github.mcpoauth.registration.ClientRegistrar;
import io.github.mcpoauth.store.InMemoryTokenStore;
import io.github.mcpoauth.store.TokenStore;
import io.github.mcpoauth.token.OAuthToken;
import io.github.mcpoauth.token.TokenEndpointClient;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Builds a {@link McpOAuthClient}. Every collaborator has a default: a plain
 * {@link WebClient}, an in-memory store, the system UTC clock, a 60 s clock skew and no
 * user agent (so a new authorization fails with {@code INTERACTION_REQUIRED}).
 *
 * <p>The engine never uses the given {@code WebClient} as it is: {@link #build()} derives its
 * back channel from it with {@link BackChannel}, which refuses redirects and insecure URLs
 * and bounds every exchange by {@link #backChannelTimeout(Duration)}.
 */
public final class McpOAuthClientBuilder {

	private WebClient webClient = WebClient.create();

	private TokenStore store = new InMemoryTokenStore();

	private @Nullable UserAgent userAgent;

	private Clock clock = Clock.systemUTC();

	private Duration clockSkew = OAuthToken.DEFAULT_CLOCK_SKEW;

	private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

	private Duration backChannelTimeout = BackChannel.DEFAULT_TIMEOUT;

	McpOAuthClientBuilder() {
	}

	/**
	 * @param webClient the client for metadata, registration and token requests; it must not
	 * carry the MCP authorization filter itself
	 * @return this builder
	 */
	public McpOAuthClientBuilder webClient(WebClient webClient) {
		Assert.notNull(webClient, "webClient cannot be null");
		this.webClient = webClient;
		return this;
	}

	public McpOAuthClientBuilder tokenStore(TokenStore store) {
		Assert.notNull(store, "store cannot be null");
		this.store = store;
		return this;
	}

	public McpOAuthClientBuilder userAgent(@Nullable UserAgent userAgent) {
		this.userAgent = userAgent;
		return this;
	}

	public McpOAuthClientBuilder clock(Clock clock) {
		Assert.notNull(clock, "clock cannot be null");
		this.clock = clock;
		return this;
	}

	/**
	 * @param clockSkew how long before its expiry a token is treated as expired
	 * @return this builder
	 */
	public McpOAuthClientBuilder clockSkew(Duration clockSkew) {
		Assert.isTrue(clockSkew != null && !clockSkew.isNegative(), "clockSkew must be zero or positive");
		this.clockSkew = clockSkew;
		return this;
	}

	/**
	 * @param observationRegistry where authorizations and refreshes are observed (default: none)
	 * @return this builder
	 */
	public McpOAuthClientBuilder observationRegistry(ObservationRegistry observationRegistry) {
		Assert.notNull(observationRegistry, "observationRegistry cannot be null");
		this.observationRegistry = observationRegistry;
		return this;
	}

	/**
	 * @param timeout how long one request to an authorization server (metadata, registration,
	 * token, identity assertion) may take, its answer's body included, before it fails with
	 * {@code TIMEOUT} (default 30 s)
	 * @return this builder
	 */
	public McpOAuthClientBuilder backChannelTimeout(Duration timeout) {
		Assert.isTrue(timeout != null && !timeout.isNegative() && !timeout.isZero(), "backChannelTimeout must be positive");
		this.backChannelTimeout = timeout;
		return this;
	}

	public McpOAuthClient build() {
		WebClient webClient = BackChannel.webClient(this.webClient, this.backChannelTimeout);
		TokenEndpointClient tokenClient = new TokenEndpointClient(webClient, this.clock);
		return new McpOAuthClient(new MetadataDiscoverer(webClient),
				new ClientRegistrar(webClient, this.store, this.clock), tokenClient, this.store, this.userAgent,
				new CrossAppAccessClient(webClient, tokenClient), this.clock, this.clockSkew, this.observationRegistry);
	}

}
