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

package io.github.mcpoauth.store;

import io.github.mcpoauth.core.McpOAuthException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class StoreKeysTests {

	@Test
	void escapeWhenIssuerUrlThenReadableAndFreeOfSlashes() {
		assertThat(StoreKeys.escape("https://as.example.com/tenant")).isEqualTo("https~3A~2F~2Fas.example.com~2Ftenant");
	}

	@Test
	void escapeWhenDotSegmentsOrTildeThenEscapedSoPathsStayUnambiguous() {
		assertThat(StoreKeys.escape("..")).isEqualTo("~2E.");
		assertThat(StoreKeys.escape(".hidden")).isEqualTo("~2Ehidden");
		assertThat(StoreKeys.escape("a~b")).isEqualTo("a~7Eb");
	}

	@Test
	void unescapeWhenEscapedThenRoundTripsAnyString() {
		for (String value : new String[] { "plain", "with space", "ünïcødé/名前", "a/b:c?d#e%f", "..", "~", "" }) {
			assertThat(StoreKeys.unescape(StoreKeys.escape(value))).isEqualTo(value);
		}
	}

	@Test
	void keysWhenServerAndIssuerOrPrincipalThenOneSegmentEach() {
		assertThat(StoreKeys.registration("a/b", "https://x")).isEqualTo("registrations/a~2Fb/https~3A~2F~2Fx");
		assertThat(StoreKeys.token(TokenKey.of("my server", "user@example.com")))
			.isEqualTo("tokens/my~20server/user~40example.com");
		assertThat(StoreKeys.legacyToken("my server")).isEqualTo("tokens/my~20server");
	}

	@Test
	void unescapeWhenNotWrittenByStoreKeysThenFails() {
		assertThatExceptionOfType(McpOAuthException.class).isThrownBy(() -> StoreKeys.unescape("bad%20key"))
			.withMessageContaining("was not written by mcp-oauth");
		assertThatExceptionOfType(McpOAuthException.class).isThrownBy(() -> StoreKeys.unescape("trailing~2"));
	}

}
