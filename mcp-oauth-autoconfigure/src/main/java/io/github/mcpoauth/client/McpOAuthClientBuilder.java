package io.github.mcpoauth.client;

import java.time.Clock;
import java.time.Duration;

import io.github.mcpoauth.authorization.UserAgent;
import io.github.mcpoauth.discovery.MetadataDiscoverer;
import io.github.mcpoauth.registration.ClientRegistrar;
import io.github.mcpoauth.registration.ClientRegistrationStore;
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
 * {@link WebClient}, an in-memory store (for tokens and registrations), the system UTC clock, a 60 s clock skew and no
 * user agent (so a new authorization fails with {@code INTERACTION_REQUIRED}).
 */
public final class McpOAuthClientBuilder {

	private WebClient webClient = WebClient.create();

	private TokenStore store = new InMemoryTokenStore();

	private @Nullable ClientRegistrationStore registrations;

	private @Nullable UserAgent userAgent;

	private Clock clock = Clock.systemUTC();

	private Duration clockSkew = OAuthToken.DEFAULT_CLOCK_SKEW;

	private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

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

	/**
	 * @param store where tokens are kept; when it is a {@link ClientRegistrationStore} too
	 * (as every store of this project is) it also keeps the client registrations, unless
	 * {@link #clientRegistrationStore(ClientRegistrationStore)} names another
	 * @return this builder
	 */
	public McpOAuthClientBuilder tokenStore(TokenStore store) {
		Assert.notNull(store, "store cannot be null");
		this.store = store;
		return this;
	}

	/**
	 * @param registrations where client registrations are kept (default: the token store
	 * when it is a {@link ClientRegistrationStore}, otherwise in memory)
	 * @return this builder
	 */
	public McpOAuthClientBuilder clientRegistrationStore(ClientRegistrationStore registrations) {
		Assert.notNull(registrations, "registrations cannot be null");
		this.registrations = registrations;
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

	public McpOAuthClient build() {
		TokenEndpointClient tokenClient = new TokenEndpointClient(this.webClient, this.clock);
		ClientRegistrationStore registrationStore = (this.registrations != null) ? this.registrations
				: (this.store instanceof ClientRegistrationStore both) ? both : new InMemoryTokenStore(this.clock);
		return new McpOAuthClient(new MetadataDiscoverer(this.webClient),
				new ClientRegistrar(this.webClient, registrationStore, this.clock), tokenClient, this.store,
				registrationStore, this.userAgent,
				new CrossAppAccessClient(this.webClient, tokenClient), this.clock, this.clockSkew, this.observationRegistry);
	}

}
