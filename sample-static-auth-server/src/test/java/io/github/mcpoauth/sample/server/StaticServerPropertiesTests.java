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
