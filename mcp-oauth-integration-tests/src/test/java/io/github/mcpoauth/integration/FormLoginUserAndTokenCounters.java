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

package io.github.mcpoauth.integration;

import io.github.mcpoauth.autoconfigure.McpOAuthClientBuilderCustomizer;
import io.github.mcpoauth.integration.starter.TokenRequests;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * What the integration tests' applications add to the starter: a user who logs in through
 * the sample server's form, and counters of the engine's token requests. Imported by each
 * test application.
 */
@Configuration(proxyBeanMethods = false)
public class FormLoginUserAndTokenCounters {

	/**
	 * The user: logs in as demo/demo at the sample server's login form, without a browser.
	 * @return the user agent
	 */
	@Bean
	FormLoginUserAgent formLoginUserAgent() {
		return new FormLoginUserAgent("demo", "demo");
	}

	@Bean
	TokenRequests tokenRequests() {
		return new TokenRequests();
	}

	/**
	 * The engine's observations, counted; the engine picks up the application's registry.
	 * @param tokenRequests the counters
	 * @return the registry
	 */
	@Bean
	ObservationRegistry observationRegistry(TokenRequests tokenRequests) {
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(tokenRequests);
		return registry;
	}

	/**
	 * Gives the engine a {@code WebClient} that counts token requests. It stays separate from
	 * the application's {@code WebClient.Builder}: the engine's requests never carry the MCP
	 * filter.
	 * @param tokenRequests the counters
	 * @return the customizer
	 */
	@Bean
	McpOAuthClientBuilderCustomizer countingEngineWebClient(TokenRequests tokenRequests) {
		return (builder) -> builder.webClient(WebClient.builder().filter(tokenRequests).build());
	}

}
