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
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import io.github.mcpoauth.core.McpOAuthErrorCode;
import io.github.mcpoauth.core.McpOAuthException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import picocli.CommandLine.Help.Ansi;

import org.springframework.beans.factory.BeanCreationException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How failures reach the user: one line, a hint, the exit code of their kind.
 */
class ErrorReporterTests {

	@ParameterizedTest
	@EnumSource(McpOAuthErrorCode.class)
	void everyEngineErrorCodeHasAnExitCodeOfItsKind(McpOAuthErrorCode code) {
		assertThat(ExitCodes.of(code)).isIn(ExitCodes.AUTHORIZATION_FAILED, ExitCodes.SERVER_ERROR,
				ExitCodes.STORAGE_ERROR, ExitCodes.CONFIGURATION_ERROR);
	}

	@Test
	void kindsOfEngineErrorsMapToDistinctExitCodes() {
		assertThat(ExitCodes.of(McpOAuthErrorCode.ACCESS_DENIED)).isEqualTo(3);
		assertThat(ExitCodes.of(McpOAuthErrorCode.REFRESH_FAILED)).isEqualTo(3);
		assertThat(ExitCodes.of(McpOAuthErrorCode.CONNECTION_FAILED)).isEqualTo(4);
		assertThat(ExitCodes.of(McpOAuthErrorCode.DISCOVERY_FAILED)).isEqualTo(4);
		assertThat(ExitCodes.of(McpOAuthErrorCode.STORAGE_FAILED)).isEqualTo(5);
		assertThat(ExitCodes.of(McpOAuthErrorCode.INVALID_CONFIGURATION)).isEqualTo(6);
		Set<Integer> codes = Arrays.stream(McpOAuthErrorCode.values()).map(ExitCodes::of).collect(Collectors.toSet());
		assertThat(codes).containsExactlyInAnyOrder(3, 4, 5, 6);
	}

	@Test
	void engineFailureIsOneLineWithItsCodeThenTheHint() {
		McpOAuthException failure = new McpOAuthException(McpOAuthErrorCode.ACCESS_DENIED, "The user said no.");

		String err = report(new BeanCreationException("wrapped", failure), false);

		assertThat(err).isEqualTo("Error: The user said no. (ACCESS_DENIED)\nHint: "
				+ McpOAuthErrorCode.ACCESS_DENIED.hint() + "\n");
	}

	@Test
	void multiLineMessageIsPrintedOnOneLine() {
		String err = report(new CommandFailure(ExitCodes.SERVER_ERROR, "first\n   second", "do this"), false);

		assertThat(err).isEqualTo("Error: first second\nHint: do this\n");
	}

	@Test
	void unexpectedFailureIsAnInternalErrorWithStackTraceUnderDebug() {
		IllegalStateException bug = new IllegalStateException("boom");

		StringWriter out = new StringWriter();
		int exitCode = new ErrorReporter(true).report(bug, new PrintWriter(out), Ansi.OFF);

		assertThat(exitCode).isEqualTo(ExitCodes.INTERNAL_ERROR);
		assertThat(out.toString()).startsWith("Error: Unexpected java.lang.IllegalStateException: boom\n"
				+ "Hint: Run the command again with --debug").contains("\tat ");
	}

	@Test
	void colourOnlyWhenAnsiIsOn() {
		StringWriter out = new StringWriter();
		new ErrorReporter(false).report(new CommandFailure(2, "bad", "fix it"), new PrintWriter(out), Ansi.ON);

		assertThat(out.toString()).contains("\u001B[").contains("bad").contains("fix it");
	}

	private static String report(Throwable failure, boolean debug) {
		StringWriter out = new StringWriter();
		new ErrorReporter(debug).report(failure, new PrintWriter(out), Ansi.OFF);
		return out.toString();
	}

}
