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

package io.github.mcpoauth.web;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.web.server.WebSession;

/**
 * The authorization requests of one browser session, by {@code state}, in a
 * {@code WebSession} attribute: a few at most (the oldest go first), each for a limited time,
 * each taken out when its response arrives so that a response is used once.
 */
final class PendingAuthorizations {

	/** The session attribute. */
	static final String ATTRIBUTE = PendingAuthorizations.class.getName();

	/** How many authorizations one session may have waiting at once. */
	static final int MAX_PENDING = 5;

	private final Duration timeout;

	private final Clock clock;

	PendingAuthorizations(Duration timeout, Clock clock) {
		this.timeout = timeout;
		this.clock = clock;
	}

	void save(WebSession session, PendingAuthorization authorization) {
		LinkedHashMap<String, PendingAuthorization> pending = new LinkedHashMap<>(current(session));
		pending.values().removeIf(this::expired);
		pending.put(authorization.state(), authorization);
		while (pending.size() > MAX_PENDING) {
			pending.remove(pending.keySet().iterator().next());
		}
		session.getAttributes().put(ATTRIBUTE, pending);
	}

	/**
	 * Takes out the authorization a response's {@code state} names.
	 * @return it, or {@code null} when the session holds none for that state (or it expired)
	 */
	@Nullable PendingAuthorization take(WebSession session, @Nullable String state) {
		Map<String, PendingAuthorization> current = current(session);
		if (state == null || !current.containsKey(state)) {
			return null;
		}
		LinkedHashMap<String, PendingAuthorization> pending = new LinkedHashMap<>(current);
		PendingAuthorization taken = pending.remove(state);
		if (pending.isEmpty()) {
			session.getAttributes().remove(ATTRIBUTE);
		}
		else {
			session.getAttributes().put(ATTRIBUTE, pending);
		}
		return (taken != null && !expired(taken)) ? taken : null;
	}

	private boolean expired(PendingAuthorization authorization) {
		return authorization.createdAt().plus(this.timeout).isBefore(this.clock.instant());
	}

	@SuppressWarnings("unchecked")
	private static Map<String, PendingAuthorization> current(WebSession session) {
		Object attribute = session.getAttributes().get(ATTRIBUTE);
		return (attribute instanceof Map<?, ?> map) ? (Map<String, PendingAuthorization>) map : Map.of();
	}

}
