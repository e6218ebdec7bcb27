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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import io.github.mcpoauth.token.OAuthToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link EncryptedFileTokenStore} shared by real processes: a second JVM runs
 * {@link StoreWriterMain} with the test classpath.
 */
class EncryptedFileMultiProcessTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private static final int COUNT = 40;

	@TempDir
	Path temp;

	@Test
	void saveTokenWhenTwoProcessesWriteAtOnceWithKeyFileThenEntriesOfBothArePresent() throws Exception {
		Path directory = this.temp.resolve("store");
		writeConcurrently(directory, Map.of(), EncryptedFileTokenStoreTests.keyFileStore(directory));
		assertThat(directory.resolve(EncryptedFileTokenStore.KEY_FILE_NAME)).exists();
	}

	@Test
	void saveTokenWhenTwoProcessesWriteAtOnceWithPasswordThenEntriesOfBothArePresent() throws Exception {
		Path directory = this.temp.resolve("store");
		writeConcurrently(directory,
				Map.of(StoreWriterMain.PASSWORD_VARIABLE, EncryptedFileTokenStoreTests.PASSWORD),
				EncryptedFileTokenStoreTests.passwordStore(directory, EncryptedFileTokenStoreTests.PASSWORD));
	}

	private void writeConcurrently(Path directory, Map<String, String> environment, EncryptedFileTokenStore parent)
			throws Exception {
		Process child = start(environment, "write", directory.toString(), "child-", String.valueOf(COUNT));
		try (BufferedReader output = reader(child);
				Writer input = new OutputStreamWriter(child.getOutputStream(), StandardCharsets.UTF_8)) {
			assertThat(output.readLine()).isEqualTo("READY");
			input.write("go\n");
			input.flush();
			ExecutorService executor = Executors.newFixedThreadPool(2);
			try {
				List<Future<?>> writes = new ArrayList<>();
				for (int thread = 0; thread < 2; thread++) {
					int offset = thread;
					writes.add(executor.submit(() -> IntStream.range(0, COUNT)
						.filter((i) -> i % 2 == offset)
						.forEach((i) -> parent.saveToken(TokenKey.of("parent-" + i), TestTokens.token("parent-" + i))
							.block(TIMEOUT))));
				}
				for (Future<?> write : writes) {
					write.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
				}
			}
			finally {
				executor.shutdownNow();
			}
			assertThat(child.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
			assertThat(remaining(output)).contains("DONE");
			assertThat(child.exitValue()).isZero();
		}
		finally {
			child.destroyForcibly();
		}
		List<String> names = parent.tokenKeys().map(TokenKey::serverName).collectList().block(TIMEOUT);
		assertThat(names).hasSize(2 * COUNT);
		assertThat(names).filteredOn((name) -> name.startsWith("child-")).hasSize(COUNT);
		assertThat(names).filteredOn((name) -> name.startsWith("parent-")).hasSize(COUNT);
		assertThat(parent.loadToken(TokenKey.of("child-7")).block(TIMEOUT)).isEqualTo(TestTokens.token("child-7"));
	}

	@Test
	void saveTokenWhenProcessKilledBetweenWriteAndRenameThenOldContentIntactAndLeftoverRemovedByNextWrite()
			throws Exception {
		Path directory = this.temp.resolve("store");
		EncryptedFileTokenStore store = EncryptedFileTokenStoreTests.passwordStore(directory,
				EncryptedFileTokenStoreTests.PASSWORD);
		store.saveToken(TokenKey.of("alpha"), TestTokens.token("alpha")).block(TIMEOUT);
		byte[] before = EncryptedFileTokenStoreTests.storeBytes(directory);

		Process child = start(Map.of(StoreWriterMain.PASSWORD_VARIABLE, EncryptedFileTokenStoreTests.PASSWORD),
				"crash", directory.toString(), "beta");
		String output;
		try (BufferedReader reader = reader(child)) {
			assertThat(child.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
			output = remaining(reader);
		}
		finally {
			child.destroyForcibly();
		}
		assertThat(child.exitValue()).as(output).isEqualTo(StoreWriterMain.CRASH_EXIT_CODE);
		assertThat(output).contains("HALTING").doesNotContain("NOT REACHED");

		assertThat(EncryptedFileTokenStoreTests.storeBytes(directory)).isEqualTo(before);
		List<Path> leftovers = temporaryFiles(directory);
		assertThat(leftovers).as("the killed process left its temporary file").hasSize(1);
		EncryptedFileTokenStore restarted = EncryptedFileTokenStoreTests.passwordStore(directory,
				EncryptedFileTokenStoreTests.PASSWORD);
		assertThat(restarted.tokenKeys().map(TokenKey::serverName).collectList().block(TIMEOUT)).containsExactly("alpha");
		restarted.saveToken(TokenKey.of("gamma"), TestTokens.token("gamma")).block(TIMEOUT);
		assertThat(temporaryFiles(directory)).isEmpty();
		assertThat(restarted.tokenKeys().map(TokenKey::serverName).collectList().block(TIMEOUT)).containsExactly("alpha", "gamma");
	}

	@Test
	void deleteTokenWithExpectedWhenAnotherProcessStoredANewerTokenThenKeepsIt() throws Exception {
		Path directory = this.temp.resolve("store");
		EncryptedFileTokenStore store = EncryptedFileTokenStoreTests.passwordStore(directory,
				EncryptedFileTokenStoreTests.PASSWORD);
		OAuthToken stale = TestTokens.token("alpha");
		store.saveToken(TokenKey.of("alpha"), stale).block(TIMEOUT);

		Process child = start(Map.of(StoreWriterMain.PASSWORD_VARIABLE, EncryptedFileTokenStoreTests.PASSWORD),
				"refresh", directory.toString(), "alpha");
		String output;
		try (BufferedReader reader = reader(child)) {
			assertThat(child.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
			output = remaining(reader);
		}
		finally {
			child.destroyForcibly();
		}
		assertThat(output).contains("DONE");

		assertThat(store.deleteToken(TokenKey.of("alpha"), stale).block(TIMEOUT))
			.as("this process still holds the token the other process replaced")
			.isFalse();
		OAuthToken refreshed = store.loadToken(TokenKey.of("alpha")).block(TIMEOUT);
		assertThat(refreshed).isEqualTo(TestTokens.token("alpha-refreshed"));
		assertThat(store.deleteToken(TokenKey.of("alpha"), refreshed).block(TIMEOUT)).isTrue();
		assertThat(store.tokenKeys().collectList().block(TIMEOUT)).isEmpty();
	}

	private static Process start(Map<String, String> environment, String... args) throws IOException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(StoreWriterMain.class.getName());
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().remove(StoreWriterMain.PASSWORD_VARIABLE);
		builder.environment().putAll(environment);
		return builder.start();
	}

	private static BufferedReader reader(Process process) {
		return new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
	}

	private static String remaining(BufferedReader reader) throws IOException {
		StringBuilder text = new StringBuilder();
		String line;
		while ((line = reader.readLine()) != null) {
			text.append(line).append('\n');
		}
		return text.toString();
	}

	private static List<Path> temporaryFiles(Path directory) throws IOException {
		try (var files = Files.list(directory)) {
			return files.filter((file) -> file.getFileName().toString().endsWith(EncryptedFileTokenStore.TEMP_SUFFIX))
				.toList();
		}
	}

}
