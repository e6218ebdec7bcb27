package io.github.mcpoauth.authorization;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import io.github.mcpoauth.core.McpOAuthErrorCode;
import io.github.mcpoauth.core.McpOAuthException;
import org.junit.jupiter.api.Test;

import static io.github.mcpoauth.testsupport.McpOAuthAssertions.expectThrown;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the {@link LoopbackUserAgent.Launcher}s: {@link PrintUrlLauncher} and
 * {@link SystemBrowserLauncher}.
 */
class LaunchersTests {

	private static final URI AUTHORIZATION_URI = URI
		.create("https://as.example/authorize?response_type=code&client_id=app&state=s&code_challenge=c");

	@Test
	void printUrlLauncherThenShowsTheAuthorizationUrlOnItsOwnLine() {
		List<String> lines = new ArrayList<>();

		new PrintUrlLauncher(lines::add).launch(AUTHORIZATION_URI);

		assertThat(lines).hasSize(2).endsWith(AUTHORIZATION_URI.toString());
	}

	@Test
	void systemBrowserLauncherWhenCommandCannotStartThenInteractionRequiredNamingIt() {
		SystemBrowserLauncher launcher = new SystemBrowserLauncher(List.of("no-such-browser-3f9c1"));

		McpOAuthException ex = expectThrown(() -> launcher.launch(AUTHORIZATION_URI),
				McpOAuthErrorCode.INTERACTION_REQUIRED);

		assertThat(ex.getMessage()).contains("no-such-browser-3f9c1").doesNotContain("code_challenge");
	}

}
