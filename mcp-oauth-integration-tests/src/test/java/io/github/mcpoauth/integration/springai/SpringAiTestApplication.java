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

package io.github.mcpoauth.integration.springai;

import io.github.mcpoauth.autoconfigure.McpOAuthClientBuilderCustomizer;
import io.github.mcpoauth.integration.FormLoginUserAgent;
import io.github.mcpoauth.integration.starter.TokenRequests;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * An application with Spring AI's MCP client starter, this project's starter and
 * {@code application-spring-ai-it.yml}, and no MCP or OAuth code of its own. The beans below
 * are what the tests add: a user who logs in through the sample server's form, and counters
 * of the engine's token requests.
 */
@SpringBootApplication(proxyBeanMethods = false)
class SpringAiTestApplication {

	/** The user: logs in as demo/demo at the sample server's login form, without a browser. */
	@Bean
	FormLoginUserAgent formLoginUserAgent() {
		return new FormLoginUserAgent("demo", "demo");
	}

	@Bean
	TokenRequests tokenRequests() {
		return new TokenRequests();
	}

	@Bean
	ObservationRegistry observationRegistry(TokenRequests tokenRequests) {
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(tokenRequests);
		return registry;
	}

	@Bean
	McpOAuthClientBuilderCustomizer countingEngineWebClient(TokenRequests tokenRequests) {
		return (builder) -> builder.webClient(WebClient.builder().filter(tokenRequests).build());
	}

}
