package io.github.mcpoauth.sample.server;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The {@code --role} flag and the defaults each role brings.
 */
class ServerRoleArgumentsTests {

	@Test
	void toSpringArgumentsWhenNoRoleThenCombinedDefaultsUnchanged() {
		assertThat(StaticServerArguments.toSpringArguments(new String[0], Map.of())).isEmpty();
	}

	@Test
	void toSpringArgumentsWhenAuthorizationServerThenPort8003AndOpenRegistration() {
		String[] args = StaticServerArguments.toSpringArguments(new String[] { "--role", "authorization-server" },
				Map.of());

		assertThat(args).contains("--mcp.static.role=authorization-server", "--mcp.static.port=8003",
				"--mcp.static.dynamic-registration=true");
	}

	@Test
	void toSpringArgumentsWhenResourceServerThenPort8000AndIssuerAndWeatherUrl() {
		String[] args = StaticServerArguments.toSpringArguments(new String[] { "--role=resource-server", "--issuer",
				"http://localhost:8003", "--weather-api-url", "http://127.0.0.1:9999" }, Map.of());

		assertThat(args).contains("--mcp.static.role=resource-server", "--mcp.static.port=8000",
				"--mcp.static.issuer=http://localhost:8003", "--mcp.static.weather.base-url=http://127.0.0.1:9999");
		assertThat(args).doesNotContain("--mcp.static.dynamic-registration=true");
	}

	@Test
	void toSpringArgumentsWhenRoleAndPortGivenThenPortWins() {
		String[] args = StaticServerArguments.toSpringArguments(new String[] { "--port", "9100" },
				Map.of("MCP_STATIC_ROLE", "resource-server"));

		assertThat(args).contains("--mcp.static.port=9100", "--mcp.static.role=resource-server")
			.doesNotContain("--mcp.static.port=8000");
	}

	@Test
	void toSpringArgumentsWhenResourcesRepeatedThenIndexed() {
		String[] args = StaticServerArguments.toSpringArguments(new String[] { "--role=authorization-server",
				"--resource", "http://127.0.0.1:8000/mcp", "--resource", "http://localhost:8000/mcp" }, Map.of());

		assertThat(args).contains("--mcp.static.resources[0]=http://127.0.0.1:8000/mcp",
				"--mcp.static.resources[1]=http://localhost:8000/mcp");
	}

	@Test
	void toSpringArgumentsWhenUnknownRoleThenNamesTheRoles() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> StaticServerArguments.toSpringArguments(new String[] { "--role", "proxy" }, Map.of()))
			.withMessageContaining("combined, authorization-server, resource-server");
	}

}
