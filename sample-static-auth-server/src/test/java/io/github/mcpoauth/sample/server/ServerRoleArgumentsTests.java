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

import org.junit.jupiter.api.Test;

import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.SimpleCommandLinePropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The {@code --role} flag and the defaults each role brings ({@link ServerRoleInitializer}).
 */
class ServerRoleArgumentsTests {

	@Test
	void defaultsWhenNoRoleThenCombinedOnPort9003WithRegistrationClosed() {
		GenericApplicationContext context = initialized();

		assertThat(context.getEnvironment().getProperty("mcp.static.port")).isEqualTo("9003");
		assertThat(context.getEnvironment().getProperty("mcp.static.dynamic-registration")).isEqualTo("false");
	}

	@Test
	void defaultsWhenAuthorizationServerThenPort8003AndOpenRegistration() {
		GenericApplicationContext context = initialized("--role", "authorization-server");

		assertThat(context.getEnvironment().getProperty("mcp.static.role")).isEqualTo("authorization-server");
		assertThat(context.getEnvironment().getProperty("mcp.static.port")).isEqualTo("8003");
		assertThat(context.getEnvironment().getProperty("mcp.static.dynamic-registration")).isEqualTo("true");
	}

	@Test
	void defaultsWhenResourceServerThenPort8000AndIssuerAndWeatherUrl() {
		GenericApplicationContext context = initialized("--role=resource-server", "--issuer", "http://localhost:8003",
				"--weather-api-url", "http://127.0.0.1:9999");

		assertThat(context.getEnvironment().getProperty("mcp.static.port")).isEqualTo("8000");
		assertThat(context.getEnvironment().getProperty("mcp.static.issuer")).isEqualTo("http://localhost:8003");
		assertThat(context.getEnvironment().getProperty("mcp.static.weather-api-url"))
			.isEqualTo("http://127.0.0.1:9999");
		assertThat(context.getEnvironment().getProperty("mcp.static.dynamic-registration")).isEqualTo("false");
	}

	@Test
	void defaultsWhenRoleAndPortGivenThenPortWins() {
		GenericApplicationContext context = initialized("--role", "resource-server", "--port", "9100");

		assertThat(context.getEnvironment().getProperty("mcp.static.port")).isEqualTo("9100");
	}

	@Test
	void toSpringArgumentsWhenResourcesRepeatedThenIndexed() {
		String[] args = StaticServerArguments.toSpringArguments("--role=authorization-server", "--resource",
				"http://127.0.0.1:8000/mcp", "--resource", "http://localhost:8000/mcp");

		assertThat(args).contains("--mcp.static.resources[0]=http://127.0.0.1:8000/mcp",
				"--mcp.static.resources[1]=http://localhost:8000/mcp");
	}

	@Test
	void initializeWhenUnknownRoleThenNamesTheRoles() {
		assertThatIllegalArgumentException().isThrownBy(() -> initialized("--role", "proxy"))
			.withMessageContaining("combined, authorization-server, resource-server");
	}

	private static GenericApplicationContext initialized(String... args) {
		GenericApplicationContext context = new GenericApplicationContext();
		context.getEnvironment()
			.getPropertySources()
			.addFirst(new SimpleCommandLinePropertySource(StaticServerArguments.toSpringArguments(args)));
		new ServerRoleInitializer().initialize(context);
		return context;
	}

}
