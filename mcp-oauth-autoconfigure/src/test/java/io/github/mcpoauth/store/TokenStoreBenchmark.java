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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Prints what the local stores cost: a load with the key already derived (the steady
 * state), a save (read-modify-write under the lock, fsync, atomic rename), and the one-off
 * PBKDF2-HMAC-SHA256 key derivation at 600,000 iterations. A benchmark, not a test: it
 * asserts nothing. Run it with {@code scripts/storage-benchmark.sh [directory]}; the
 * directory (default {@code target/storage-benchmark}) should be on the disk the store
 * would use, since a save's cost is mostly fsync.
 */
public final class TokenStoreBenchmark {

	private static final int SERVERS = 5;

	private static final int LOADS = 2_000;

	private static final int SAVES = 200;

	private static final int DERIVATIONS = 5;

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private TokenStoreBenchmark() {
	}

	public static void main(String[] args) throws IOException {
		Path root = Path.of((args.length > 0) ? args[0] : "target/storage-benchmark").toAbsolutePath();
		deleteRecursively(root);
		Files.createDirectories(root);
		System.out.printf(Locale.ROOT, "Java %s on %s %s, %d cores; store directory %s (%s)%n",
				System.getProperty("java.version"), System.getProperty("os.name"), System.getProperty("os.arch"),
				Runtime.getRuntime().availableProcessors(), root, Files.getFileStore(root).type());
		System.out.printf(Locale.ROOT, "Each store holds %d tokens and %d registrations; %d loads, %d saves%n%n",
				SERVERS, SERVERS, LOADS, SAVES);
		System.out.printf(Locale.ROOT, "%-48s %10s %10s %10s%n", "operation", "median", "p99", "mean");

		Map<String, McpOAuthStore> stores = new LinkedHashMap<>();
		stores.put("memory", new InMemoryTokenStore(TestTokens.CLOCK));
		stores.put("encrypted-file, password", EncryptedFileTokenStore.builder(root.resolve("password"))
			.password("benchmark password".toCharArray())
			.clock(TestTokens.CLOCK)
			.build());
		stores.put("encrypted-file, key file",
				EncryptedFileTokenStore.builder(root.resolve("key-file")).clock(TestTokens.CLOCK).build());
		stores.values().forEach(TokenStoreBenchmark::fill);
		// unmeasured rounds warm up the JIT (AES-GCM, Jackson, Reactor) for every store
		for (int round = 0; round < 3; round++) {
			stores.forEach((name, store) -> run(name, store, false));
		}
		stores.forEach((name, store) -> run(name, store, true));

		byte[] salt = EncryptedFileFormat.randomBytes(EncryptedFileFormat.SALT_LENGTH);
		long[] derivations = new long[DERIVATIONS];
		for (int i = 0; i < DERIVATIONS; i++) {
			long start = System.nanoTime();
			EncryptedFileFormat.pbkdf2("benchmark password".toCharArray(), salt,
					EncryptedFileTokenStore.DEFAULT_PBKDF2_ITERATIONS);
			derivations[i] = System.nanoTime() - start;
		}
		print("one-off: PBKDF2-HMAC-SHA256, 600,000 iterations", derivations);

		Path first = root.resolve("password");
		long start = System.nanoTime();
		EncryptedFileTokenStore.builder(first)
			.password("benchmark password".toCharArray())
			.clock(TestTokens.CLOCK)
			.build()
			.loadToken(TokenKey.of("server-0"))
			.block(TIMEOUT);
		print("one-off: first load of a password store", new long[] { System.nanoTime() - start });
		deleteRecursively(root);
	}

	private static void fill(McpOAuthStore store) {
		for (int i = 0; i < SERVERS; i++) {
			store.saveToken(TokenKey.of("server-" + i), TestTokens.token("server-" + i)).block(TIMEOUT);
			store.saveRegistration("server-" + i, TestTokens.registration("server-" + i, TestTokens.ISSUER))
				.block(TIMEOUT);
		}
	}

	private static void run(String name, McpOAuthStore store, boolean print) {
		long[] loads = new long[LOADS];
		for (int i = 0; i < LOADS; i++) {
			long start = System.nanoTime();
			store.loadToken(TokenKey.of("server-" + (i % SERVERS))).block(TIMEOUT);
			loads[i] = System.nanoTime() - start;
		}
		long[] saves = new long[SAVES];
		for (int i = 0; i < SAVES; i++) {
			String server = "server-" + (i % SERVERS);
			long start = System.nanoTime();
			store.saveToken(TokenKey.of(server), TestTokens.token(server)).block(TIMEOUT);
			saves[i] = System.nanoTime() - start;
		}
		if (print) {
			print(name + ": load" + (name.equals("memory") ? "" : " (key cached)"), loads);
			print(name + ": save", saves);
		}
	}

	private static void print(String operation, long[] nanos) {
		long[] sorted = nanos.clone();
		Arrays.sort(sorted);
		long median = sorted[sorted.length / 2];
		long p99 = sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * 0.99) - 1)];
		double mean = Arrays.stream(sorted).average().orElse(0);
		System.out.printf(Locale.ROOT, "%-48s %10s %10s %10s%n", operation, format(median), format(p99),
				format((long) mean));
	}

	private static String format(long nanos) {
		if (nanos >= 10_000_000L) {
			return String.format(Locale.ROOT, "%.0f ms", nanos / 1e6);
		}
		if (nanos >= 1_000_000L) {
			return String.format(Locale.ROOT, "%.2f ms", nanos / 1e6);
		}
		return String.format(Locale.ROOT, "%.1f µs", nanos / 1e3);
	}

	private static void deleteRecursively(Path root) throws IOException {
		if (!Files.exists(root)) {
			return;
		}
		List<Path> paths = new ArrayList<>();
		try (Stream<Path> walk = Files.walk(root)) {
			walk.forEach(paths::add);
		}
		paths.sort(Comparator.reverseOrder());
		for (Path path : paths) {
			Files.delete(path);
		}
	}

}
