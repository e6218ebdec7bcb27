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

package io.github.mcpoauth.springai;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.mcpoauth.springai.SpringAiConnections.Transport;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.Ordered;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * Names a server once: an {@code mcp.oauth.servers.NAME} entry without a {@code url} takes
 * the URL of Spring AI's connection of the same name
 * ({@code spring.ai.mcp.client.streamable-http.connections.NAME.url} plus its
 * {@code endpoint}, {@code /mcp} by default), so that the entry holds only the OAuth
 * settings. A {@code url} set on the entry always wins. The URL is added as the
 * environment's last property source, before any property is bound.
 */
public final class SpringAiServerUrls implements EnvironmentPostProcessor, Ordered {

	/** The name of the property source that holds the URLs taken from Spring AI. */
	public static final String PROPERTY_SOURCE_NAME = "mcpOAuthSpringAiConnectionUrls";

	private static final String SERVERS_PREFIX = "mcp.oauth.servers";

	private static final Bindable<Map<String, Map<String, String>>> SETTINGS_BY_NAME = settingsByName();

	private static final String SPRING_AI_PROPERTIES = "org.springframework.ai.mcp.client.common.autoconfigure.properties.McpStreamableHttpClientProperties";

	private static final String WEB_CLIENT_AUTO_CONFIGURATION = "org.springframework.ai.mcp.client.webflux.autoconfigure.StreamableHttpWebFluxTransportAutoConfiguration";

	private static final String HTTP_CLIENT_AUTO_CONFIGURATION = "org.springframework.ai.mcp.client.httpclient.autoconfigure.StreamableHttpHttpClientTransportAutoConfiguration";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!ClassUtils.isPresent(SPRING_AI_PROPERTIES, application.getClassLoader())) {
			return;
		}
		Binder binder = Binder.get(environment);
		Map<String, Map<String, String>> servers = binder.bind(SERVERS_PREFIX, SETTINGS_BY_NAME).orElse(Map.of());
		if (servers.isEmpty()) {
			return;
		}
		Map<String, Map<String, String>> connections = binder
			.bind(SpringAiConnections.CONNECTIONS_PREFIX, SETTINGS_BY_NAME)
			.orElse(Map.of());
		Transport transport = transport(application.getClassLoader());
		Map<String, Object> urls = new LinkedHashMap<>();
		servers.forEach((name, settings) -> {
			Map<String, String> connection = connections.get(name);
			if (!settings.containsKey("url") && connection != null && StringUtils.hasText(connection.get("url"))) {
				urls.put(SERVERS_PREFIX + "." + name + ".url",
						SpringAiConnections.requestUrl(connection.get("url"), connection.get("endpoint"), transport)
							.toString());
			}
		});
		if (!urls.isEmpty()) {
			environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, urls));
		}
	}

	/**
	 * The transport whose URL rule applies: the WebClient transport's when only its
	 * auto-configuration is present, else the JDK {@code HttpClient} transport's (the two
	 * differ only for a base URL with a path).
	 */
	private static Transport transport(ClassLoader classLoader) {
		return (ClassUtils.isPresent(WEB_CLIENT_AUTO_CONFIGURATION, classLoader)
				&& !ClassUtils.isPresent(HTTP_CLIENT_AUTO_CONFIGURATION, classLoader)) ? Transport.WEB_CLIENT
						: Transport.HTTP_CLIENT;
	}

	@SuppressWarnings("unchecked")
	private static Bindable<Map<String, Map<String, String>>> settingsByName() {
		return (Bindable<Map<String, Map<String, String>>>) (Bindable<?>) Bindable.of(ResolvableType.forClassWithGenerics(
				Map.class, ResolvableType.forClass(String.class),
				ResolvableType.forClassWithGenerics(Map.class, String.class, String.class)));
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
