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

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.core.type.MethodMetadata;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.util.ClassUtils;

/**
 * The connector of the engine's back channel, one that does not follow redirects:
 * <ol>
 * <li>the application's own {@code ClientHttpConnector} bean, when it declares exactly one (for
 * a proxy, say): it is used as it is, and the back-channel filter refuses it on the first
 * request if it is a Reactor Netty connector that follows redirects;</li>
 * <li>else, with Spring Boot's HTTP client support, the connector that the application's
 * settings describe ({@code spring.http.clients.*}, SSL bundles,
 * {@code ClientHttpConnectorBuilderCustomizer} beans, the chosen client library), built again
 * with redirects off whatever {@code spring.http.clients.redirects} says;</li>
 * <li>else none, and the engine's {@code WebClient} uses Reactor Netty's default, which follows
 * no redirect.</li>
 * </ol>
 */
final class BackChannelConnectors {

	private static final boolean BOOT_HTTP_CLIENT_PRESENT = ClassUtils.isPresent(
			"org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder",
			BackChannelConnectors.class.getClassLoader());

	/** Where Spring Boot declares its own connector bean, built from its settings. */
	private static final String BOOT_CONNECTOR_CONFIGURATION = "org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration";

	private BackChannelConnectors() {
	}

	/**
	 * @param beanFactory the context's bean factory
	 * @return the connector for the engine's back channel, or {@code null} for the default
	 */
	static @Nullable ClientHttpConnector connector(BeanFactory beanFactory) {
		ClientHttpConnector application = applicationConnector(beanFactory);
		if (application != null) {
			return application;
		}
		return BOOT_HTTP_CLIENT_PRESENT ? BootHttpClient.withoutRedirects(beanFactory) : null;
	}

	private static @Nullable ClientHttpConnector applicationConnector(BeanFactory beanFactory) {
		if (!(beanFactory instanceof ConfigurableListableBeanFactory listable)) {
			return beanFactory.getBeanProvider(ClientHttpConnector.class).getIfUnique();
		}
		String[] names = listable.getBeanNamesForType(ClientHttpConnector.class);
		if (names.length != 1 || declaredBySpringBoot(listable, names[0])) {
			return null;
		}
		return listable.getBean(names[0], ClientHttpConnector.class);
	}

	private static boolean declaredBySpringBoot(ConfigurableListableBeanFactory beanFactory, String name) {
		if (!beanFactory.containsBeanDefinition(name)) {
			return false;
		}
		BeanDefinition definition = beanFactory.getBeanDefinition(name);
		if (BOOT_CONNECTOR_CONFIGURATION.equals(definition.getFactoryBeanName())) {
			return true; // auto-configurations are registered under their class name
		}
		MethodMetadata factoryMethod = (definition instanceof AnnotatedBeanDefinition annotated)
				? annotated.getFactoryMethodMetadata() : null;
		return factoryMethod != null && BOOT_CONNECTOR_CONFIGURATION.equals(factoryMethod.getDeclaringClassName());
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
