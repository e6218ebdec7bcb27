package io.github.mcpoauth.sample.server;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link StaticServerProperties}.
 */
class StaticServerPropertiesTests {

	@Test
	void toStringWhenCreatedThenSecretHidden() {
		StaticServerProperties properties = properties(List.of(), "https://mcp.example.com");

		assertThat(properties.toString()).contains("client-x").doesNotContain("top-secret").contains("[PROTECTED]");
	}

	@Test
	void constructorWhenPublicUrlHasTrailingSlashThenRemoved() {
		assertThat(properties(List.of(), "https://mcp.example.com/base/").publicUrl())
			.isEqualTo("https://mcp.example.com/base");
	}

	@Test
	void constructorWhenPublicUrlInvalidThenMessageNamesKey() {
		for (String publicUrl : List.of("ftp://mcp.example.com", "https://mcp.example.com/?q=1", "mcp.example.com",
				"https://mcp.example.com/#f")) {
			assertThatIllegalArgumentException().as(publicUrl)
				.isThrownBy(() -> properties(List.of(), publicUrl))
				.withMessageContaining("mcp.static.public-url");
		}
	}

	@Test
	void constructorWhenRedirectUriRelativeThenMessageNamesKey() {
		assertThatIllegalArgumentException().isThrownBy(() -> properties(List.of("/callback"), null))
			.withMessageContaining("mcp.static.redirect-uris");
	}

	@Test
	void constructorWhenSecretBlankThenMessageNamesKey() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new StaticServerProperties("client", " ", Duration.ofSeconds(60), List.of(), false, null))
			.withMessageContaining("mcp.static.client-secret");
	}

	@Test
	void constructorWhenTokenLifetimeNotPositiveThenMessageNamesKey() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new StaticServerProperties("client", "secret", Duration.ZERO, List.of(), false, null))
			.withMessageContaining("mcp.static.access-token-ttl");
	}

	private static StaticServerProperties properties(List<String> redirectUris, String publicUrl) {
		return new StaticServerProperties("client-x", "top-secret", Duration.ofSeconds(60), redirectUris, false,
				publicUrl);
	}

}
