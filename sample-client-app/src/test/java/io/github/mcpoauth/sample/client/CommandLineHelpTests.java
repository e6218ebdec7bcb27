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
import java.io.StringWriter;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The usage help, usage errors and configuration errors of the command line, which need
 * no server (and open no token store).
 */
class CommandLineHelpTests {

	@TempDir
	Path directory;

	@Test
	void helpListsTheCommandsTheSpringPropertiesAndTheExitCodes() {
		Cli.Result result = new Cli(this.directory).run("--help");

		assertThat(result.exitCode()).isZero();
		assertThat(result.out()).startsWith("Usage: mcp-oauth [-hV] [--debug] COMMAND")
			.containsPattern("\n  auth +Log in to an MCP server and store its tokens\\.")
			.containsPattern("\n  get +Show the stored token of a server, redacted\\.")
			.containsPattern("\n  list +List the servers")
			.containsPattern("\n  test +Connect with the stored tokens")
			.containsPattern("\n  call +Call a tool of a server")
			.containsPattern("\n  clear +Remove the stored tokens")
			.containsPattern("\n  conformance +Run a scenario of the MCP conformance suite")
			.containsPattern("\n  serve +Serve a demo web page")
			.containsPattern("\n  chat +Chat with a model")
			.contains("--mcp.oauth.storage.type=encrypted-file")
			.contains(ExitCodes.HELP_0, ExitCodes.HELP_1, ExitCodes.HELP_2, ExitCodes.HELP_3, ExitCodes.HELP_4,
					ExitCodes.HELP_5, ExitCodes.HELP_6, ExitCodes.HELP_7)
			.doesNotContain("\u001B[");
		assertThat(result.out().lines()).allSatisfy((line) -> assertThat(line.length()).isLessThanOrEqualTo(80));
		assertThat(this.directory).isEmptyDirectory();
	}

	@ParameterizedTest
	@ValueSource(strings = { "auth", "get", "list", "test", "call", "clear", "conformance", "serve", "chat" })
	void everyCommandHasHelp(String command) {
		Cli.Result result = new Cli(this.directory).run(command, "--help");

		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(result.out()).startsWith("Usage: mcp-oauth " + command).contains("--debug").contains("-h, --help");
		assertThat(result.err()).isEmpty();
		assertThat(this.directory).isEmptyDirectory();
	}

	@Test
	void authHelpDescribesEveryOptionAndExamples() {
		Cli.Result result = new Cli(this.directory).run("auth", "--help");

		assertThat(result.out()).contains("NAME", "[URL]", "--scope=SCOPE", "--client-id=ID", "--client-secret[=SECRET]",
				"--client-auth-method=METHOD", "--browser=MODE", "system (open the browser)", "Examples:",
				"mcp-oauth auth sample http://127.0.0.1:9003/mcp");
	}

	@Test
	void versionIsPrinted() {
		Cli.Result result = new Cli(this.directory).run("--version");

		assertThat(result.exitCode()).isZero();
		assertThat(result.out()).isEqualTo("mcp-oauth 0.1.0\n");
	}

	@Test
	void noCommandThenUsageErrorWithTheUsage() {
		Cli.Result result = new Cli(this.directory).run();

		assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(result.err()).startsWith("Error: Missing a command.\nUsage: mcp-oauth");
		assertThat(result.out()).isEmpty();
	}

	@Test
	void unknownOptionThenUsageErrorWithHint() {
		Cli.Result result = new Cli(this.directory).run("list", "--frobnicate");

		assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(result.err()).startsWith("Error: Unknown option: '--frobnicate'")
			.endsWith("Hint: Run 'mcp-oauth list --help' for the usage.\n");
	}

	@Test
	void mistypedCommandThenSuggestion() {
		Cli.Result result = new Cli(this.directory).run("tset", "sample");

		assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(result.err()).contains("Did you mean: mcp-oauth ").endsWith("Hint: Run 'mcp-oauth --help' for the usage.\n");
	}

	@Test
	void missingParameterThenUsageError() {
		Cli.Result result = new Cli(this.directory).run("call", "sample");

		assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(result.err()).startsWith("Error: Missing required parameter: 'TOOL'");
	}

	@Test
	void authArgumentsCheckedBeforeAnythingHappens() {
		Cli cli = new Cli(this.directory);

		assertThat(cli.run("auth", "bad name", "http://127.0.0.1:1/mcp").err())
			.startsWith("Error: NAME 'bad name' must start with a letter or digit");
		assertThat(cli.run("auth", "new").err()).startsWith("Error: 'new' is a new server: give its URL");
		assertThat(cli.run("auth", "x", "ftp://example.com/mcp").err())
			.startsWith("Error: URL 'ftp://example.com/mcp': It must be an absolute http(s) URL");
		assertThat(cli.run("auth", "x", "http://127.0.0.1:1/mcp", "--client-secret", "s").err())
			.startsWith("Error: --client-id: A client-secret is set, so the client-id it belongs to is needed.");
		assertThat(cli.run("auth", "x", "http://127.0.0.1:1/mcp", "--client-id", "app", "--client-auth-method", "none",
				"--client-secret", "s").err())
			.startsWith("Error: --client-auth-method 'none': A public client (none) sends no client-secret");
		assertThat(cli.run("auth", "x", "http://127.0.0.1:1/mcp", "--client-auth-method", "private_key_jwt").err())
			.contains("'private_key_jwt' is not one of client_secret_basic, client_secret_post, none");
		assertThat(cli.run("auth", "x", "http://127.0.0.1:1/mcp", "--browser", "lynx").err())
			.contains("'lynx' is not one of system, print, direct");
		assertThat(cli.run("auth", "x", "http://127.0.0.1:1/mcp", "--browser", "lynx").exitCode())
			.isEqualTo(ExitCodes.USAGE);
	}

	@Test
	void springPropertyArgumentsGoToSpringNotPicocli() {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();

		int exitCode = SampleClientApplication.run(SampleClientApplication.application(),
				new String[] { "list", "--mcp.oauth.storage.type=memory", "--cli.servers-file=" + this.directory.resolve("s.json") },
				new PrintWriter(out, true), new PrintWriter(err, true));

		assertThat(exitCode).as(err.toString()).isZero();
		assertThat(out.toString()).contains("No servers yet.").contains("Token store: memory");
	}

	@Test
	void invalidPropertyThenConfigurationError() {
		Cli.Result result = new Cli(this.directory, "--mcp.oauth.storage.type=floppy").run("list");

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.CONFIGURATION_ERROR);
		// the Cli helper's own --mcp.oauth.storage.type=encrypted-file comes first: the value is both, joined
		assertThat(result.err()).isEqualTo("Error: Invalid value for 'mcp.oauth.storage.type': 'encrypted-file,floppy'"
				+ " is not one of memory, encrypted-file, keychain, vault, database, auto.\n"
				+ "Hint: Fix the property (on the command line as --mcp.oauth.storage.type=VALUE, or in application.yml).\n");
	}

	@Test
	void conformanceNeverOpensTheTokenStore() {
		// a vault store without an address fails as soon as it is created: conformance must not create it
		Cli cli = new Cli(this.directory, "--mcp.oauth.storage.type=vault");
		assertThat(cli.run("list").exitCode()).isEqualTo(ExitCodes.CONFIGURATION_ERROR);

		Cli.Result result = cli.run("conformance", "http://127.0.0.1:1/mcp");

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
		assertThat(result.err()).isEmpty();
		assertThat(this.directory).isEmptyDirectory();
	}

	@Test
	void failureShowsTheStackTraceOnlyWithDebug() {
		Cli cli = new Cli(this.directory);

		Cli.Result plain = cli.run("test", "nowhere");
		Cli.Result debug = cli.run("test", "nowhere", "--debug");

		assertThat(plain.err()).doesNotContain("\tat ").hasLineCount(2);
		assertThat(debug.exitCode()).isEqualTo(plain.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(debug.err()).startsWith(plain.err()).contains("CommandFailure").contains("\tat io.github.mcpoauth");
	}

	@Test
	void springPropertyArgumentIsRecognized() {
		assertThat(SampleClientApplication.isSpringProperty("--mcp.oauth.storage.type=memory")).isTrue();
		assertThat(SampleClientApplication.isSpringProperty("--json={\"a.b\": 1}")).isFalse();
		assertThat(SampleClientApplication.isSpringProperty("--client-secret=a.b")).isFalse();
		assertThat(SampleClientApplication.isSpringProperty("--debug")).isFalse();
		assertThat(SampleClientApplication.isSpringProperty("message=a.b")).isFalse();
	}

}
