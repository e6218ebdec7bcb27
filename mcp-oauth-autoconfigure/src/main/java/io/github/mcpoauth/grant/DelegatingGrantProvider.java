package io.github.mcpoauth.grant;

import java.util.List;

import io.github.mcpoauth.token.OAuthToken;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.util.Assert;

/**
 * Asks providers in order and returns the token of the first that applies; an error of a
 * provider that applied is passed on (no fallback to the next grant after a refusal).
 */
public final class DelegatingGrantProvider implements GrantProvider {

	private final List<GrantProvider> providers;

	/**
	 * @param providers the providers, in the order they are asked
	 */
	public DelegatingGrantProvider(List<GrantProvider> providers) {
		Assert.notNull(providers, "providers cannot be null");
		Assert.noNullElements(providers, "providers cannot contain null elements");
		this.providers = List.copyOf(providers);
	}

	@Override
	public Mono<OAuthToken> obtain(GrantContext context) {
		return Flux.fromIterable(this.providers).concatMap((provider) -> provider.obtain(context)).next();
	}

	/**
	 * @return the providers, in order
	 */
	public List<GrantProvider> getProviders() {
		return this.providers;
	}

}
