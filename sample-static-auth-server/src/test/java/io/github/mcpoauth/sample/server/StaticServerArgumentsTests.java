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

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link StaticServerArguments}. The environment variables need no translation:
 * {@link EnvironmentVariablesIntegrationTests}.
 */
class StaticServerArgumentsTests {

	@Test
	void toSpringArgumentsWhenTwoWordFlagThenTranslated() {
		String[] args = StaticServerArguments.toSpringArguments(new String[] { "--port", "9003" });

		assertThat(args).containsExactly("--mcp.static.port=9003");
	}

	@Test
	void toSpringArgumentsWhenEqualsFormThenTranslated() {
		String[] args = StaticServerArguments.toSpringArguments(
				new String[] { "--port=0", "--client-id=my-client-001", "--client-secret", "s3cret" });

		assertThat(args).containsExactlyInAnyOrder("--mcp.static.port=0", "--mcp.static.client-id=my-client-001",
				"--mcp.static.client-secret=s3cret");
	}

	@Test
	void toSpringArgumentsWhenFlagRepeatedThenLastWins() {
		String[] args = StaticServerArguments.toSpringArguments(new String[] { "--port=1", "--port", "2" });

		assertThat(args).containsExactly("--mcp.static.port=2");
	}

	@Test
	void toSpringArgumentsWhenRedirectUriRepeatedThenIndexed() {
		String[] args = StaticServerArguments.toSpringArguments(new String[] { "--redirect-uri",
				"http://localhost:8080/cb", "--redirect-uri=https://app.example.com/cb" });

		assertThat(args).containsExactly("--mcp.static.redirect-uris[0]=http://localhost:8080/cb",
				"--mcp.static.redirect-uris[1]=https://app.example.com/cb");
	}

	@Test
	void toSpringArgumentsWhenDynamicRegistrationSwitchThenTrueWithoutConsumingNextArgument() {
		String[] args = StaticServerArguments.toSpringArguments(new String[] { "--dynamic-registration", "--port",
				"9003" });

		assertThat(args).containsExactlyInAnyOrder("--mcp.static.dynamic-registration=true", "--mcp.static.port=9003");
	}

	@Test
	void toSpringArgumentsWhenDynamicRegistrationExplicitlyFalseThenFalse() {
		String[] args = StaticServerArguments.toSpringArguments(new String[] { "--dynamic-registration=false" });

		assertThat(args).containsExactly("--mcp.static.dynamic-registration=false");
	}

	@Test
	void toSpringArgumentsWhenWeatherApiUrlThenItsOwnProperty() {
		String[] args = StaticServerArguments.toSpringArguments("--weather-api-url", "http://127.0.0.1:9999");

		assertThat(args).containsExactly("--mcp.static.weather-api-url=http://127.0.0.1:9999");
	}

	@Test
	void toSpringArgumentsWhenOtherArgumentsThenPassedThroughAfterFlags() {
		String[] args = StaticServerArguments.toSpringArguments(
				new String[] { "--spring.main.banner-mode=off", "--port", "9003", "--debug" });

		assertThat(args).containsExactly("--mcp.static.port=9003", "--spring.main.banner-mode=off", "--debug");
	}

	@Test
	void toSpringArgumentsWhenFlagHasNoValueThenIllegalArgument() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> StaticServerArguments.toSpringArguments(new String[] { "--port" }))
			.withMessageContaining("--port needs a value");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> StaticServerArguments.toSpringArguments(new String[] { "--client-id", "--port=1" }))
			.withMessageContaining("--client-id");
	}

	@Test
	void isHelpRequestedWhenHelpFlagThenTrue() {
		assertThat(StaticServerArguments.isHelpRequested("--port", "1", "--help")).isTrue();
		assertThat(StaticServerArguments.isHelpRequested("-h")).isTrue();
		assertThat(StaticServerArguments.isHelpRequested("--port", "1")).isFalse();
	}

	@Test
	void toSpringArgumentsWhenBoundThenFillStaticServerProperties() {
		String[] args = StaticServerArguments.toSpringArguments(new String[] { "--port", "9004",
				"--access-token-ttl", "120", "--redirect-uri", "https://app.example.com/cb", "--dynamic-registration",
				"--public-url", "https://mcp.example.com/" });

		StaticServerProperties properties = bind(args);

		assertThat(args).contains("--mcp.static.port=9004");
		assertThat(properties.accessTokenTtl()).isEqualTo(Duration.ofSeconds(120));
		assertThat(properties.redirectUris()).containsExactly("https://app.example.com/cb");
		assertThat(properties.dynamicRegistration()).isTrue();
		assertThat(properties.publicUrl()).isEqualTo("https://mcp.example.com");
		assertThat(properties.clientId()).isEqualTo(StaticServerProperties.DEFAULT_CLIENT_ID);
	}

	@Test
	void toSpringArgumentsWhenNoFlagsThenDefaults() {
		StaticServerProperties properties = bind(StaticServerArguments.toSpringArguments(new String[0]));

		assertThat(properties.accessTokenTtl()).isEqualTo(Duration.ofSeconds(3600));
		assertThat(properties.clientSecret()).isEqualTo(StaticServerProperties.DEFAULT_CLIENT_SECRET);
		assertThat(properties.dynamicRegistration()).isFalse();
		assertThat(properties.publicUrl()).isNull();
		assertThat(properties.isDefaultClientSecret()).isTrue();
	}

	private static StaticServerProperties bind(String[] springArgs) {
		Map<String, String> source = new HashMap<>();
		Arrays.stream(springArgs).forEach((arg) -> {
			int equals = arg.indexOf('=');
			source.put(arg.substring(2, equals), arg.substring(equals + 1));
		});
		return new Binder(List.of(new MapConfigurationPropertySource(source)))
			.bindOrCreate(StaticServerProperties.CONFIG_PREFIX, StaticServerProperties.class);
	}

}
