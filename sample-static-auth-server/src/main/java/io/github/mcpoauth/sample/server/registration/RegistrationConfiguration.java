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

import io.github.mcpoauth.sample.server.StaticServerProperties;
import io.github.mcpoauth.sample.server.authorization.AuthorizationServerConfiguration;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The registration endpoint {@code /register}: Spring Authorization Server's, opened to
 * public clients by {@link PublicClientRegistrations} when {@code --dynamic-registration}
 * is on, behind {@link RegistrationRequestFilter}, which refuses every request while
 * registration is closed.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RegistrationLimits.class)
public class RegistrationConfiguration {

	/**
	 * What the open endpoint accepts and registers.
	 * @param limits the limits
	 * @param properties the server properties (token lifetime)
	 * @param clock the clock
	 * @return the registrations
	 */
	@Bean
	PublicClientRegistrations publicClientRegistrations(RegistrationLimits limits, StaticServerProperties properties,
			Clock clock) {
		return new PublicClientRegistrations(limits, properties.accessTokenTtl(), clock);
	}

	/**
	 * The filter in front of the endpoint, before Spring Security's.
	 * @param limits the limits
	 * @param properties the server properties
	 * @param clock the clock of the registration window
	 * @return the filter's registration for {@code /register}
	 */
	@Bean
	FilterRegistrationBean<RegistrationRequestFilter> registrationRequestFilter(RegistrationLimits limits,
			StaticServerProperties properties, Clock clock) {
		FilterRegistrationBean<RegistrationRequestFilter> registration = new FilterRegistrationBean<>(
				new RegistrationRequestFilter(limits, clock,
						properties.dynamicRegistration() ? null : properties.clientId()));
		registration.addUrlPatterns(AuthorizationServerConfiguration.REGISTRATION_PATH);
		registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 1);
		return registration;
	}

}
