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

package io.github.mcpoauth.protocol;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link McpProtocolVersions}.
 */
class McpProtocolVersionsTests {

	@Test
	void isSupportedWhenARevisionOfEitherEraThenTrueElseFalse() {
		assertThat(McpProtocolVersions.isSupported("2026-07-28")).isTrue();
		assertThat(McpProtocolVersions.isSupported("2025-11-25")).isTrue();
		assertThat(McpProtocolVersions.isSupported("2025-03-26")).isTrue();
		assertThat(McpProtocolVersions.isSupported("2024-11-05")).isFalse();
		assertThat(McpProtocolVersions.isSupported("2099-01-01")).isFalse();
		assertThat(McpProtocolVersions.isSupported(null)).isFalse();
	}

	@Test
	void isModernWhenNewerThanTheLastHandshakeRevisionThenTrue() {
		assertThat(McpProtocolVersions.isModern("2026-07-28")).isTrue();
		assertThat(McpProtocolVersions.isModern("2099-01-01")).isTrue();
		assertThat(McpProtocolVersions.isModern("2025-11-25")).isFalse();
		assertThat(McpProtocolVersions.isModern("2025-06-18")).isFalse();
	}

	@Test
	void newestSharedThenTheNewestOfTheEraThatBothSpeak() {
		List<String> offered = List.of("2025-06-18", "2026-07-28", "2025-11-25");

		assertThat(McpProtocolVersions.newestShared(offered, true)).isEqualTo("2026-07-28");
		assertThat(McpProtocolVersions.newestShared(offered, false)).isEqualTo("2025-11-25");
		assertThat(McpProtocolVersions.newestShared(List.of("2099-01-01"), true)).isNull();
	}

}
