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

package io.github.mcpoauth.integration.starter;

import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import reactor.core.publisher.Mono;

import io.github.mcpoauth.client.McpOAuthClient;

import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;

/**
 * Counts what the engine asks of the authorization server: every {@code POST} to its token
 * endpoint (as a filter of the engine's own {@code WebClient}), and the refreshes and new
 * authorizations the engine started (as a handler of the engine's observations; counted when
 * they start, because an observation stops only after its result has reached the caller).
 * Shared with the Spring AI integration tests.
 */
public final class TokenRequests implements ExchangeFilterFunction, ObservationHandler<Observation.Context> {

	private final AtomicInteger tokenRequests = new AtomicInteger();

	private final AtomicInteger refreshes = new AtomicInteger();

	private final AtomicInteger authorizations = new AtomicInteger();

	@Override
	public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
		if (request.method() == HttpMethod.POST && request.url().getPath().endsWith("/token")) {
			this.tokenRequests.incrementAndGet();
		}
		return next.exchange(request);
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return true;
	}

	@Override
	public void onStart(Observation.Context context) {
		if (McpOAuthClient.REFRESH_OBSERVATION.equals(context.getName())) {
			this.refreshes.incrementAndGet();
		}
		else if (McpOAuthClient.AUTHORIZATION_OBSERVATION.equals(context.getName())) {
			this.authorizations.incrementAndGet();
		}
	}

	/**
	 * @return the {@code POST}s to the token endpoint since the last {@link #reset()}
	 */
	public int tokenRequests() {
		return this.tokenRequests.get();
	}

	/**
	 * @return the refreshes started (successful or not) since the last {@link #reset()}
	 */
	public int refreshes() {
		return this.refreshes.get();
	}

	/**
	 * @return the new authorizations started (successful or not) since the last {@link #reset()}
	 */
	public int authorizations() {
		return this.authorizations.get();
	}

	public void reset() {
		this.tokenRequests.set(0);
		this.refreshes.set(0);
		this.authorizations.set(0);
	}

}
