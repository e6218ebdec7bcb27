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
