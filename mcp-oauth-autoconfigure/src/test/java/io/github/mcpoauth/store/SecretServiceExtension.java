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
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a real, private Secret Service for a test class: a D-Bus session bus
 * ({@code dbus-daemon --nofork}) and {@code gnome-keyring-daemon --foreground --unlock
 * --components=secrets} on it, with {@code HOME} and {@code XDG_RUNTIME_DIR} in a scratch
 * folder so the user's own keyring is never touched. The JVM reaches that bus through the
 * {@code DBUS_SESSION_BUS_ADDRESS} system property, which dbus-java (under java-keyring)
 * reads before the environment variable, so no child JVM or wrapper script is needed. Both
 * daemons are this extension's own child processes and are ended by their handles.
 *
 * <p>When the components are missing (not Linux, no {@code dbus-daemon},
 * {@code gnome-keyring-daemon}, {@code dbus-send} or {@code secret-tool}) the class is
 * skipped with the reason, unless the environment variable {@code CI} is {@code true}: then
 * it fails, so CI never skips these tests silently.
 */
final class SecretServiceExtension implements BeforeAllCallback, AfterAllCallback {

	static final String BUS_PROPERTY = "DBUS_SESSION_BUS_ADDRESS";

	private static final String SESSION_CONFIG = "/usr/share/dbus-1/session.conf";

	private static final String KEYRING_PASSWORD = "scratch-keyring-password";

	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(20);

	private static @Nullable SecretServiceExtension running;

	private @Nullable Path scratch;

	private @Nullable Process bus;

	private @Nullable Process keyringDaemon;

	private @Nullable String busAddress;

	private @Nullable String previousProperty;

	private final Map<String, String> programs = new HashMap<>();

	/**
	 * @return the running instance, for tests that call {@code secret-tool} or look at its files
	 */
	static SecretServiceExtension running() {
		SecretServiceExtension current = running;
		if (current == null) {
			throw new IllegalStateException("no Secret Service is running");
		}
		return current;
	}

	String busAddress() {
		return requireNonNull(this.busAddress);
	}

	Path home() {
		return requireNonNull(this.scratch).resolve("home");
	}

	/**
	 * Fails under CI, skips with the reason elsewhere.
	 * @param available whether the component is there
	 * @param reason what is missing
	 */
	static void requireComponent(boolean available, String reason) {
		requireComponent(available, reason, System::getenv);
	}

	static void requireComponent(boolean available, String reason, Function<String, @Nullable String> environment) {
		if (available) {
			return;
		}
		if ("true".equalsIgnoreCase(environment.apply("CI"))) {
			throw new IllegalStateException(reason + ". CI=true, so the Secret Service tests must run: install the"
					+ " Debian packages gnome-keyring libsecret-tools dbus dbus-x11");
		}
		System.err.println("Skipping the Secret Service tests: " + reason);
		Assumptions.abort(reason + " (install gnome-keyring libsecret-tools dbus dbus-x11 to run these tests)");
	}

	@Override
	public void beforeAll(ExtensionContext context) throws Exception {
		requireComponent(System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux"),
				"the Secret Service tests need Linux");
		for (String program : List.of("dbus-daemon", "gnome-keyring-daemon", "dbus-send", "secret-tool")) {
			Path found = onPath(program);
			requireComponent(found != null, program + " is not on the PATH");
			this.programs.put(program, String.valueOf(found));
		}
		requireComponent(Files.isReadable(Path.of(SESSION_CONFIG)), SESSION_CONFIG + " is missing");

		Path scratchDirectory = Files.createTempDirectory("mcp-oauth-secret-service");
		this.scratch = scratchDirectory;
		Files.createDirectories(home());
		Path runtime = Files.createDirectories(scratchDirectory.resolve("run"));
		FilePermissions.restrict(runtime, true);

		ProcessBuilder busBuilder = new ProcessBuilder(program("dbus-daemon"), "--config-file=" + SESSION_CONFIG, "--nofork",
				"--print-address=1");
		environment(busBuilder.environment(), runtime, null);
		busBuilder.redirectError(scratchDirectory.resolve("dbus-daemon.log").toFile());
		Process busProcess = busBuilder.start();
		this.bus = busProcess;
		BufferedReader busOutput = new BufferedReader(
				new InputStreamReader(busProcess.getInputStream(), StandardCharsets.UTF_8));
		String address = busOutput.readLine();
		if (address == null || !address.startsWith("unix:")) {
			afterAll(context);
			throw new IllegalStateException("dbus-daemon did not print a bus address (got " + address + ")");
		}
		this.busAddress = address;

		ProcessBuilder keyringBuilder = new ProcessBuilder(program("gnome-keyring-daemon"), "--foreground", "--unlock",
				"--components=secrets");
		environment(keyringBuilder.environment(), runtime, address);
		keyringBuilder.redirectOutput(scratchDirectory.resolve("gnome-keyring.log").toFile());
		keyringBuilder.redirectErrorStream(true);
		Process keyringProcess = keyringBuilder.start();
		this.keyringDaemon = keyringProcess;
		try (OutputStream stdin = keyringProcess.getOutputStream()) {
			stdin.write(KEYRING_PASSWORD.getBytes(StandardCharsets.UTF_8));
		}
		awaitSecretService(runtime, address);

		this.previousProperty = System.getProperty(BUS_PROPERTY);
		System.setProperty(BUS_PROPERTY, address);
		running = this;
	}

	@Override
	public void afterAll(ExtensionContext context) throws Exception {
		running = null;
		if (this.busAddress != null && this.busAddress.equals(System.getProperty(BUS_PROPERTY))) {
			if (this.previousProperty != null) {
				System.setProperty(BUS_PROPERTY, this.previousProperty);
			}
			else {
				System.clearProperty(BUS_PROPERTY);
			}
		}
		stop(this.keyringDaemon);
		stop(this.bus);
		if (this.scratch != null) {
			try (Stream<Path> files = Files.walk(this.scratch)) {
				files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
			}
		}
	}

	/**
	 * Runs a program on the private bus, for example {@code secret-tool}.
	 * @param command the command
	 * @return its standard output
	 */
	String run(String... command) throws IOException, InterruptedException {
		List<String> resolved = new ArrayList<>(List.of(command));
		resolved.set(0, this.programs.getOrDefault(command[0], command[0]));
		ProcessBuilder builder = new ProcessBuilder(resolved);
		environment(builder.environment(), requireNonNull(this.scratch).resolve("run"), busAddress());
		builder.redirectErrorStream(true);
		Process process = builder.start();
		byte[] output = process.getInputStream().readAllBytes();
		if (!process.waitFor(30, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new IllegalStateException(String.join(" ", command) + " did not finish");
		}
		return new String(output, StandardCharsets.UTF_8);
	}

	private void awaitSecretService(Path runtime, String address) throws IOException, InterruptedException {
		long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			ProcessBuilder builder = new ProcessBuilder(program("dbus-send"), "--session", "--print-reply",
					"--dest=org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus.NameHasOwner",
					"string:org.freedesktop.secrets");
			environment(builder.environment(), runtime, address);
			builder.redirectErrorStream(true);
			Process probe = builder.start();
			String reply = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			probe.waitFor(10, TimeUnit.SECONDS);
			if (reply.contains("boolean true")) {
				return;
			}
			Process keyring = requireNonNull(this.keyringDaemon);
			if (!keyring.isAlive()) {
				throw new IllegalStateException("gnome-keyring-daemon exited with " + keyring.exitValue()
						+ "; see " + requireNonNull(this.scratch).resolve("gnome-keyring.log"));
			}
			Thread.sleep(100);
		}
		throw new IllegalStateException(
				"gnome-keyring-daemon did not register org.freedesktop.secrets within " + STARTUP_TIMEOUT);
	}

	private void environment(Map<String, String> environment, Path runtime, @Nullable String address) {
		environment.put("HOME", home().toString());
		environment.put("XDG_RUNTIME_DIR", runtime.toString());
		environment.remove("DISPLAY");
		environment.remove("WAYLAND_DISPLAY");
		if (address != null) {
			environment.put("DBUS_SESSION_BUS_ADDRESS", address);
		}
		else {
			environment.remove("DBUS_SESSION_BUS_ADDRESS");
		}
	}

	private String program(String name) {
		return this.programs.getOrDefault(name, name);
	}

	private static void stop(@Nullable Process process) throws InterruptedException {
		if (process == null) {
			return;
		}
		process.destroy();
		if (!process.waitFor(10, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			process.waitFor(10, TimeUnit.SECONDS);
		}
	}

	private static @Nullable Path onPath(String program) {
		String path = System.getenv("PATH");
		List<String> directories = new ArrayList<>((path != null) ? List.of(path.split(File.pathSeparator)) : List.of());
		directories.addAll(List.of("/usr/bin", "/bin", "/usr/local/bin"));
		for (String directory : directories) {
			Path candidate = Path.of(directory, program);
			if (Files.isExecutable(candidate)) {
				return candidate;
			}
		}
		return null;
	}

	private static <T> T requireNonNull(@Nullable T value) {
		if (value == null) {
			throw new IllegalStateException("the Secret Service is not running");
		}
		return value;
	}

}
