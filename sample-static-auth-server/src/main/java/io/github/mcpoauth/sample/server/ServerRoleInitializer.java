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

package io.github.mcpoauth.sample.server;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;

/**
 * Gives the environment the defaults of the {@link ServerRole role} (its port, and open
 * registration for the authorization server), and leaves the configuration of the other
 * roles out of component scanning, so that each role is a set of packages:
 * <ul>
 * <li>{@code combined}: {@code authorization}, {@code registration}, {@code resource},
 * {@code mcp};</li>
 * <li>{@code authorization-server}: {@code authorization}, {@code registration},
 * {@code issuer};</li>
 * <li>{@code resource-server}: {@code weather}.</li>
 * </ul>
 * Spring Boot's {@link TypeExcludeFilter} (part of {@code @SpringBootApplication})
 * consults the filters registered in the bean factory, hence an initializer that
 * registers one before scanning. Both launchers ({@code main} and
 * {@link StaticAuthServer#start(String...)}) add it.
 */
public final class ServerRoleInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	private static final String BASE = ServerRole.class.getPackageName() + ".";

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		ServerRole role = ServerRole
			.of(context.getEnvironment().getProperty(ServerRole.PROPERTY, ServerRole.COMBINED.value()));
		context.getEnvironment().getPropertySources().addLast(new MapPropertySource("mcp-static-role", defaults(role)));
		context.getBeanFactory().registerSingleton(RoleExcludeFilter.class.getName(), new RoleExcludeFilter(role));
	}

	/**
	 * The defaults a role brings, below every other property source: its port, and open
	 * registration for the authorization server.
	 */
	static Map<String, Object> defaults(ServerRole role) {
		return Map.of(StaticServerProperties.CONFIG_PREFIX + ".port", role.defaultPort(),
				StaticServerProperties.CONFIG_PREFIX + ".dynamic-registration", role == ServerRole.AUTHORIZATION_SERVER);
	}

	static List<String> excludedPackages(ServerRole role) {
		List<String> packages = switch (role) {
			case COMBINED -> List.of("issuer", "weather");
			case AUTHORIZATION_SERVER -> List.of("resource", "mcp", "weather");
			case RESOURCE_SERVER -> List.of("authorization", "registration", "resource", "mcp", "issuer");
		};
		return packages.stream().map((name) -> BASE + name + ".").toList();
	}

	static final class RoleExcludeFilter extends TypeExcludeFilter {

		private final List<String> excluded;

		RoleExcludeFilter(ServerRole role) {
			this.excluded = excludedPackages(role);
		}

		@Override
		public boolean match(MetadataReader metadataReader, MetadataReaderFactory metadataReaderFactory)
				throws IOException {
			String className = metadataReader.getClassMetadata().getClassName();
			return this.excluded.stream().anyMatch(className::startsWith);
		}

		@Override
		public boolean equals(@Nullable Object obj) {
			return (obj instanceof RoleExcludeFilter other) && this.excluded.equals(other.excluded);
		}

		@Override
		public int hashCode() {
			return this.excluded.hashCode();
		}

	}

}
