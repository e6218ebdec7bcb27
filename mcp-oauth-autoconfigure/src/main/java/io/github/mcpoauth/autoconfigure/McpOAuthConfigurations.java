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

package io.github.mcpoauth.autoconfigure;

import java.util.List;
import java.util.Optional;

import io.github.mcpoauth.authorization.UserAgent;
import io.github.mcpoauth.client.McpOAuthClient;
import io.github.mcpoauth.client.McpOAuthClientBuilder;
import io.github.mcpoauth.core.McpServerRegistry;
import io.github.mcpoauth.grant.GrantFailureHandler;
import io.github.mcpoauth.grant.GrantProvider;
import io.github.mcpoauth.transport.McpOAuthHandler;
import io.github.mcpoauth.principal.PrincipalResolver;
import io.github.mcpoauth.registration.ClientRegistrationStore;
import io.github.mcpoauth.store.TokenStore;
import io.github.mcpoauth.transport.McpOAuthExchangeFilterFunction;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.util.Assert;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The bean definitions of {@link McpOAuthAutoConfiguration}.
 */
final class McpOAuthConfigurations {

	private McpOAuthConfigurations() {
	}

	@Configuration(proxyBeanMethods = false)
	static class EngineConfiguration {

		@Bean
		@ConditionalOnMissingBean
		McpServerRegistry mcpServerRegistry(McpOAuthProperties properties) {
			return new McpServerRegistry(new McpOAuthPropertiesMapper(properties).asServerDefinitions());
		}

		@Bean
		@ConditionalOnMissingBean
		@Conditional(OnInteractiveUserAgentCondition.class)
		UserAgent mcpOAuthUserAgent(McpOAuthProperties properties) {
			UserAgent userAgent = new McpOAuthPropertiesMapper(properties).asUserAgent();
			Assert.state(userAgent != null, "mode none defines no user agent: see OnInteractiveUserAgentCondition");
			return userAgent;
		}

		@Bean
		@ConditionalOnMissingBean
		McpOAuthClient mcpOAuthClient(McpOAuthProperties properties, TokenStore tokenStore,
				ObjectProvider<ClientRegistrationStore> registrationStore, ObjectProvider<UserAgent> userAgent,
				ObjectProvider<ObservationRegistry> observationRegistry, ObjectProvider<GrantProvider> grantProviders,
				ObjectProvider<GrantFailureHandler> failureHandler, ObjectProvider<PrincipalResolver> principalResolver,
				ObjectProvider<McpOAuthClientBuilderCustomizer> customizers, BeanFactory beanFactory) {
			McpOAuthClientBuilder builder = McpOAuthClient.builder()
				.webClient(engineWebClient(beanFactory))
				.backChannelTimeout(properties.getHttp().getTimeout())
				.tokenStore(tokenStore)
				.userAgent(userAgent.getIfUnique())
				.clockSkew(properties.getClockSkew())
				.defaultPrincipal(properties.getDefaultPrincipal())
				.observationRegistry(observationRegistry.getIfUnique(() -> ObservationRegistry.NOOP));
			registrationStore(tokenStore, registrationStore).ifPresent(builder::clientRegistrationStore);
			grantProviders.orderedStream().forEach(builder::grantProvider);
			failureHandler.ifUnique(builder::failureHandler);
			principalResolver.ifUnique(builder::principalResolver);
			customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
			return builder.build();
		}

		/**
		 * The application's own client-registration store when it defines one besides the
		 * token store; otherwise the builder keeps registrations in the token store.
		 */
		private static Optional<ClientRegistrationStore> registrationStore(TokenStore tokenStore,
				ObjectProvider<ClientRegistrationStore> registrationStores) {
			List<ClientRegistrationStore> others = registrationStores.orderedStream()
				.filter((candidate) -> candidate != tokenStore)
				.toList();
			return (others.size() == 1) ? Optional.of(others.get(0))
					: Optional.ofNullable(registrationStores.getIfUnique());
		}

		/**
		 * The engine's own {@code WebClient}: never built from the application's builder, so it
		 * never carries the MCP filter (a token request must not itself wait for a token). Its
		 * connector follows no redirect ({@link BackChannelConnectors}); the engine builder then
		 * adds the back-channel filter ({@code BackChannel}).
		 */
		static WebClient engineWebClient(BeanFactory beanFactory) {
			WebClient.Builder builder = WebClient.builder();
			ClientHttpConnector connector = BackChannelConnectors.connector(beanFactory);
			if (connector != null) {
				builder.clientConnector(connector);
			}
			return builder.build();
		}

		@Bean
		@ConditionalOnMissingBean
		McpOAuthHandler mcpOAuthHandler(McpOAuthClient client, McpServerRegistry servers,
				ObjectProvider<WebClient.Builder> webClientBuilder) {
			return new McpOAuthHandler(client, servers, webClientBuilder.getIfAvailable(WebClient::builder));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(WebClientCustomizer.class)
	static class WebClientConfiguration {

		@Bean
		@ConditionalOnMissingBean
		McpOAuthExchangeFilterFunction mcpOAuthExchangeFilterFunction(McpOAuthClient client,
				McpServerRegistry servers) {
			return new McpOAuthExchangeFilterFunction(client, servers);
		}

		@Bean
		@ConditionalOnMissingBean(name = "mcpOAuthWebClientCustomizer")
		WebClientCustomizer mcpOAuthWebClientCustomizer(McpOAuthExchangeFilterFunction filter) {
			return (builder) -> builder.filters((filters) -> {
				if (!filters.contains(filter)) {
					filters.add(filter);
				}
			});
		}

	}

	/**
	 * Matches unless {@code mcp.oauth.user-agent.mode} is {@code none}: then no user agent
	 * is defined and new authorizations fail with {@code INTERACTION_REQUIRED}.
	 */
	static final class OnInteractiveUserAgentCondition extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			McpOAuthProperties.UserAgent.Mode mode = Binder.get(context.getEnvironment())
				.bind(McpOAuthProperties.CONFIG_PREFIX + ".user-agent.mode", McpOAuthProperties.UserAgent.Mode.class)
				.orElse(McpOAuthProperties.UserAgent.Mode.BROWSER);
			ConditionMessage.Builder message = ConditionMessage.forCondition("MCP OAuth user agent");
			return (mode != McpOAuthProperties.UserAgent.Mode.NONE) ? ConditionOutcome.match(message.because("mode is " + mode))
					: ConditionOutcome.noMatch(message.because("mode is none"));
		}

	}

}
