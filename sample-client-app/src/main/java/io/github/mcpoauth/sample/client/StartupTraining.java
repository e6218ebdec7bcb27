package io.github.mcpoauth.sample.client;

import java.io.PrintWriter;
import java.io.Writer;

/**
 * The training run of the start-up cache that {@code scripts/mcp-oauth} prepares once per
 * build for the JDK that runs it (a class-data-sharing archive, or an AOT cache on JDK 25
 * and later): it runs, in one JVM, the usage help, the version, {@code list} and
 * {@code get} (which open the token store without an application context) and {@code test}
 * (which starts the application context), so that the classes they load are in the cache
 * and later runs map them instead of loading them. The commands print nothing and use a
 * scratch file store: nothing of the user's is read or written.
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
	}

}
