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

package io.github.mcpoauth.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real PostgreSQL for tests, from the Debian package {@code postgresql} (scripts/setup.sh
 * installs it): one cluster per JVM, created with {@code initdb} in a scratch directory and
 * started with {@code pg_ctl} on a free port of 127.0.0.1 when a test class first needs it,
 * and stopped ({@code pg_ctl stop}) and deleted when the JVM exits. Settings favour speed over
 * durability ({@code fsync=off}): nothing here outlives the tests.
 *
 * <p>PostgreSQL refuses to run as root; CI runs as root, so there the cluster belongs to
 * the {@code postgres} user (created by the Debian package), or {@code nobody}, and every
 * program runs through {@code runuser -u <user> --}. Clients log in as {@value #USER} with
 * the password {@value #PASSWORD} (SCRAM).
 *
 * <p>Register it in a test class ({@code @RegisterExtension static final PostgresServer
 * postgres = new PostgresServer();}); every instance talks to the same cluster. When
 * PostgreSQL is not installed the class is skipped with the reason, except under
 * {@code CI=true}, where it fails. Published to the other modules' tests in this module's
 * test jar.
 */
public final class PostgresServer implements BeforeAllCallback {

	/** The superuser the tests log in as. */
	public static final String USER = "postgres";

	/** Its password. */
	public static final String PASSWORD = "mcp-oauth-test-password";

	private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

	private static @Nullable Cluster cluster;

	private static @Nullable String failure;

	@Override
	public void beforeAll(ExtensionContext context) {
		cluster();
	}

	/** @return {@code 127.0.0.1} */
	public String host() {
		return "127.0.0.1";
	}

	/** @return the port the cluster listens on */
	public int port() {
		return cluster().port;
	}

	/**
	 * @param database a database name
	 * @return {@code jdbc:postgresql://127.0.0.1:PORT/DATABASE}
	 */
	public String jdbcUrl(String database) {
		return "jdbc:postgresql://" + host() + ":" + port() + "/" + database;
	}

	/**
	 * @param database a database name
	 * @return {@code r2dbc:postgresql://127.0.0.1:PORT/DATABASE} (user and password apart)
	 */
	public String r2dbcUrl(String database) {
		return "r2dbc:postgresql://" + host() + ":" + port() + "/" + database;
	}

	/**
	 * Creates an empty database, dropping one of that name first.
	 * @param name lower-case letters, digits and underscores
	 * @return the name
	 */
	public String createDatabase(String name) {
		if (!DATABASE_NAME.matcher(name).matches()) {
			throw new IllegalArgumentException("not a plain database name: " + name);
		}
		execute("postgres", "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
		execute("postgres", "CREATE DATABASE " + name);
		return name;
	}

	/**
	 * Runs SQL statements in a database over JDBC.
	 * @param database the database
	 * @param sql the statements
	 */
	public void execute(String database, String... sql) {
		try (Connection connection = DriverManager.getConnection(jdbcUrl(database), USER, PASSWORD);
				Statement statement = connection.createStatement()) {
			for (String each : sql) {
				statement.execute(each);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("SQL failed in " + database + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * Runs a query in a database over JDBC.
	 * @param database the database
	 * @param sql the query
	 * @return the rows, each a list of its column values as JDBC returns them
	 */
	public List<List<@Nullable Object>> query(String database, String sql) {
		try (Connection connection = DriverManager.getConnection(jdbcUrl(database), USER, PASSWORD);
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(sql)) {
			List<List<@Nullable Object>> result = new ArrayList<>();
			int columns = rows.getMetaData().getColumnCount();
			while (rows.next()) {
				List<@Nullable Object> row = new ArrayList<>();
				for (int i = 1; i <= columns; i++) {
					row.add(rows.getObject(i));
				}
				result.add(row);
			}
			return result;
		}
		catch (SQLException ex) {
			throw new IllegalStateException("SQL failed in " + database + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * Stops the cluster ({@code pg_ctl stop -m fast}: sessions are ended), for tests of a
	 * database that goes away. {@link #start()} brings it back on the same port.
	 */
	public void stop() {
		cluster().stop("fast");
	}

	/** Starts the cluster again after {@link #stop()}; returns once it accepts connections. */
	public void start() {
		cluster().start();
	}

	private static synchronized Cluster cluster() {
		if (cluster != null) {
			return cluster;
		}
		if (failure == null) {
			try {
				cluster = Cluster.create();
				return cluster;
			}
			catch (Unavailable ex) {
				failure = ex.getMessage();
			}
			catch (IOException | RuntimeException ex) {
				throw new IllegalStateException("Could not start the PostgreSQL test cluster: " + ex.getMessage(), ex);
			}
		}
		String reason = failure + " (scripts/setup.sh installs it: apt-get install postgresql)";
		if ("true".equalsIgnoreCase(System.getenv("CI"))) {
			throw new IllegalStateException(reason + "; CI=true, so the PostgreSQL tests must run, not be skipped");
		}
		Assumptions.abort(reason);
		throw new IllegalStateException(reason);
	}

	/** PostgreSQL is not installed here. */
	private static final class Unavailable extends Exception {

		Unavailable(String message) {
			super(message);
		}

	}

	private static final class Cluster {

		private final Path bin;

		private final Path directory;

		private final List<String> runAs;

		private final int port;

		private Cluster(Path bin, Path directory, List<String> runAs, int port) {
			this.bin = bin;
			this.directory = directory;
			this.runAs = runAs;
			this.port = port;
		}

		static Cluster create() throws IOException, Unavailable {
			Path bin = binaries();
			List<String> runAs = List.of();
			String owner = null;
			if ("root".equals(System.getProperty("user.name"))) {
				owner = unprivilegedUser();
				if (!Files.isExecutable(Path.of("/usr/sbin/runuser")) && !Files.isExecutable(Path.of("/sbin/runuser"))) {
					throw new Unavailable("running as root without runuser to start PostgreSQL as another user");
				}
				runAs = List.of("runuser", "-u", owner, "--");
			}
			Path directory = Files.createTempDirectory("mcp-oauth-postgres");
			Path passwordFile = directory.resolve("password");
			Files.writeString(passwordFile, PASSWORD, StandardCharsets.UTF_8);
			if (owner != null) {
				UserPrincipal user = directory.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(owner);
				Files.setOwner(directory, user);
				Files.setOwner(passwordFile, user);
			}
			Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
			Cluster created = new Cluster(bin, directory, runAs, freePort());
			created.run(30, bin.resolve("initdb").toString(), "--pgdata=" + directory.resolve("data"), "--username=" + USER,
					"--pwfile=" + passwordFile, "--auth=scram-sha-256", "--encoding=UTF8", "--no-locale", "--no-sync");
			Runtime.getRuntime().addShutdownHook(new Thread(created::destroy, "postgres-test-cluster-stop"));
			created.start();
			return created;
		}

		void start() {
			String options = "-p " + this.port + " -c listen_addresses=127.0.0.1 -k " + this.directory
					+ " -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300";
			run(60, this.bin.resolve("pg_ctl").toString(), "start", "--pgdata=" + this.directory.resolve("data"),
					"--log=" + this.directory.resolve("postgres.log"), "--wait", "--timeout=50", "-o", options);
		}

		void stop(String mode) {
			run(60, this.bin.resolve("pg_ctl").toString(), "stop", "--pgdata=" + this.directory.resolve("data"),
					"--mode=" + mode, "--wait", "--timeout=50");
		}

		private void destroy() {
			try {
				stop("immediate");
			}
			catch (RuntimeException ex) {
				// already stopped
			}
			try (Stream<Path> files = Files.walk(this.directory)) {
				files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
			}
			catch (IOException ex) {
				// a scratch directory under the temporary folder
			}
		}

		private void run(int timeoutSeconds, String... command) {
			List<String> full = new ArrayList<>(this.runAs);
			full.addAll(List.of(command));
			try {
				Process process = new ProcessBuilder(full).redirectErrorStream(true)
					.directory(this.directory.toFile())
					.start();
				process.getOutputStream().close();
				byte[] output = process.getInputStream().readAllBytes();
				if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
					process.destroyForcibly();
					throw new IllegalStateException(String.join(" ", command) + " did not finish");
				}
				if (process.exitValue() != 0) {
					throw new IllegalStateException(String.join(" ", full) + " failed (exit " + process.exitValue()
							+ "): " + new String(output, StandardCharsets.UTF_8) + log());
				}
			}
			catch (IOException ex) {
				throw new IllegalStateException("Could not run " + command[0] + ": " + ex.getMessage(), ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while running " + command[0], ex);
			}
		}

		private String log() {
			try {
				Path log = this.directory.resolve("postgres.log");
				return Files.exists(log) ? "\n--- postgres.log ---\n" + Files.readString(log) : "";
			}
			catch (IOException ex) {
				return "";
			}
		}

		/** The newest {@code /usr/lib/postgresql/N/bin} (Debian), else the directory of {@code pg_ctl} on the PATH. */
		private static Path binaries() throws IOException, Unavailable {
			Path debian = Path.of("/usr/lib/postgresql");
			if (Files.isDirectory(debian)) {
				try (Stream<Path> versions = Files.list(debian)) {
					Path newest = versions.map((version) -> version.resolve("bin"))
						.filter((bin) -> Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("pg_ctl")))
						.max(Comparator.comparingInt(Cluster::majorVersion))
						.orElse(null);
					if (newest != null) {
						return newest;
					}
				}
			}
			String path = System.getenv("PATH");
			if (path != null) {
				for (String entry : path.split(java.io.File.pathSeparator)) {
					Path bin = Path.of(entry);
					if (Files.isExecutable(bin.resolve("pg_ctl")) && Files.isExecutable(bin.resolve("initdb"))) {
						Path directory = bin.resolve("pg_ctl").toRealPath().getParent();
						return (directory != null) ? directory : bin;
					}
				}
			}
			throw new Unavailable("PostgreSQL is not installed (no initdb and pg_ctl under /usr/lib/postgresql/*/bin or"
					+ " on the PATH)");
		}

		private static int majorVersion(Path bin) {
			try {
				Path version = bin.getParent();
				return (version != null) ? Integer.parseInt(String.valueOf(version.getFileName())) : 0;
			}
			catch (NumberFormatException ex) {
				return 0;
			}
		}

		private static String unprivilegedUser() throws IOException, Unavailable {
			for (String candidate : List.of("postgres", "nobody")) {
				try {
					Process id = new ProcessBuilder("id", "-u", candidate).redirectErrorStream(true).start();
					if (id.waitFor(10, TimeUnit.SECONDS) && id.exitValue() == 0) {
						return candidate;
					}
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new IOException(ex);
				}
			}
			throw new Unavailable("running as root, and neither the postgres nor the nobody user exists");
		}

		private static int freePort() throws IOException {
			try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
				return socket.getLocalPort();
			}
		}

	}

}
