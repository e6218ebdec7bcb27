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

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import io.github.mcpoauth.core.McpOAuthErrorCode;
import io.github.mcpoauth.core.McpOAuthException;
import io.github.mcpoauth.token.OAuthToken;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class EncryptedFileTokenStoreTests extends TokenStoreContractTests {

	/** Low for speed; {@link #saveTokenWhenDefaultIterationsThenHeaderSays600000AndKeyIsDerivedOnce} uses the default. */
	static final int TEST_ITERATIONS = 1_000;

	static final String PASSWORD = "correct horse battery staple";

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	@TempDir
	Path temp;

	@Override
	McpOAuthStore createStore() {
		return passwordStore(this.temp.resolve("store"), PASSWORD);
	}

	static EncryptedFileTokenStore passwordStore(Path directory, String password) {
		return EncryptedFileTokenStore.builder(directory)
			.password(password.toCharArray())
			.pbkdf2Iterations(TEST_ITERATIONS)
			.clock(TestTokens.CLOCK)
			.build();
	}

	static EncryptedFileTokenStore keyFileStore(Path directory) {
		return EncryptedFileTokenStore.builder(directory).clock(TestTokens.CLOCK).build();
	}

	@Test
	void backendNameIsEncryptedFile() {
		assertThat(createStore().backendName()).isEqualTo("encrypted-file");
	}

	@Test
	void loadTokenWhenReopenedWithSamePasswordThenReadsWhatAnotherInstanceWrote() {
		Path directory = this.temp.resolve("store");
		passwordStore(directory, PASSWORD).saveToken(TokenKey.of("alpha"), TestTokens.token("alpha")).block(TIMEOUT);
		passwordStore(directory, PASSWORD)
			.saveRegistration("alpha", TestTokens.registration("alpha", TestTokens.ISSUER))
			.block(TIMEOUT);
		EncryptedFileTokenStore restarted = passwordStore(directory, PASSWORD);
		assertThat(restarted.loadToken(TokenKey.of("alpha")).block(TIMEOUT)).isEqualTo(TestTokens.token("alpha"));
		assertThat(restarted.loadRegistration("alpha", TestTokens.ISSUER).block(TIMEOUT))
			.isEqualTo(TestTokens.registration("alpha", TestTokens.ISSUER));
	}

	@Test
	@DisabledOnOs(OS.WINDOWS)
	void saveTokenWhenFirstWriteThenDirectoryIs0700AndFilesAre0600() throws IOException {
		Path directory = this.temp.resolve("nested/store");
		passwordStore(directory, PASSWORD).saveToken(TokenKey.of("alpha"), TestTokens.token("alpha")).block(TIMEOUT);
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory))).isEqualTo("rwx------");
		assertThat(permissions(directory.resolve(EncryptedFileTokenStore.STORE_FILE_NAME))).isEqualTo("rw-------");
		assertThat(permissions(directory.resolve(EncryptedFileTokenStore.LOCK_FILE_NAME))).isEqualTo("rw-------");
		assertThat(listFiles(directory)).extracting((file) -> file.getFileName().toString())
			.containsExactlyInAnyOrder(EncryptedFileTokenStore.STORE_FILE_NAME, EncryptedFileTokenStore.LOCK_FILE_NAME);
	}

	@Test
	@DisabledOnOs(OS.WINDOWS)
	void saveTokenWhenNoPasswordThenKeyFileIs0600AndHolds256RandomBits() throws IOException {
		Path directory = this.temp.resolve("store");
		keyFileStore(directory).saveToken(TokenKey.of("alpha"), TestTokens.token("alpha")).block(TIMEOUT);
		Path keyFile = directory.resolve(EncryptedFileTokenStore.KEY_FILE_NAME);
		assertThat(permissions(keyFile)).isEqualTo("rw-------");
		assertThat(Files.size(keyFile)).isEqualTo(32);
		assertThat(permissions(directory)).isEqualTo("rwx------");
		assertThat(permissions(directory.resolve(EncryptedFileTokenStore.STORE_FILE_NAME))).isEqualTo("rw-------");
		assertThat(keyFileStore(directory).loadToken(TokenKey.of("alpha")).block(TIMEOUT)).isEqualTo(TestTokens.token("alpha"));
	}

	@Test
	void storeDirectoryWhenWrittenThenNoFileContainsASecretOrServerName() throws IOException {
		Path passwordDirectory = this.temp.resolve("password");
		Path keyFileDirectory = this.temp.resolve("key-file");
		for (EncryptedFileTokenStore store : List.of(passwordStore(passwordDirectory, PASSWORD),
				keyFileStore(keyFileDirectory))) {
			store.saveToken(TokenKey.of("alpha"), TestTokens.token("alpha")).block(TIMEOUT);
			store.saveRegistration("alpha", TestTokens.registration("alpha", TestTokens.ISSUER)).block(TIMEOUT);
		}
		List<String> forbidden = List.of(TestTokens.accessToken("alpha"), TestTokens.refreshToken("alpha"),
				TestTokens.clientSecret("alpha"), PASSWORD, "alpha", "client-alpha", "as.example.com", "access_token",
				"SECRET");
		for (Path directory : List.of(passwordDirectory, keyFileDirectory)) {
			List<Path> files = listFiles(directory);
			assertThat(files).isNotEmpty();
			for (Path file : files) {
				byte[] content = Files.readAllBytes(file);
				for (String secret : forbidden) {
					for (byte[] encoded : List.of(secret.getBytes(StandardCharsets.UTF_8),
							secret.getBytes(StandardCharsets.UTF_16LE), secret.getBytes(StandardCharsets.UTF_16BE))) {
						assertThat(indexOf(content, encoded)).as("'%s' in %s", secret, file).isEqualTo(-1);
					}
				}
			}
		}
	}

	@Test
	void loadTokenWhenPasswordWrongThenFailsWithClearMessageAndLeavesFileUntouched() throws IOException {
		Path directory = this.temp.resolve("store");
		passwordStore(directory, PASSWORD).saveToken(TokenKey.of("alpha"), TestTokens.token("alpha")).block(TIMEOUT);
		byte[] before = storeBytes(directory);
		EncryptedFileTokenStore wrong = passwordStore(directory, "not the password");
		assertThatExceptionOfType(McpOAuthException.class).isThrownBy(() -> wrong.loadToken(TokenKey.of("alpha")).block(TIMEOUT))
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(McpOAuthErrorCode.STORAGE_FAILED))
			.withMessageContaining("is not the password it was encrypted with")
			.withMessageContaining("move the file aside")
			.withMessageNotContaining(PASSWORD)
			.withMessageNotContaining("not the password\"");
		assertThat(storeBytes(directory)).isEqualTo(before);
	}

	@Test
	void saveTokenWhenPasswordWrongThenFailsAndLeavesFileUntouched() throws IOException {
		Path directory = this.temp.resolve("store");
		passwordStore(directory, PASSWORD).saveToken(TokenKey.of("alpha"), TestTokens.token("alpha")).block(TIMEOUT);
		byte[] before = storeBytes(directory);
		EncryptedFileTokenStore wrong = passwordStore(directory, "not the password");
		assertThatExceptionOfType(McpOAuthException.class)
			.isThrownBy(() -> wrong.saveToken(TokenKey.of("beta"), TestTokens.token("beta")).block(TIMEOUT))
			.withMessageContaining("is not the password it was encrypted with");
		assertThat(storeBytes(directory)).isEqualTo(before);
		assertThat(passwordStore(directory, PASSWORD).tokenKeys().map(TokenKey::serverName).collectList().block(TIMEOUT))
			.containsExactly("alpha");
	}

	@Test
	void loadTokenWhenCiphertextTamperedThenFailsAndLeavesFileUntouched() throws IOException {
		Path directory = this.temp.resolve("store");
		passwordStore(directory, PASSWORD).saveToken(TokenKey.of("alpha"), TestTokens.token("alpha")).block(TIMEOUT);
		byte[] tampered = storeBytes(directory);
		tampered[EncryptedFileFormat.HEADER_LENGTH + 5] ^= 0x01;
		Files.write(storeFile(directory), tampered);
		EncryptedFileTokenStore store = passwordStore(directory, PASSWORD);
		assertThatExceptionOfType(McpOAuthException.class).isThrownBy(() -> store.loadToken(TokenKey.of("alpha")).block(TIMEOUT))
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(McpOAuthErrorCode.STORAGE_FAILED))
			.withMessageContaining("failed its integrity check")
			.withMessageContaining("modified or damaged")
			.withMessageContaining("restore it from a backup");
		assertThatExceptionOfType(McpOAuthException.class)
			.isThrownBy(() -> store.saveToken(TokenKey.of("beta"), TestTokens.token("beta")).block(TIMEOUT));
		assertThat(storeBytes(directory)).isEqualTo(tampered);
	}

	@Test
	void loadTokenWhenIvInHeaderTamperedThenFailsIntegrityCheck() throws IOException {
		Path directory = this.temp.resolve("store");
		passwordStore(directory, PASSWORD).saveToken(TokenKey.of("alpha"), TestTokens.token("alpha")).block(TIMEOUT);
		byte[] tampered = storeBytes(directory);
		tampered[EncryptedFileFormat.HEADER_LENGTH - 1] ^= 0x01;
		Files.write(storeFile(directory), tampered);
		assertThatExceptionOfType(McpOAuthException.class)
			.isThrownBy(() -> passwordStore(directory, PASSWORD).loadToken(TokenKey.of("alpha")).block(TIMEOUT))
			.withMessageContaining("failed its integrity check");
		assertThat(storeBytes(directory)).isEqualTo(tampered);
	}

	@Test
	void loadTokenWhenFileTruncatedInsideHeaderThenFailsSayingTruncatedAndLeavesFileUntouched() throws IOException {
		Path directory = this.temp.resolve("store");
		passwordStore(directory, PASSWORD).saveToken(TokenKey.of("alpha"), TestTokens.token("alpha")).block(TIMEOUT);
		byte[] truncated = Arrays.copyOf(storeBytes(directory), 30);
		Files.write(storeFile(directory), truncated);
		assertThatExceptionOfType(McpOAuthException.class)
			.isThrownBy(() -> passwordStore(directory, PASSWORD).loadToken(TokenKey.of("alpha")).block(TIMEOUT))
			.withMessageContaining("is truncated (30 bytes")
			.withMessageContaining("It was left untouched");
		assertThat(storeBytes(directory)).isEqualTo(truncated);
	}

	@Test
	void loadTokenWhenFileTruncatedInsideCiphertextThenFailsIntegrityCheckAndLeavesFileUntouched()
			throws IOException {
		Path directory = this.temp.resolve("store");
		passwordStore(directory, PASSWORD).saveToken(TokenKey.of("alpha"), TestTokens.token("alpha")).block(TIMEOUT);
		byte[] full = storeBytes(directory);
		byte[] truncated = Arrays.copyOf(full, full.length - 20);
		Files.write(storeFile(directory), truncated);
		assertThatExceptionOfType(McpOAuthException.class)
			.isThrownBy(() -> passwordStore(directory, PASSWORD).loadToken(TokenKey.of("alpha")).block(TIMEOUT))
			.withMessageContaining("failed its integrity check");
		assertThat(storeBytes(directory)).isEqualTo(truncated);
	}

	@Test
	void loadTokenWhenFileIsEmptyThenFailsSayingTruncated() throws IOException {
		Path directory = this.temp.resolve("store");
		Files.createDirectories(directory);
		Files.write(storeFile(directory), new byte[0]);
		assertThatExceptionOfType(McpOAuthException.class)
			.isThrownBy(() -> passwordStore(directory, PASSWORD).tokenKeys().map(TokenKey::serverName).collectList().block(TIMEOUT))
			.withMessageContaining("is truncated (0 bytes");
	}

	@Test
	void loadTokenWhenFileIsNotAStoreFileThenFailsSayingSo() throws IOException {
		Path directory = this.temp.resolve("store");
		Files.createDirectories(directory);
		Files.writeString(storeFile(directory), "{\"access_token\": \"plain\"}");
		assertThatExceptionOfType(McpOAuthException.class)
			.isThrownBy(() -> passwordStore(directory, PASSWORD).loadToken(TokenKey.of("alpha")).block(TIMEOUT))
			.withMessageContaining("not an mcp-oauth store file");
	}

	@Test
	void loadTokenWhenFormatVersionIsNewerThenFailsNamingTheVersion() throws IOException {
		Path directory = this.temp.resolve("store");
		passwordStore(directory, PASSWORD).saveToken(TokenKey.of("alpha"), TestTokens.token("alpha")).block(TIMEOUT);
		byte[] newer = storeBytes(directory);
		newer[4] = 2;
		Files.write(storeFile(directory), newer);
		assertThatExceptionOfType(McpOAuthException.class)
			.isThrownBy(() -> passwordStore(directory, PASSWORD).loadToken(TokenKey.of("alpha")).block(TIMEOUT))
			.withMessageContaining("format version 2");
	}

	@Test
	void loadTokenWhenKeyFileMissingThenFailsAndDoesNotCreateANewKey() throws IOException {
		Path directory = this.temp.resolve("store");
		keyFileStore(directory).saveToken(TokenKey.of("alpha"), TestTokens.token("alpha")).block(TIMEOUT);
		Files.delete(directory.resolve(EncryptedFileTokenStore.KEY_FILE_NAME));
		EncryptedFileTokenStore store = keyFileStore(directory);
		assertThatExceptionOfType(McpOAuthException.class).isThrownBy(() -> store.loadToken(TokenKey.of("alpha")).block(TIMEOUT))
			.withMessageContaining("needs its key file")
			.withMessageContaining("which is missing");
		assertThatExceptionOfType(McpOAuthException.class)
			.isThrownBy(() -> store.saveToken(TokenKey.of("beta"), TestTokens.token("beta")).block(TIMEOUT));
		assertThat(directory.resolve(EncryptedFileTokenStore.KEY_FILE_NAME)).doesNotExist();
	}

	@Test
	void loadTokenWhenKeyFileReplacedThenFailsSayingTheKeyFileIsNotTheOne() throws IOException {
		Path directory = this.temp.resolve("store");
		keyFileStore(directory).saveToken(TokenKey.of("alpha"), TestTokens.token("alpha")).block(TIMEOUT);
		Files.write(directory.resolve(EncryptedFileTokenStore.KEY_FILE_NAME), EncryptedFileFormat.randomBytes(32));
		assertThatExceptionOfType(McpOAuthException.class)
			.isThrownBy(() -> keyFileStore(directory).loadToken(TokenKey.of("alpha")).block(TIMEOUT))
			.withMessageContaining("is not the one it was encrypted with");
	}

	@Test
	void loadTokenWhenWrittenWithKeyFileButPasswordConfiguredThenFailsNamingBoth() {
		Path directory = this.temp.resolve("store");
		keyFileStore(directory).saveToken(TokenKey.of("alpha"), TestTokens.token("alpha")).block(TIMEOUT);
		assertThatExceptionOfType(McpOAuthException.class)
			.isThrownBy(() -> passwordStore(directory, PASSWORD).loadToken(TokenKey.of("alpha")).block(TIMEOUT))
			.withMessageContaining("was encrypted with a key file but this store is configured with a password");
	}

	@Test
	void saveTokenWhenCrashBetweenWriteAndRenameThenOldContentIntactAndTemporaryFileRemoved() throws IOException {
		Path directory = this.temp.resolve("store");
		EncryptedFileTokenStore store = passwordStore(directory, PASSWORD);
		store.saveToken(TokenKey.of("alpha"), TestTokens.token("alpha")).block(TIMEOUT);
		byte[] before = storeBytes(directory);
		List<Path> seenTemporaryFiles = new ArrayList<>();
		store.setBeforeRename((temporaryFile) -> {
			seenTemporaryFiles.add(temporaryFile);
			assertThat(Files.size(temporaryFile)).isGreaterThan(before.length - 1);
			throw new IOException("simulated crash before rename");
		});
		assertThatExceptionOfType(McpOAuthException.class)
			.isThrownBy(() -> store.saveToken(TokenKey.of("beta"), TestTokens.token("beta")).block(TIMEOUT))
			.withMessageContaining("simulated crash before rename");
		assertThat(seenTemporaryFiles).hasSize(1);
		assertThat(storeBytes(directory)).isEqualTo(before);
		assertThat(seenTemporaryFiles.get(0)).doesNotExist();
		EncryptedFileTokenStore restarted = passwordStore(directory, PASSWORD);
		assertThat(restarted.tokenKeys().map(TokenKey::serverName).collectList().block(TIMEOUT)).containsExactly("alpha");
	}

	@Test
	void loadTokenWhenStrayTemporaryFileLeftByCrashThenIgnoredAndNextWriteRemovesIt() throws IOException {
		Path directory = this.temp.resolve("store");
		passwordStore(directory, PASSWORD).saveToken(TokenKey.of("alpha"), TestTokens.token("alpha")).block(TIMEOUT);
		Path stray = directory
			.resolve(EncryptedFileTokenStore.TEMP_PREFIX + "123456" + EncryptedFileTokenStore.TEMP_SUFFIX);
		Files.write(stray, Arrays.copyOf(storeBytes(directory), 40));
		EncryptedFileTokenStore restarted = passwordStore(directory, PASSWORD);
		assertThat(restarted.loadToken(TokenKey.of("alpha")).block(TIMEOUT)).isEqualTo(TestTokens.token("alpha"));
		assertThat(stray).exists();
		restarted.saveToken(TokenKey.of("beta"), TestTokens.token("beta")).block(TIMEOUT);
		assertThat(stray).doesNotExist();
		assertThat(restarted.tokenKeys().map(TokenKey::serverName).collectList().block(TIMEOUT)).containsExactly("alpha", "beta");
	}

	@Test
	void saveTokenWhenSavedAgainThenSaltKeptAndIvFresh() throws IOException {
		Path directory = this.temp.resolve("store");
		EncryptedFileTokenStore store = passwordStore(directory, PASSWORD);
		store.saveToken(TokenKey.of("alpha"), TestTokens.token("alpha")).block(TIMEOUT);
		byte[] first = storeBytes(directory);
		store.saveToken(TokenKey.of("alpha"), TestTokens.token("alpha")).block(TIMEOUT);
		byte[] second = storeBytes(directory);
		assertThat(Arrays.copyOfRange(second, 10, 26)).as("salt").isEqualTo(Arrays.copyOfRange(first, 10, 26));
		assertThat(Arrays.copyOfRange(second, 42, 54)).as("iv").isNotEqualTo(Arrays.copyOfRange(first, 42, 54));
		assertThat(store.keyDerivations()).isEqualTo(1);
	}

	@Test
	void saveTokenWhenDefaultIterationsThenHeaderSays600000AndKeyIsDerivedOnce() throws IOException {
		Path directory = this.temp.resolve("store");
		EncryptedFileTokenStore store = EncryptedFileTokenStore.builder(directory)
			.password(PASSWORD.toCharArray())
			.clock(TestTokens.CLOCK)
			.build();
		store.saveToken(TokenKey.of("alpha"), TestTokens.token("alpha")).block(TIMEOUT);
		store.saveToken(TokenKey.of("beta"), TestTokens.token("beta")).block(TIMEOUT);
		assertThat(store.loadToken(TokenKey.of("alpha")).block(TIMEOUT)).isEqualTo(TestTokens.token("alpha"));
		assertThat(store.tokenKeys().map(TokenKey::serverName).collectList().block(TIMEOUT)).containsExactly("alpha", "beta");
		assertThat(store.keyDerivations()).as("PBKDF2 runs once per store, then the key is cached").isEqualTo(1);
		byte[] file = storeBytes(directory);
		assertThat(ByteBuffer.wrap(file, 6, 4).getInt()).isEqualTo(600_000)
			.isEqualTo(EncryptedFileTokenStore.DEFAULT_PBKDF2_ITERATIONS);
		assertThat(file[5]).as("key source: password").isEqualTo((byte) 1);
		EncryptedFileTokenStore restarted = EncryptedFileTokenStore.builder(directory)
			.password(PASSWORD.toCharArray())
			.clock(TestTokens.CLOCK)
			.build();
		assertThat(restarted.loadToken(TokenKey.of("beta")).block(TIMEOUT)).isEqualTo(TestTokens.token("beta"));
		assertThat(restarted.keyDerivations()).isEqualTo(1);
	}

	@Test
	void saveTokenWhenFileHasFewerIterationsThanConfiguredThenRewritesWithConfiguredCount() throws IOException {
		Path directory = this.temp.resolve("store");
		passwordStore(directory, PASSWORD).saveToken(TokenKey.of("alpha"), TestTokens.token("alpha")).block(TIMEOUT);
		EncryptedFileTokenStore stronger = EncryptedFileTokenStore.builder(directory)
			.password(PASSWORD.toCharArray())
			.pbkdf2Iterations(TEST_ITERATIONS * 2)
			.clock(TestTokens.CLOCK)
			.build();
		stronger.saveToken(TokenKey.of("beta"), TestTokens.token("beta")).block(TIMEOUT);
		assertThat(ByteBuffer.wrap(storeBytes(directory), 6, 4).getInt()).isEqualTo(TEST_ITERATIONS * 2);
		assertThat(passwordStore(directory, PASSWORD).tokenKeys().map(TokenKey::serverName).collectList().block(TIMEOUT))
			.containsExactly("alpha", "beta");
	}

	@Test
	void saveTokenWhenManyThreadsWriteAtOnceThenNoEntryIsLost() throws Exception {
		Path directory = this.temp.resolve("store");
		EncryptedFileTokenStore first = passwordStore(directory, PASSWORD);
		EncryptedFileTokenStore second = passwordStore(directory, PASSWORD);
		ExecutorService executor = Executors.newFixedThreadPool(8);
		try {
			List<Future<?>> writes = new ArrayList<>();
			for (int i = 0; i < 40; i++) {
				EncryptedFileTokenStore store = (i % 2 == 0) ? first : second;
				String name = "server-" + i;
				writes.add(executor.submit(() -> store.saveToken(TokenKey.of(name), TestTokens.token(name)).block(TIMEOUT)));
			}
			for (Future<?> write : writes) {
				write.get();
			}
		}
		finally {
			executor.shutdownNow();
		}
		assertThat(passwordStore(directory, PASSWORD).tokenKeys().map(TokenKey::serverName).collectList().block(TIMEOUT)).hasSize(40);
	}

	@Test
	void toStringWhenPasswordConfiguredThenShowsWhereItComesFromButNotThePassword() {
		EncryptedFileTokenStore store = EncryptedFileTokenStore.builder(this.temp)
			.password(PASSWORD.toCharArray())
			.passwordSource("the password in environment variable X")
			.build();
		assertThat(store.toString()).contains("environment variable X").doesNotContain(PASSWORD);
	}

	@Test
	void loadTokenWhenStoreNeverWrittenThenEmptyAndNothingCreated() {
		Path directory = this.temp.resolve("never");
		assertThat(passwordStore(directory, PASSWORD).loadToken(TokenKey.of("alpha")).blockOptional(TIMEOUT)).isEmpty();
		assertThat(keyFileStore(directory).tokenKeys().map(TokenKey::serverName).collectList().block(TIMEOUT)).isEmpty();
		assertThat(directory).doesNotExist();
	}

	@Test
	void deleteWhenStoreNeverWrittenThenNothingCreatedNotEvenAKeyFile() {
		Path directory = this.temp.resolve("never");
		EncryptedFileTokenStore store = keyFileStore(directory);

		assertThat(store.deleteToken(TokenKey.of("alpha")).block(TIMEOUT)).isFalse();
		assertThat(store.deleteRegistration("alpha", "https://as.example").block(TIMEOUT)).isFalse();

		assertThat(directory).doesNotExist();
	}

	@Test
	void loadTokenWhenCalledThenRunsOffTheCallingThread() {
		EncryptedFileTokenStore store = passwordStore(this.temp.resolve("store"), PASSWORD);
		store.saveToken(TokenKey.of("alpha"), TestTokens.token("alpha")).block(TIMEOUT);
		String[] thread = new String[1];
		OAuthToken token = store.loadToken(TokenKey.of("alpha"))
			.doOnNext((loaded) -> thread[0] = Thread.currentThread().getName())
			.block(TIMEOUT);
		assertThat(token).isNotNull();
		assertThat(thread[0]).startsWith("boundedElastic");
	}

	static byte[] storeBytes(Path directory) throws IOException {
		return Files.readAllBytes(storeFile(directory));
	}

	static Path storeFile(Path directory) {
		return directory.resolve(EncryptedFileTokenStore.STORE_FILE_NAME);
	}

	private static String permissions(Path path) throws IOException {
		return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
	}

	static List<Path> listFiles(Path directory) throws IOException {
		try (Stream<Path> files = Files.walk(directory)) {
			return files.filter(Files::isRegularFile).toList();
		}
	}

	static int indexOf(byte[] haystack, byte[] needle) {
		outer: for (int i = 0; i <= haystack.length - needle.length; i++) {
			for (int j = 0; j < needle.length; j++) {
				if (haystack[i + j] != needle[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

	/** The same contract, with a key file instead of a password. */
	@Nested
	class WithKeyFile extends TokenStoreContractTests {

		@Override
		McpOAuthStore createStore() {
			return keyFileStore(EncryptedFileTokenStoreTests.this.temp.resolve("key-file-store"));
		}

	}

}
