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

package io.github.mcpoauth.core;

import java.net.URI;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.github.mcpoauth.testsupport.McpOAuthAssertions.expectThrown;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link EndpointSchemes}: https anywhere, http only on a loopback host
 * (OAuth 2.1 §1.5, RFC 8414 §2, RFC 8252 §8.3), nothing else.
 */
class EndpointSchemesTests {

	@ParameterizedTest
	@ValueSource(strings = { "https://as.example/token", "HTTPS://AS.EXAMPLE/token", "https://as.example:8443/oauth",
			"https://10.0.0.7/token", "http://127.0.0.1:9003/token", "http://127.8.9.10/token", "http://localhost/token",
			"http://LocalHost:8080/token", "http://[::1]:9003/token", "http://[0:0:0:0:0:0:0:1]/token",
			"http://[::0001]/token" })
	void isAllowedWhenHttpsOrLoopbackHttpThenTrue(String url) {
		assertThat(EndpointSchemes.isAllowed(URI.create(url))).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://as.example/token", "http://10.0.0.7/token", "http://128.0.0.1/token",
			"http://127.0.0.1.evil.example/token", "http://localhost.evil.example/token", "http://evil-localhost/token",
			"http://[::2]/token", "http://[::ffff:127.0.0.1]/token", "http://[fe80::1%25eth0]/token",
			"http://0.0.0.0/token", "file:///etc/passwd", "file://localhost/etc/passwd", "javascript:alert(1)",
			"data:text/html,hi", "myapp://authorize", "ftp://127.0.0.1/token", "ws://127.0.0.1/token", "/token",
			"https:/token", "https:token" })
	void isAllowedWhenAnythingElseThenFalse(String url) {
		assertThat(EndpointSchemes.isAllowed(URI.create(url))).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "127.0.0.1", "127.255.255.254", "localhost", "LOCALHOST", "[::1]" })
	void isLoopbackHostWhenLoopbackLiteralOrLocalhostThenTrue(String host) {
		assertThat(EndpointSchemes.isLoopbackHost(host)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "127.1", "127.0.0.256", "127.0.0.01.5", "0177.0.0.1x", "::1", "[::1%lo]", "[1::]",
			"localhost.", "mcp.example" })
	void isLoopbackHostWhenAnythingElseThenFalse(String host) {
		assertThat(EndpointSchemes.isLoopbackHost(host)).isFalse();
	}

	@Test
	void checkWhenRefusedThenInsecureEndpointNamingWhatAndWhereWithoutTheQuery() {
		McpOAuthException ex = expectThrown(
				() -> EndpointSchemes.check(URI.create("http://as.example/token?secret=1"), "token endpoint"),
				McpOAuthErrorCode.INSECURE_ENDPOINT);

		assertThat(ex.getMessage()).contains("token endpoint 'http://as.example/token'")
			.contains("RFC 8252 §8.3")
			.doesNotContain("secret=1");
	}

	@Test
	void describeWhenOpaqueOrLongThenShortensIt() {
		assertThat(EndpointSchemes.describe(URI.create("javascript:alert(document.cookie)"))).isEqualTo("'javascript:...'");
		assertThat(EndpointSchemes.describe(URI.create("https://as.example/" + "a".repeat(300)))).hasSize(122)
			.endsWith("...'");
	}

}
