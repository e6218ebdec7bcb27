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

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.github.mcpoauth.client.McpOAuthClient;
import io.github.mcpoauth.core.McpServerDefinition;
import io.github.mcpoauth.testsupport.Engines;
import io.github.mcpoauth.testsupport.FakeAuthorizationServer;
import io.github.mcpoauth.token.OAuthToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two JVMs sharing one store (an encrypted file, and Vault through its KV v2 API), with
 * rotating refresh tokens and the stored token already expired: each sends many concurrent
 * requests for a token at once. One refresh serves both processes: the process that waited
 * for the refresh lock uses the token the other stored, nothing is deleted, and nobody is
 * asked to log in again.
 */
class MultiProcessRefreshTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(90);

	private static final int COUNT = 100;

	@RegisterExtension
	final FakeAuthorizationServer fake = FakeAuthorizationServer.startWithMetadata();

	@TempDir
	Path temp;

	@Test
	void refreshWhenTwoProcessesShareAnEncryptedFileAndTheTokenExpiredThenOneRefreshServesBoth() throws Exception {
		Path directory = this.temp.resolve("store");
		EncryptedFileTokenStore store = EncryptedFileTokenStore.builder(directory).build();
		refreshConcurrently(store, Map.of(), "file", directory.toString());
	}

	@Test
	void refreshWhenTwoProcessesShareVaultAndTheTokenExpiredThenOneRefreshServesBoth() throws Exception {
		try (FakeVaultServer vault = new FakeVaultServer()) {
			TokenStore store = RefreshWorkerMain.openStoreWithToken(vault.uri().toString(), FakeVaultServer.ROOT_TOKEN);
			try {
				refreshConcurrently(store, Map.of(RefreshWorkerMain.VAULT_TOKEN_VARIABLE, FakeVaultServer.ROOT_TOKEN),
						"vault", vault.uri().toString());
			}
			finally {
				((AutoCloseable) store).close();
			}
		}
	}

	private void refreshConcurrently(TokenStore store, Map<String, String> environment, String type, String location)
			throws Exception {
		McpServerDefinition server = McpServerDefinition.builder("shared", this.fake.mcpUrl()).build();
		OAuthToken issued = Engines.direct(store, Clock.systemUTC()).build().ensureAuthenticated(server).block(TIMEOUT);
		OAuthToken expired = OAuthToken.builder()
			.accessToken(issued.accessToken())
			.tokenType(issued.tokenType())
			.refreshToken(issued.refreshToken())
			.issuedAt(issued.issuedAt().minus(Duration.ofHours(2)))
			.expiresAt(issued.issuedAt().minus(Duration.ofHours(1)))
			.issuer(issued.issuer())
			.resource(issued.resource())
			.scopes(issued.scopes())
			.build();
		store.saveToken(TokenKey.of("shared"), expired).block(TIMEOUT);
		this.fake.clearRecordings();
		this.fake.tokenDelay(Duration.ofMillis(300)); // a refresh long enough for both processes to notice the expiry

		McpOAuthClient parent = RefreshWorkerMain.engine(store);
		List<String> tokens = new ArrayList<>();
		Process child = start(environment, type, location, this.fake.mcpUrl().toString(), String.valueOf(COUNT));
		try (BufferedReader output = new BufferedReader(
				new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
				Writer input = new OutputStreamWriter(child.getOutputStream(), StandardCharsets.UTF_8)) {
			assertThat(output.readLine()).isEqualTo("READY");
			input.write("go\n");
			input.flush();
			tokens.addAll(RefreshWorkerMain.run(parent, server, COUNT));
			assertThat(child.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
			String line;
			List<String> childLines = new ArrayList<>();
			while ((line = output.readLine()) != null) {
				childLines.add(line);
				if (line.startsWith("TOKEN ")) {
					tokens.add(line.substring("TOKEN ".length()));
				}
			}
			assertThat(child.exitValue()).as(String.join("\n", childLines)).isZero();
			assertThat(childLines).as(String.join("\n", childLines)).contains("DONE");
		}
		finally {
			child.destroyForcibly();
			parent.close();
		}

		OAuthToken stored = store.loadToken(TokenKey.of("shared")).block(TIMEOUT);
		assertThat(stored).isNotNull();
		assertThat(stored.accessToken()).isNotEqualTo(issued.accessToken());
		assertThat(tokens).hasSize(2 * COUNT).containsOnly(stored.accessToken());
		assertThat(this.fake.tokenRequests("refresh_token")).hasSize(1);
		assertThat(this.fake.tokenRequests("authorization_code")).isEmpty();
	}

	private static Process start(Map<String, String> environment, String... args) throws IOException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(RefreshWorkerMain.class.getName());
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().putAll(environment);
		return builder.start();
	}

}
