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

package io.github.mcpoauth.grant;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.mcpoauth.core.McpOAuthErrorCode;
import io.github.mcpoauth.core.WorkloadAssertionSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.github.mcpoauth.testsupport.McpOAuthAssertions.expectThrown;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sources of a workload's identity assertion: a file, an environment variable, a
 * command; each read anew, each failing with a message that names the source and never
 * the assertion.
 */
class WorkloadAssertionsTests {

	@TempDir
	Path temp;

	@Test
	void fileIsReadAnewEachTimeWithoutSurroundingWhitespace() throws Exception {
		Path token = this.temp.resolve("token");
		Files.writeString(token, "eyJ.first.jwt\n");
		WorkloadAssertionSource source = WorkloadAssertions.file(token);

		assertThat(source.read()).isEqualTo("eyJ.first.jwt");
		Files.writeString(token, "eyJ.rotated.jwt"); // the kubelet rotates projected tokens
		assertThat(source.read()).isEqualTo("eyJ.rotated.jwt");
		assertThat(source).hasToString("file " + token);
	}

	@Test
	void fileWhenMissingThenFailsNamingThePath() {
		Path missing = this.temp.resolve("var/run/secrets/tokens/mcp");

		assertThat(expectThrown(() -> WorkloadAssertions.file(missing).read(),
				McpOAuthErrorCode.WORKLOAD_ASSERTION_UNAVAILABLE).getMessage())
			.contains(missing.toString(), "does not exist");
	}

	@Test
	void fileWhenEmptyThenFails() throws Exception {
		Path empty = Files.writeString(this.temp.resolve("token"), " \n");

		assertThat(expectThrown(() -> WorkloadAssertions.file(empty).read(),
				McpOAuthErrorCode.WORKLOAD_ASSERTION_UNAVAILABLE).getMessage())
			.contains("is empty");
	}

	@Test
	void fileWhenItIsADirectoryThenFails() {
		expectThrown(() -> WorkloadAssertions.file(this.temp).read(), McpOAuthErrorCode.WORKLOAD_ASSERTION_UNAVAILABLE);
	}

	@Test
	void fileWhenHugeThenFailsWithoutReadingItAll() throws Exception {
		Path huge = Files.write(this.temp.resolve("token"), new byte[WorkloadAssertions.MAX_BYTES + 1]);

		assertThat(expectThrown(() -> WorkloadAssertions.file(huge).read(),
				McpOAuthErrorCode.WORKLOAD_ASSERTION_UNAVAILABLE).getMessage())
			.contains("larger than 64 KiB");
	}

	@Test
	void environmentVariableIsReadAnewEachTime() {
		Map<String, String> environment = new java.util.HashMap<>(Map.of("MCP_WORKLOAD_TOKEN", "eyJ.env.jwt"));
		WorkloadAssertionSource source = WorkloadAssertions.environment("MCP_WORKLOAD_TOKEN", environment::get);

		assertThat(source.read()).isEqualTo("eyJ.env.jwt");
		environment.put("MCP_WORKLOAD_TOKEN", "eyJ.next.jwt");
		assertThat(source.read()).isEqualTo("eyJ.next.jwt");
		assertThat(source).hasToString("environment variable MCP_WORKLOAD_TOKEN");
	}

	@Test
	void environmentVariableWhenUnsetOrEmptyThenFailsNamingIt() {
		assertThat(expectThrown(() -> WorkloadAssertions.environment("MCP_WORKLOAD_TOKEN", (name) -> null).read(),
				McpOAuthErrorCode.WORKLOAD_ASSERTION_UNAVAILABLE).getMessage())
			.contains("MCP_WORKLOAD_TOKEN", "is not set");
		assertThat(expectThrown(() -> WorkloadAssertions.environment("MCP_WORKLOAD_TOKEN", (name) -> "  ").read(),
				McpOAuthErrorCode.WORKLOAD_ASSERTION_UNAVAILABLE).getMessage())
			.contains("MCP_WORKLOAD_TOKEN", "is empty");
	}

	@Test
	void environmentVariableOfTheProcessIsRead() {
		assertThat(WorkloadAssertions.environment("PATH").read()).isEqualTo(System.getenv("PATH").strip());
	}

	@Test
	void commandOutputIsTheAssertion() {
		WorkloadAssertionSource source = WorkloadAssertions.command(List.of("printf", "%s\\n", "eyJ.cmd.jwt"),
				Duration.ofSeconds(10));

		assertThat(source.read()).isEqualTo("eyJ.cmd.jwt");
		assertThat(source).hasToString("command printf");
	}

	@Test
	void commandWhenItFailsThenFailsWithItsStatusButNotItsErrorOutput() {
		WorkloadAssertionSource source = WorkloadAssertions
			.command(List.of("sh", "-c", "echo secret-detail >&2; exit 3"), Duration.ofSeconds(10));

		assertThat(expectThrown(source::read, McpOAuthErrorCode.WORKLOAD_ASSERTION_UNAVAILABLE).getMessage())
			.contains("command sh", "exited with status 3")
			.doesNotContain("secret-detail");
	}

	@Test
	void commandWhenItRunsTooLongThenIsStopped() {
		WorkloadAssertionSource source = WorkloadAssertions.command(List.of("sleep", "30"), Duration.ofMillis(300));

		long start = System.nanoTime();
		assertThat(expectThrown(source::read, McpOAuthErrorCode.WORKLOAD_ASSERTION_UNAVAILABLE).getMessage())
			.contains("did not finish within 300 ms");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
	}

	@Test
	void commandWhenMissingOrSilentThenFails() {
		expectThrown(() -> WorkloadAssertions.command(List.of(this.temp.resolve("no-such-command").toString()),
				Duration.ofSeconds(5)).read(), McpOAuthErrorCode.WORKLOAD_ASSERTION_UNAVAILABLE);
		assertThat(expectThrown(() -> WorkloadAssertions.command(List.of("true"), Duration.ofSeconds(5)).read(),
				McpOAuthErrorCode.WORKLOAD_ASSERTION_UNAVAILABLE).getMessage())
			.contains("is empty");
	}

	@Test
	void fixedAssertionDoesNotShowItself() {
		assertThat(WorkloadAssertions.of("eyJ.fixed.jwt")).hasToString("a fixed assertion");
	}

}
