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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.mcpoauth.sample.server.StaticAuthServer;
import io.github.mcpoauth.testsupport.HeadlessChromium;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The whole command line as a user runs it, with a real browser: the packaged jar runs as
 * separate processes ({@code java -jar}); {@code auth --browser system} opens the real
 * login page of the real sample server in {@link HeadlessChromium}, the test signs in
 * there as the demo user, the command's loopback listener receives the authorization
 * response; then {@code test} and {@code call echo} succeed with the stored tokens in
 * fresh processes.
 *
 * <p>The browser command ({@code mcp.oauth.user-agent.browser-command}) is a small script
 * that hands the URL to this test, which opens it in the Chromium it drives. The store is
 * an encrypted file with a password from the environment. Without Chromium the test is
 * skipped with a reason, except under {@code CI=true}, where it fails.
 */
class BrowserLoginEndToEndIT {

	private static final String PASSWORD_VARIABLE = "MCP_OAUTH_E2E_PASSWORD";

	private static final Duration TIMEOUT = Duration.ofSeconds(90);

	@TempDir
	static Path userDataDir;

	private static StaticAuthServer server;

	private static WebDriver browser;

	@TempDir
	Path directory;

	private final List<Process> processes = new ArrayList<>();

	@BeforeAll
	static void start() {
		HeadlessChromium.assumeInstalled();
		server = StaticAuthServer.start("--port=0");
		browser = HeadlessChromium.start(userDataDir, TIMEOUT);
	}

	@AfterAll
	static void stop() {
		if (browser != null) {
			browser.quit();
		}
		if (server != null) {
			server.close();
		}
	}

	@AfterEach
	void stopProcesses() {
		this.processes.stream().filter(Process::isAlive).forEach(Process::destroyForcibly);
	}

	@Test
	void authInChromiumThenTestAndCallEchoInFreshProcesses() throws Exception {
		Path urlFile = this.directory.resolve("opened-url.txt");
		Path launcher = browserLauncher(urlFile);

		Process auth = cli("auth", "sample", server.mcpUrl(), "--client-id", "static-mcp-client-001", "--client-secret",
				"your-secret-key-change-this-in-production", "--browser", "system",
				"--mcp.oauth.user-agent.browser-command=" + launcher);
		String authorizationUrl = awaitFile(urlFile, auth);
		assertThat(authorizationUrl).startsWith(server.baseUrl() + "/authorize?");

		WebDriverWait wait = new WebDriverWait(browser, TIMEOUT);
		browser.get(authorizationUrl);
		wait.until(ExpectedConditions.urlToBe(server.baseUrl() + "/login"));
		browser.findElement(By.name("username")).sendKeys("demo");
		browser.findElement(By.name("password")).sendKeys("demo");
		browser.findElement(By.cssSelector("form button[type=submit]")).click();
		wait.until(ExpectedConditions.titleIs("Authorization complete"));

		Run authRun = finish(auth);
		assertThat(authRun.exitCode()).as(authRun.toString()).isZero();
		Matcher waiting = Pattern.compile("Waiting for the browser to return to (http://127\\.0\\.0\\.1:\\d+/callback) ")
			.matcher(authRun.out());
		assertThat(waiting.find()).as(authRun.toString()).isTrue();
		assertThat(browser.getCurrentUrl()).startsWith(waiting.group(1) + "?");
		assertThat(browser.findElement(By.tagName("body")).getText()).contains("You are signed in");
		assertThat(authRun.out()).contains("Opening the authorization page in the browser. If it does not open, visit:")
			.contains("Authorized 'sample'.")
			.contains("Stored in:      encrypted-file (" + this.directory.resolve("store/tokens.enc") + ", password)");

		Run test = finish(cli("test", "sample"));
		assertThat(test.exitCode()).as(test.toString()).isZero();
		assertThat(test.out()).containsPattern("\n    echo +Echo a message back\\.")
			.contains("OK: 'sample' answered initialize and tools/list with the stored tokens.");

		Run call = finish(cli("call", "sample", "echo", "--arg", "message=from Chromium"));
		assertThat(call.exitCode()).as(call.toString()).isZero();
		JsonNode result = JsonMapper.builder().build().readTree(call.out());
		assertThat(result.get("structuredContent").get("echo").asString()).isEqualTo("from Chromium");
		assertThat(result.get("isError").asBoolean()).isFalse();
	}

	/**
	 * The browser command: writes the URL where this test picks it up (atomically, so the
	 * test never reads half a URL).
	 */
	private Path browserLauncher(Path urlFile) throws IOException {
		Path launcher = this.directory.resolve("open-in-test-browser.sh");
		Files.writeString(launcher, "#!/bin/sh\nprintf '%s' \"$1\" > '" + urlFile + ".tmp' && mv '" + urlFile
				+ ".tmp' '" + urlFile + "'\n");
		Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwx------"));
		return launcher;
	}

	private Process cli(String... args) throws IOException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-Duser.home=" + this.directory);
		command.add("-jar");
		command.add(jar().toString());
		command.addAll(List.of(args));
		command.add("--mcp.oauth.storage.type=encrypted-file");
		command.add("--mcp.oauth.storage.file.directory=" + this.directory.resolve("store"));
		command.add("--mcp.oauth.storage.file.password-env=" + PASSWORD_VARIABLE);
		int n = this.processes.size();
		ProcessBuilder builder = new ProcessBuilder(command)
			.redirectOutput(this.directory.resolve("out-" + n + ".txt").toFile())
			.redirectError(this.directory.resolve("err-" + n + ".txt").toFile());
		builder.environment().put(PASSWORD_VARIABLE, "end-to-end-test-password");
		Process process = builder.start();
		this.processes.add(process);
		return process;
	}

	private Run finish(Process process) throws Exception {
		if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
			process.destroyForcibly();
			fail("the command did not finish within " + TIMEOUT);
		}
		int n = this.processes.indexOf(process);
		return new Run(process.exitValue(), Files.readString(this.directory.resolve("out-" + n + ".txt")),
				Files.readString(this.directory.resolve("err-" + n + ".txt")));
	}

	private String awaitFile(Path file, Process process) throws Exception {
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		while (!Files.exists(file)) {
			if (!process.isAlive()) {
				fail("auth ended before opening the browser: " + finish(process));
			}
			if (System.nanoTime() > deadline) {
				fail("auth did not open the browser within " + TIMEOUT);
			}
			Thread.sleep(100);
		}
		return Files.readString(file);
	}

	private static Path jar() {
		String configured = System.getProperty("cli.jar");
		Path jar = (configured != null) ? Path.of(configured) : Path.of("target", "sample-client-app.jar");
		if (!Files.isRegularFile(jar)) {
			fail("The packaged command line " + jar.toAbsolutePath() + " is missing: run 'mvn verify' (this test "
					+ "runs after packaging)");
		}
		return jar;
	}

	/**
	 * What a command process printed and returned.
	 */
	private record Run(int exitCode, String out, String err) {

		@Override
		public String toString() {
			return "exit code " + this.exitCode + "\n--- out:\n" + this.out + "--- err:\n" + this.err;
		}

	}

}
