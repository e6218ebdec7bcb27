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

package io.github.mcpoauth.sample.client;

import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;

import io.github.mcpoauth.store.TokenStoreSettings;
import io.github.mcpoauth.store.TokenStores;

/**
 * The training run of the start-up cache that {@code scripts/mcp-oauth} prepares once per
 * build for the JDK that runs it (a class-data-sharing archive, or an AOT cache on JDK 25
 * and later): it runs, in one JVM, the usage help, the version, {@code list} and
 * {@code get} (which open the token store without an application context), {@code test}
 * (which starts the application context) and the OS keychain probe of the {@code auto}
 * store, so that the classes they load are in the cache and later runs map them instead of
 * loading them. The commands print nothing and use a scratch file store; the probe writes,
 * reads back and deletes one random keychain entry, as every {@code auto} store does.
 * Nothing of the user's is read or written.
 */
public final class StartupTraining {

	private StartupTraining() {
	}

	/**
	 * @param args the scratch directory for the token store
	 */
	public static void main(String[] args) {
		if (args.length != 1) {
			throw new IllegalArgumentException("Usage: StartupTraining SCRATCH_DIRECTORY");
		}
		String[] store = { "--mcp.oauth.storage.type=encrypted-file", "--mcp.oauth.storage.file.directory=" + args[0] };
		String[][] commands = { { "--help" }, { "list", "--help" }, { "--version" }, { "list" }, { "get", "training" },
				{ "test", "training", "--mcp.oauth.servers.training.url=http://127.0.0.1:1/mcp" } };
		PrintWriter discard = new PrintWriter(Writer.nullWriter());
		for (String[] command : commands) {
			String[] arguments = new String[command.length + store.length];
			System.arraycopy(command, 0, arguments, 0, command.length);
			System.arraycopy(store, 0, arguments, command.length, store.length);
			SampleClientApplication.run(SampleClientApplication::application, arguments, discard, discard);
		}
		probeKeychain(Path.of(args[0]));
	}

	/**
	 * The OS keychain probe of {@code mcp.oauth.storage.type=auto} (JNA, D-Bus): it writes,
	 * reads back and deletes one random entry, then the store is closed unused.
	 */
	private static void probeKeychain(Path scratch) {
		TokenStoreSettings settings = TokenStoreSettings.defaults()
			.withFile(new TokenStoreSettings.FileSettings(scratch, null, null));
		try {
			if (TokenStores.create(settings) instanceof AutoCloseable store) {
				store.close();
			}
		}
		catch (Exception ex) {
			// a keychain that fails its probe has loaded its classes all the same
		}
	}

}
