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
