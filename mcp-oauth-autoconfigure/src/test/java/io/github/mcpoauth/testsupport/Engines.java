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

package io.github.mcpoauth.testsupport;

import java.time.Clock;

import io.github.mcpoauth.authorization.DirectUserAgent;
import io.github.mcpoauth.client.McpOAuthClient;
import io.github.mcpoauth.client.McpOAuthClientBuilder;
import io.github.mcpoauth.store.TokenStore;

import org.springframework.web.reactive.function.client.WebClient;

/**
 * Engines for tests against {@link FakeAuthorizationServer}.
 */
public final class Engines {

	private Engines() {
	}

	/**
	 * An engine builder whose user agent is a {@link DirectUserAgent}: it follows the fake's
	 * immediate authorization redirect, so no browser takes part.
	 * @param store the token store
	 * @param clock the clock
	 * @return the builder, to set more or {@link McpOAuthClientBuilder#build() build}
	 */
	public static McpOAuthClientBuilder direct(TokenStore store, Clock clock) {
		return McpOAuthClient.builder()
			.webClient(WebClient.create())
			.tokenStore(store)
			.userAgent(new DirectUserAgent(WebClient.create()))
			.clock(clock);
	}

}
