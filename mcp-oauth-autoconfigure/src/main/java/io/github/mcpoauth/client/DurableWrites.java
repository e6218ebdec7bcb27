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

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Token requests whose answer must be saved whatever the caller does: once the authorization
 * server has answered a refresh, a rotated refresh token that was not saved would be lost.
 * The work runs to its end even when the caller cancels, and {@link #await()} waits for it
 * when the engine closes.
 */
final class DurableWrites {

	private static final Logger logger = LoggerFactory.getLogger(DurableWrites.class);

	private final Set<CompletableFuture<?>> pending = ConcurrentHashMap.newKeySet();

	private final Duration closeTimeout;

	DurableWrites(Duration closeTimeout) {
		this.closeTimeout = closeTimeout;
	}

	/** Subscribes to the work now; the caller's cancellation does not reach it. */
	@SuppressWarnings("NullAway") // toFuture() completes an empty Mono with null, which fromFuture turns back into empty
	<T> Mono<T> run(Mono<T> work) {
		CompletableFuture<T> future = work.toFuture();
		this.pending.add(future);
		future.whenComplete((result, ex) -> this.pending.remove(future));
		return Mono.fromFuture(future, true);
	}

	/** Waits, at most the close timeout, for the work still running. */
	void await() {
		CompletableFuture<?>[] running = this.pending.toArray(CompletableFuture[]::new);
		if (running.length == 0) {
			return;
		}
		try {
			CompletableFuture.allOf(running).get(this.closeTimeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (Exception ex) {
			logger.warn("{} token write(s) did not finish within {} while closing", running.length, this.closeTimeout);
		}
	}

}
