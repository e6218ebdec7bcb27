package io.github.mcpoauth.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.util.ClassUtils;

/**
 * The connector of the engine's back channel: the one the application's HTTP client settings
 * describe ({@code spring.http.clients.*}, SSL bundles, {@code ClientHttpConnectorBuilderCustomizer}
 * beans, the chosen client library), built again with redirects off, whatever
 * {@code spring.http.clients.redirects} says for the application's own clients.
 */
final class BackChannelConnectors {

	private static final boolean BOOT_HTTP_CLIENT_PRESENT = ClassUtils.isPresent(
			"org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder",
			BackChannelConnectors.class.getClassLoader());

	private BackChannelConnectors() {
	}

	/**
	 * @param beanFactory where Spring Boot's {@code ClientHttpConnectorBuilder} and
	 * {@code HttpClientSettings} beans are, if any
	 * @return a connector that does not follow redirects, or {@code null} when Spring Boot's
	 * HTTP client auto-configuration is absent
	 */
	static @Nullable ClientHttpConnector withoutRedirects(BeanFactory beanFactory) {
		return BOOT_HTTP_CLIENT_PRESENT ? BootHttpClient.withoutRedirects(beanFactory) : null;
	}

	/** Kept apart so that nothing loads {@code spring-boot-http-client} classes when it is absent. */
	private static final class BootHttpClient {

		static @Nullable ClientHttpConnector withoutRedirects(BeanFactory beanFactory) {
			ClientHttpConnectorBuilder<?> builder = beanFactory.getBeanProvider(ClientHttpConnectorBuilder.class)
				.getIfUnique();
			if (builder == null) {
				return null;
			}
			HttpClientSettings settings = beanFactory.getBeanProvider(HttpClientSettings.class)
				.getIfUnique(HttpClientSettings::defaults);
			return builder.build(settings.withRedirects(HttpRedirects.DONT_FOLLOW));
		}

	}

}
