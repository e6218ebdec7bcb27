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
 * Tests for {@link StaticServerArguments}.
 */
class StaticServerArgumentsTests {

	private static final Map<String, String> NO_ENVIRONMENT = Map.of();

	@Test
	void toSpringArgumentsWhenTwoWordFlagThenTranslated() {
		String[] args = StaticServerArguments.toSpringArguments(new String[] { "--port", "9003" }, NO_ENVIRONMENT);

		assertThat(args).containsExactly("--mcp.static.port=9003");
	}

	@Test
	void toSpringArgumentsWhenEqualsFormThenTranslated() {
		String[] args = StaticServerArguments.toSpringArguments(
				new String[] { "--port=0", "--client-id=my-client-001", "--client-secret", "s3cret" }, NO_ENVIRONMENT);

		assertThat(args).containsExactlyInAnyOrder("--mcp.static.port=0", "--mcp.static.client-id=my-client-001",
				"--mcp.static.client-secret=s3cret");
	}

	@Test
	void toSpringArgumentsWhenEnvironmentVariablesThenTranslated() {
		Map<String, String> environment = Map.of("MCP_STATIC_CLIENT_ID", "env-client", "MCP_STATIC_CLIENT_SECRET",
				"env-secret", "MCP_STATIC_PORT", "9100", "MCP_STATIC_HOST", "0.0.0.0", "MCP_STATIC_USERNAME", "alice",
				"MCP_STATIC_PASSWORD", "wonderland", "MCP_STATIC_PUBLIC_URL", "https://mcp.example.com",
				"UNRELATED", "ignored");

		String[] args = StaticServerArguments.toSpringArguments(new String[0], environment);

		assertThat(args).containsExactlyInAnyOrder("--mcp.static.client-id=env-client",
				"--mcp.static.client-secret=env-secret", "--mcp.static.port=9100", "--mcp.static.host=0.0.0.0",
				"--mcp.static.username=alice", "--mcp.static.password=wonderland",
				"--mcp.static.public-url=https://mcp.example.com");
	}

	@Test
	void toSpringArgumentsWhenFlagAndEnvironmentVariableThenFlagWins() {
		Map<String, String> environment = Map.of("MCP_STATIC_PORT", "9100", "MCP_STATIC_CLIENT_ID", "env-client");

		String[] args = StaticServerArguments.toSpringArguments(new String[] { "--port", "9200" }, environment);

		assertThat(args).containsExactlyInAnyOrder("--mcp.static.port=9200", "--mcp.static.client-id=env-client");
	}

	@Test
	void toSpringArgumentsWhenFlagRepeatedThenLastWins() {
		String[] args = StaticServerArguments.toSpringArguments(new String[] { "--port=1", "--port", "2" },
				NO_ENVIRONMENT);

		assertThat(args).containsExactly("--mcp.static.port=2");
	}

	@Test
	void toSpringArgumentsWhenRedirectUriRepeatedThenIndexed() {
		String[] args = StaticServerArguments.toSpringArguments(new String[] { "--redirect-uri",
				"http://localhost:8080/cb", "--redirect-uri=https://app.example.com/cb" }, NO_ENVIRONMENT);

		assertThat(args).containsExactly("--mcp.static.redirect-uris[0]=http://localhost:8080/cb",
				"--mcp.static.redirect-uris[1]=https://app.example.com/cb");
	}

	@Test
	void toSpringArgumentsWhenRedirectUrisInEnvironmentThenSplitOnCommas() {
		String[] args = StaticServerArguments.toSpringArguments(new String[0],
				Map.of("MCP_STATIC_REDIRECT_URIS", "http://localhost:8080/cb, https://app.example.com/cb"));

		assertThat(args).containsExactly("--mcp.static.redirect-uris[0]=http://localhost:8080/cb",
				"--mcp.static.redirect-uris[1]=https://app.example.com/cb");
	}

	@Test
	void toSpringArgumentsWhenDynamicRegistrationSwitchThenTrueWithoutConsumingNextArgument() {
		String[] args = StaticServerArguments.toSpringArguments(new String[] { "--dynamic-registration", "--port",
				"9003" }, NO_ENVIRONMENT);

		assertThat(args).containsExactlyInAnyOrder("--mcp.static.dynamic-registration=true", "--mcp.static.port=9003");
	}

	@Test
	void toSpringArgumentsWhenDynamicRegistrationExplicitlyFalseThenFalse() {
		String[] args = StaticServerArguments.toSpringArguments(new String[] { "--dynamic-registration=false" },
				Map.of("MCP_STATIC_DYNAMIC_REGISTRATION", "true"));

		assertThat(args).containsExactly("--mcp.static.dynamic-registration=false");
	}

	@Test
	void toSpringArgumentsWhenOtherArgumentsThenPassedThroughAfterFlags() {
		String[] args = StaticServerArguments.toSpringArguments(
				new String[] { "--spring.main.banner-mode=off", "--port", "9003", "--debug" }, NO_ENVIRONMENT);

		assertThat(args).containsExactly("--mcp.static.port=9003", "--spring.main.banner-mode=off", "--debug");
	}

	@Test
	void toSpringArgumentsWhenFlagHasNoValueThenIllegalArgument() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> StaticServerArguments.toSpringArguments(new String[] { "--port" }, NO_ENVIRONMENT))
			.withMessageContaining("--port needs a value");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> StaticServerArguments.toSpringArguments(new String[] { "--client-id", "--port=1" },
					NO_ENVIRONMENT))
			.withMessageContaining("--client-id");
	}

	@Test
	void toSpringArgumentsWhenEnvironmentValueBlankThenIgnored() {
		String[] args = StaticServerArguments.toSpringArguments(new String[0], Map.of("MCP_STATIC_PORT", " "));

		assertThat(args).isEmpty();
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
				"--public-url", "https://mcp.example.com/" }, Map.of("MCP_STATIC_USERNAME", "alice"));

		StaticServerProperties properties = bind(args);

		assertThat(properties.port()).isEqualTo(9004);
		assertThat(properties.accessTokenTtl()).isEqualTo(Duration.ofSeconds(120));
		assertThat(properties.redirectUris()).containsExactly("https://app.example.com/cb");
		assertThat(properties.dynamicRegistration()).isTrue();
		assertThat(properties.publicUrl()).isEqualTo("https://mcp.example.com");
		assertThat(properties.username()).isEqualTo("alice");
		assertThat(properties.clientId()).isEqualTo(StaticServerProperties.DEFAULT_CLIENT_ID);
		assertThat(properties.host()).isEqualTo("127.0.0.1");
	}

	@Test
	void toSpringArgumentsWhenNoFlagsThenDefaults() {
		StaticServerProperties properties = bind(StaticServerArguments.toSpringArguments(new String[0], Map.of()));

		assertThat(properties.port()).isEqualTo(9003);
		assertThat(properties.accessTokenTtl()).isEqualTo(Duration.ofSeconds(3600));
		assertThat(properties.clientSecret()).isEqualTo(StaticServerProperties.DEFAULT_CLIENT_SECRET);
		assertThat(properties.username()).isEqualTo("demo");
		assertThat(properties.password()).isEqualTo("demo");
		assertThat(properties.dynamicRegistration()).isFalse();
		assertThat(properties.publicUrl()).isNull();
		assertThat(properties.isDefaultClientSecret()).isTrue();
		assertThat(properties.isDefaultPassword()).isTrue();
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
