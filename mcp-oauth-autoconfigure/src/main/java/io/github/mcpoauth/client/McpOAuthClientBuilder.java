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

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.mcpoauth.authorization.UserAgent;
import io.github.mcpoauth.discovery.MetadataDiscoverer;
import io.github.mcpoauth.grant.AuthorizationCodeGrantProvider;
import io.github.mcpoauth.grant.ClientCredentialsGrantProvider;
import io.github.mcpoauth.grant.DelegatingGrantProvider;
import io.github.mcpoauth.grant.EnterpriseManagedGrantProvider;
import io.github.mcpoauth.grant.GrantFailureHandler;
import io.github.mcpoauth.grant.GrantProvider;
import io.github.mcpoauth.grant.RefreshTokenGrantProvider;
import io.github.mcpoauth.grant.RemovingGrantFailureHandler;
import io.github.mcpoauth.grant.WorkloadIdentityGrantProvider;
import io.github.mcpoauth.principal.PrincipalResolver;
import io.github.mcpoauth.principal.SecurityContextPrincipalResolver;
import io.github.mcpoauth.http.BackChannel;
import io.github.mcpoauth.registration.ClientRegistrar;
import io.github.mcpoauth.registration.ClientRegistrationStore;
import io.github.mcpoauth.store.InMemoryTokenStore;
import io.github.mcpoauth.store.TokenKey;
import io.github.mcpoauth.store.TokenRefreshLock;
import io.github.mcpoauth.store.TokenStore;
import io.github.mcpoauth.token.OAuthToken;
import io.github.mcpoauth.token.TokenEndpointClient;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Builds a {@link McpOAuthClient}. Every collaborator has a default: a plain
 * {@link WebClient}, an in-memory store, the grant providers of this library (refresh
 * token, authorization code, client credentials, enterprise-managed jwt-bearer, workload
 * identity), the
 * {@link RemovingGrantFailureHandler}, the Spring Security principal resolver, the default
 * principal {@value TokenKey#DEFAULT_PRINCIPAL}, the system UTC clock, a 60 s clock skew
 * and no user agent (so an authorization-code grant fails with
 * {@code INTERACTION_REQUIRED}).
 *
 * <pre class="code">
 * McpOAuthClient engine = McpOAuthClient.builder()
 *     .userAgent(new LoopbackUserAgent(new SystemBrowserLauncher()))
 *     .tokenStore(store)
 *     .grantProvider(myDeviceCodeProvider)   // asked before the built-in providers
 *     .build();
 * </pre>
 *
 * <p>The engine never uses the given {@code WebClient} as it is: {@link #build()} derives its
 * back channel from it with {@link BackChannel}, which refuses redirects and insecure URLs
 * and bounds every exchange by {@link #backChannelTimeout(Duration)}.
 */
public final class McpOAuthClientBuilder {

	WebClient webClient = WebClient.create();

	TokenStore store = new InMemoryTokenStore();

	@Nullable ClientRegistrationStore registrationStore;

	@Nullable TokenRefreshLock refreshLock;

	@Nullable UserAgent userAgent;

	final List<GrantProvider> grantProviders = new ArrayList<>();

	@Nullable GrantFailureHandler failureHandler;

	PrincipalResolver principalResolver = new SecurityContextPrincipalResolver();

	String defaultPrincipal = TokenKey.DEFAULT_PRINCIPAL;

	Clock clock = Clock.systemUTC();

	Duration clockSkew = OAuthToken.DEFAULT_CLOCK_SKEW;

	Duration closeTimeout = Duration.ofSeconds(10);

	ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

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

	/**
	 * The token store. When it also keeps client registrations (every store of this library
	 * does) and no {@link #clientRegistrationStore registration store} is set, it keeps
	 * those too; when it implements {@link TokenRefreshLock}, refreshes are serialized
	 * across the processes that share it.
	 * @param store the store
	 * @return this builder
	 */
	public McpOAuthClientBuilder tokenStore(TokenStore store) {
		Assert.notNull(store, "store cannot be null");
		this.store = store;
		return this;
	}

	/**
	 * @param registrationStore where client registrations are kept (default: the token
	 * store, when it keeps them, else memory)
	 * @return this builder
	 */
	public McpOAuthClientBuilder clientRegistrationStore(ClientRegistrationStore registrationStore) {
		Assert.notNull(registrationStore, "registrationStore cannot be null");
		this.registrationStore = registrationStore;
		return this;
	}

	/**
	 * @param refreshLock serializes refreshes across processes (default: the token store,
	 * when it implements {@link TokenRefreshLock})
	 * @return this builder
	 */
	public McpOAuthClientBuilder refreshLock(TokenRefreshLock refreshLock) {
		Assert.notNull(refreshLock, "refreshLock cannot be null");
		this.refreshLock = refreshLock;
		return this;
	}

	public McpOAuthClientBuilder userAgent(@Nullable UserAgent userAgent) {
		this.userAgent = userAgent;
		return this;
	}

	/**
	 * Adds a grant provider, asked before the built-in ones (in the order added).
	 * @param provider the provider
	 * @return this builder
	 */
	public McpOAuthClientBuilder grantProvider(GrantProvider provider) {
		Assert.notNull(provider, "provider cannot be null");
		this.grantProviders.add(provider);
		return this;
	}

	/**
	 * @param failureHandler decides what a refused grant removes (default:
	 * {@link RemovingGrantFailureHandler})
	 * @return this builder
	 */
	public McpOAuthClientBuilder failureHandler(GrantFailureHandler failureHandler) {
		Assert.notNull(failureHandler, "failureHandler cannot be null");
		this.failureHandler = failureHandler;
		return this;
	}

	/**
	 * @param principalResolver finds the principal of a reactive request (default: the
	 * Spring Security user, {@link SecurityContextPrincipalResolver})
	 * @return this builder
	 */
	public McpOAuthClientBuilder principalResolver(PrincipalResolver principalResolver) {
		Assert.notNull(principalResolver, "principalResolver cannot be null");
		this.principalResolver = principalResolver;
		return this;
	}

	/**
	 * @param defaultPrincipal the principal of work that names none (default
	 * {@value TokenKey#DEFAULT_PRINCIPAL})
	 * @return this builder
	 */
	public McpOAuthClientBuilder defaultPrincipal(String defaultPrincipal) {
		Assert.hasText(defaultPrincipal, "defaultPrincipal cannot be empty");
		this.defaultPrincipal = defaultPrincipal;
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
	 * @param closeTimeout how long {@link McpOAuthClient#close()} waits for issued tokens to
	 * be saved (default 10 s)
	 * @return this builder
	 */
	public McpOAuthClientBuilder closeTimeout(Duration closeTimeout) {
		Assert.isTrue(closeTimeout != null && !closeTimeout.isNegative(), "closeTimeout must be zero or positive");
		this.closeTimeout = closeTimeout;
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
		ClientRegistrationStore registrations = (this.registrationStore != null) ? this.registrationStore
				: (this.store instanceof ClientRegistrationStore both) ? both : new InMemoryTokenStore(this.clock);
		if (this.refreshLock == null && this.store instanceof TokenRefreshLock lock) {
			this.refreshLock = lock;
		}
		List<GrantProvider> providers = new ArrayList<>(this.grantProviders);
		providers.addAll(defaultGrantProviders(webClient));
		GrantFailureHandler failures = (this.failureHandler != null) ? this.failureHandler
				: new RemovingGrantFailureHandler(this.store, registrations);
		return new McpOAuthClient(this, new MetadataDiscoverer(webClient), registrations,
				new ClientRegistrar(webClient, registrations, this.clock), new DelegatingGrantProvider(providers),
				failures);
	}

	private List<GrantProvider> defaultGrantProviders(WebClient webClient) {
		TokenEndpointClient tokenClient = new TokenEndpointClient(webClient, this.clock);
		return List.of(new RefreshTokenGrantProvider(tokenClient),
				new AuthorizationCodeGrantProvider(this.userAgent, tokenClient),
				new ClientCredentialsGrantProvider(tokenClient),
				new EnterpriseManagedGrantProvider(webClient, tokenClient),
				new WorkloadIdentityGrantProvider(tokenClient, this.clock));
	}

}
