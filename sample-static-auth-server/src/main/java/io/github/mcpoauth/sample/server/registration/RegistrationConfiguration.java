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
