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
