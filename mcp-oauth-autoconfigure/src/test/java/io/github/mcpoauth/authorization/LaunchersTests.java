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

package io.github.mcpoauth.authorization;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import io.github.mcpoauth.core.McpOAuthErrorCode;
import io.github.mcpoauth.core.McpOAuthException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.github.mcpoauth.testsupport.McpOAuthAssertions.expectThrown;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the {@link LoopbackUserAgent.Launcher}s: {@link PrintUrlLauncher} and
 * {@link SystemBrowserLauncher}, which open or show only https URLs, or http ones on a
 * loopback host.
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

	@ParameterizedTest
	@ValueSource(strings = { "file:///etc/passwd", "javascript:alert(1)", "myapp://authorize?state=s",
			"http://as.example/authorize?state=s" })
	void printUrlLauncherWhenUrlIsNeitherHttpsNorLoopbackHttpThenRefusesAndPrintsNothing(String url) {
		List<String> lines = new ArrayList<>();

		expectThrown(() -> new PrintUrlLauncher(lines::add).launch(URI.create(url)), McpOAuthErrorCode.INSECURE_ENDPOINT);

		assertThat(lines).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "file:///etc/passwd", "javascript:alert(1)", "myapp://authorize?state=s",
			"http://as.example/authorize?state=s" })
	void systemBrowserLauncherWhenUrlIsNeitherHttpsNorLoopbackHttpThenRefusesBeforeStartingAProcess(String url) {
		// a command that cannot start: had the launcher tried, it would fail with INTERACTION_REQUIRED
		SystemBrowserLauncher launcher = new SystemBrowserLauncher(List.of("no-such-browser-3f9c1"));

		McpOAuthException ex = expectThrown(() -> launcher.launch(URI.create(url)), McpOAuthErrorCode.INSECURE_ENDPOINT);

		assertThat(ex.getMessage()).contains("authorization URL").doesNotContain("state=s");
	}

	@Test
	void systemBrowserLauncherWhenUrlIsLoopbackHttpThenTriesToOpenIt() {
		SystemBrowserLauncher launcher = new SystemBrowserLauncher(List.of("no-such-browser-3f9c1"));

		expectThrown(() -> launcher.launch(URI.create("http://127.0.0.1:9003/authorize")),
				McpOAuthErrorCode.INTERACTION_REQUIRED);
	}

	@Test
	void systemBrowserLauncherWhenCommandCannotStartThenInteractionRequiredNamingIt() {
		SystemBrowserLauncher launcher = new SystemBrowserLauncher(List.of("no-such-browser-3f9c1"));

		McpOAuthException ex = expectThrown(() -> launcher.launch(AUTHORIZATION_URI),
				McpOAuthErrorCode.INTERACTION_REQUIRED);

		assertThat(ex.getMessage()).contains("no-such-browser-3f9c1").doesNotContain("code_challenge");
	}

}
