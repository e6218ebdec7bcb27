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
import java.util.Set;
import java.util.function.Supplier;

import io.github.mcpoauth.dpop.DPoPKey;
import io.github.mcpoauth.store.TokenKey;
import io.github.mcpoauth.token.OAuthToken;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * What the engine remembers of one server and principal between requests: the token held in
 * memory, the acquisition in flight, the scopes last asked for and the DPoP key (which
 * outlives a token that is dropped, so that the next token is bound to the same key). Bound
 * to the server's URL: a name registered again with another URL gets a new state.
 */
final class TokenState {

	final TokenKey key;

	final URI url;

	volatile @Nullable OAuthToken token;

	volatile Set<String> lastRequestedScopes = Set.of();

	volatile @Nullable DPoPKey dpopKey;

	private @Nullable Mono<OAuthToken> inFlight;

	TokenState(TokenKey key, URI url) {
		this.key = key;
		this.url = url;
	}

	/**
	 * Runs one token acquisition at a time; concurrent callers share its result. A failure is
	 * passed to every waiting caller and then forgotten, so it does not poison later attempts.
	 */
	Mono<OAuthToken> singleFlight(Supplier<Mono<OAuthToken>> acquisition) {
		return Mono.defer(() -> {
			synchronized (this) {
				Mono<OAuthToken> current = this.inFlight;
				if (current != null) {
					return current;
				}
				// Cleared before the result reaches the callers (doOnTerminate, not doFinally), so a
				// caller that reacts to a failure by starting another acquisition starts a new one.
				Mono<OAuthToken> shared = Mono.defer(acquisition).doOnTerminate(() -> {
					synchronized (this) {
						this.inFlight = null;
					}
				}).cache();
				this.inFlight = shared;
				return shared;
			}
		});
	}

	/** Holds {@code replacement} in memory, and returns it. */
	synchronized OAuthToken hold(OAuthToken replacement) {
		this.token = replacement;
		keepKey(replacement);
		return replacement;
	}

	/** Holds {@code loaded} unless a concurrent acquisition stored a token meanwhile. */
	synchronized OAuthToken holdIfNone(OAuthToken loaded) {
		OAuthToken current = this.token;
		if (current != null) {
			return current;
		}
		this.token = loaded;
		keepKey(loaded);
		return loaded;
	}

	private void keepKey(OAuthToken token) {
		if (token.dpopKey() != null) {
			this.dpopKey = token.dpopKey();
		}
	}

	/** Forgets the token held in memory when it is still {@code stale}. */
	synchronized void forgetIf(String staleAccessToken) {
		OAuthToken current = this.token;
		if (current != null && current.accessToken().equals(staleAccessToken)) {
			this.token = null;
		}
	}

}
