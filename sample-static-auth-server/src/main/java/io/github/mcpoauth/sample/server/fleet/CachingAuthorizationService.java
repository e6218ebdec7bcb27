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

package io.github.mcpoauth.sample.server.fleet;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.util.Assert;

/**
 * Keeps the database off the per-request path of {@code /mcp}: a lookup of an access token
 * ({@link #findByToken} with {@link OAuth2TokenType#ACCESS_TOKEN}, which the MCP endpoint
 * makes for every request to refuse revoked tokens) is answered from a short cache. Every
 * other lookup (codes, refresh tokens, state, and the untyped lookups of revocation and
 * introspection) and every write goes to the delegate; a write evicts the cached entries of
 * its authorization, so a token revoked at this instance is refused here at once.
 *
 * <p>The bound: a token revoked at another instance is refused here at most the cache's
 * lifetime later. Lookups that find nothing are not cached: a token issued by another
 * instance is accepted at once.
 */
public final class CachingAuthorizationService implements OAuth2AuthorizationService {

	/** Above this many entries, expired ones are dropped, then all if still too many. */
	static final int MAX_ENTRIES = 10_000;

	private final OAuth2AuthorizationService delegate;

	private final Duration timeToLive;

	private final Clock clock;

	private final Map<String, Entry> accessTokens = new ConcurrentHashMap<>();

	/**
	 * @param delegate the shared service (JDBC)
	 * @param timeToLive how long a lookup is trusted; zero disables the cache
	 * @param clock the clock
	 */
	public CachingAuthorizationService(OAuth2AuthorizationService delegate, Duration timeToLive, Clock clock) {
		Assert.notNull(delegate, "delegate cannot be null");
		Assert.isTrue(timeToLive != null && !timeToLive.isNegative(), "timeToLive must be zero or positive");
		Assert.notNull(clock, "clock cannot be null");
		this.delegate = delegate;
		this.timeToLive = timeToLive;
		this.clock = clock;
	}

	@Override
	public void save(OAuth2Authorization authorization) {
		this.delegate.save(authorization);
		evict(authorization.getId());
	}

	@Override
	public void remove(OAuth2Authorization authorization) {
		this.delegate.remove(authorization);
		evict(authorization.getId());
	}

	@Override
	public @Nullable OAuth2Authorization findById(String id) {
		return this.delegate.findById(id);
	}

	@Override
	public @Nullable OAuth2Authorization findByToken(String token, @Nullable OAuth2TokenType tokenType) {
		if (tokenType == null || !OAuth2TokenType.ACCESS_TOKEN.equals(tokenType) || this.timeToLive.isZero()) {
			return this.delegate.findByToken(token, tokenType);
		}
		Instant now = this.clock.instant();
		Entry cached = this.accessTokens.get(token);
		if (cached != null && now.isBefore(cached.expiresAt())) {
			return cached.authorization();
		}
		OAuth2Authorization found = this.delegate.findByToken(token, tokenType);
		if (found == null) {
			this.accessTokens.remove(token);
			return null;
		}
		if (this.accessTokens.size() >= MAX_ENTRIES) {
			this.accessTokens.values().removeIf((entry) -> !now.isBefore(entry.expiresAt()));
			if (this.accessTokens.size() >= MAX_ENTRIES) {
				this.accessTokens.clear();
			}
		}
		this.accessTokens.put(token, new Entry(found, now.plus(this.timeToLive)));
		return found;
	}

	private void evict(String authorizationId) {
		this.accessTokens.values().removeIf((entry) -> entry.authorization().getId().equals(authorizationId));
	}

	private record Entry(OAuth2Authorization authorization, Instant expiresAt) {
	}

}
