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
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A second process for {@link EncryptedFileMultiProcessTests}, started with the test
 * classpath. Arguments: {@code write <directory> <prefix> <count>} prints {@code READY},
 * waits for a line on standard input, writes {@code <count>} tokens and prints
 * {@code DONE}; {@code crash <directory> <name>} saves one token and halts the JVM (exit
 * code {@value #CRASH_EXIT_CODE}) after the temporary file is written, before the rename;
 * {@code refresh <directory> <name>} stores {@code TestTokens.token("<name>-refreshed")}
 * for the default principal of {@code <name>}, as a process that refreshed it would, and
 * prints {@code DONE}.
 * The password, when used, comes from the environment variable {@value #PASSWORD_VARIABLE}.
 */
public final class StoreWriterMain {

	static final String PASSWORD_VARIABLE = "MCP_OAUTH_TEST_STORE_PASSWORD";

	static final int CRASH_EXIT_CODE = 42;

	private StoreWriterMain() {
	}

	public static void main(String[] args) throws Exception {
		Path directory = Path.of(args[1]);
		EncryptedFileTokenStore store = store(directory);
		switch (args[0]) {
			case "write" -> {
				String prefix = args[2];
				int count = Integer.parseInt(args[3]);
				System.out.println("READY");
				System.out.flush();
				new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
				for (int i = 0; i < count; i++) {
					String name = prefix + i;
					store.saveToken(TokenKey.of(name), TestTokens.token(name)).block(Duration.ofSeconds(60));
				}
				System.out.println("DONE");
			}
			case "crash" -> {
				store.setBeforeRename((temporaryFile) -> {
					System.out.println("HALTING with " + temporaryFile.getFileName());
					System.out.flush();
					Runtime.getRuntime().halt(CRASH_EXIT_CODE);
				});
				store.saveToken(TokenKey.of(args[2]), TestTokens.token(args[2])).block(Duration.ofSeconds(60));
				System.out.println("NOT REACHED");
			}
			case "refresh" -> {
				store.saveToken(TokenKey.of(args[2]), TestTokens.token(args[2] + "-refreshed"))
					.block(Duration.ofSeconds(60));
				System.out.println("DONE");
			}
			default -> throw new IllegalArgumentException("unknown command " + args[0]);
		}
	}

	static EncryptedFileTokenStore store(Path directory) {
		String password = System.getenv(PASSWORD_VARIABLE);
		EncryptedFileTokenStore.Builder builder = EncryptedFileTokenStore.builder(directory).clock(TestTokens.CLOCK);
		if (password != null) {
			builder.password(password.toCharArray()).pbkdf2Iterations(EncryptedFileTokenStoreTests.TEST_ITERATIONS);
		}
		return builder.build();
	}

}
