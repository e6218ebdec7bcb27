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

package io.github.mcpoauth.store;

import reactor.core.publisher.Mono;

/**
 * Serializes the refreshes of one token across the processes that share a store, so that
 * each expiry costs one token request however many processes notice it. A store that
 * several processes can share implements it (the encrypted file through a lock file, Vault
 * through a lease entry written with check-and-set); the engine uses it when its store does.
 *
 * <p>The engine re-reads the store while holding the lock, so a process that waited uses
 * the token the holder stored instead of refreshing again. A holder that dies loses the
 * lock: with the operating system's file lock at once, with a lease when its term ends.
 */
@FunctionalInterface
public interface TokenRefreshLock {

	/**
	 * Runs {@code work} while holding the lock of {@code key}, waiting for another holder
	 * first (non-blocking for the caller: waiting happens off the event loop).
	 * @param <T> the result type
	 * @param key the server and principal whose token is refreshed
	 * @param work the refresh
	 * @return the work's result, once the lock is released
	 */
	<T> Mono<T> withLock(TokenKey key, Mono<T> work);

}
