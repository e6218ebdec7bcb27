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
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.mcpoauth.store.EncryptedFileTokenStore;
import io.github.mcpoauth.store.McpOAuthStore;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the command line in-process, each run in a new application context (as a new
 * process would), against a token store of its own: an encrypted file in a test directory.
 */
final class Cli {

	/** The environment variable with a store password, set for the tests in the pom. */
	static final String PASSWORD_VARIABLE = "MCP_OAUTH_CLI_TEST_PASSWORD";

	private static final Pattern AUTHORIZATION_URL = Pattern.compile("(http://127\\.0\\.0\\.1:\\d+/authorize\\?\\S+)");

	private final Path directory;

	private final List<String> properties = new ArrayList<>();

	/**
	 * @param directory the token store directory (also where servers.json goes)
	 * @param properties more Spring Boot properties, as {@code --name=value}
	 */
	Cli(Path directory, String... properties) {
		this.directory = directory;
		this.properties.add("--mcp.oauth.storage.type=encrypted-file");
		this.properties.add("--mcp.oauth.storage.file.directory=" + directory);
		this.properties.addAll(Arrays.asList(properties));
	}

	Path directory() {
		return this.directory;
	}

	/**
	 * @return a store on the same directory and key file as the command line's
	 */
	McpOAuthStore store() {
		return EncryptedFileTokenStore.builder(this.directory).build();
	}

	Result run(String... args) {
		return run(new StringWriter(), args);
	}

	private Result run(StringWriter out, String... args) {
		StringWriter err = new StringWriter();
		List<String> all = new ArrayList<>(Arrays.asList(args));
		all.addAll(this.properties);
		int exitCode = SampleClientApplication.run(SampleClientApplication.application(), all.toArray(String[]::new),
				new PrintWriter(out, true), new PrintWriter(err, true));
		return new Result(exitCode, out.toString(), err.toString());
	}

	/**
	 * Runs {@code auth} with {@code --browser print} and logs in as the demo user at the URL
	 * the command prints, like a person with a browser.
	 * @param args the arguments after {@code auth}
	 * @return the result of {@code auth}
	 */
	Result authorize(String... args) throws Exception {
		URLWatcher out = new URLWatcher();
		List<String> all = new ArrayList<>(List.of("auth"));
		all.addAll(Arrays.asList(args));
		all.add("--browser=print");
		CompletableFuture<Result> result = CompletableFuture.supplyAsync(() -> run(out, all.toArray(String[]::new)));
		URI authorizationUrl = CompletableFuture.anyOf(out.url, result)
			.thenApply((first) -> (first instanceof URI uri) ? uri : null)
			.get(60, TimeUnit.SECONDS);
		if (authorizationUrl == null) {
			return result.get();
		}
		HttpResponse<String> page = FormLogin.login(authorizationUrl, "demo", "demo");
		assertThat(page.body()).contains("Authorization complete");
		return result.get(60, TimeUnit.SECONDS);
	}

	/**
	 * Standard output that notices the authorization URL when the command prints it.
	 */
	private static final class URLWatcher extends StringWriter {

		final CompletableFuture<URI> url = new CompletableFuture<>();

		@Override
		public void flush() {
			super.flush();
			Matcher matcher = AUTHORIZATION_URL.matcher(toString());
			if (matcher.find()) {
				this.url.complete(URI.create(matcher.group(1)));
			}
		}

	}

	/**
	 * What a run printed and returned.
	 *
	 * @param exitCode the exit code
	 * @param out standard output
	 * @param err standard error
	 */
	record Result(int exitCode, String out, String err) {

		@Override
		public String toString() {
			return "exit code " + this.exitCode + "\n--- out:\n" + this.out + "--- err:\n" + this.err;
		}

	}

}
