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

package io.github.mcpoauth.sample.server.registration;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Counts registrations in a sliding time window: at most {@code max} within any
 * {@code window}. Keeps at most {@code max} instants.
 */
final class RegistrationRate {

	private final int max;

	private final Duration window;

	private final Clock clock;

	private final Deque<Instant> accepted = new ArrayDeque<>();

	RegistrationRate(int max, Duration window, Clock clock) {
		Assert.isTrue(max > 0, "max must be positive");
		Assert.notNull(window, "window cannot be null");
		Assert.notNull(clock, "clock cannot be null");
		this.max = max;
		this.window = window;
		this.clock = clock;
	}

	/**
	 * Takes a place for a registration.
	 * @return {@code null} when the registration may go ahead (the place is taken), else how
	 * long until a place frees up
	 */
	synchronized @Nullable Duration acquire() {
		Instant now = this.clock.instant();
		Instant start = now.minus(this.window);
		while (!this.accepted.isEmpty() && !this.accepted.peekFirst().isAfter(start)) {
			this.accepted.removeFirst();
		}
		if (this.accepted.size() >= this.max) {
			return Duration.between(start, this.accepted.peekFirst());
		}
		this.accepted.addLast(now);
		return null;
	}

	/**
	 * Gives back the place of a registration that was refused after all.
	 */
	synchronized void release() {
		this.accepted.pollLast();
	}

}
