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
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import io.github.mcpoauth.core.McpOAuthErrorCode;
import io.github.mcpoauth.core.McpOAuthException;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Help.Ansi;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Turns a failure into what the user sees: one line saying what went wrong, one line with
 * a hint, the stack trace only with {@code --debug}, and the exit code of
 * {@link ExitCodes}. Colour only on a terminal ({@link Ansi#AUTO}).
 */
final class ErrorReporter implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {

	private final boolean debug;

	ErrorReporter(boolean debug) {
		this.debug = debug;
	}

	@Override
	public int handleExecutionException(Exception ex, CommandLine commandLine, CommandLine.ParseResult parseResult) {
		return report(ex, commandLine.getErr(), commandLine.getColorScheme().ansi());
	}

	/**
	 * Prints a usage error: what is wrong, suggestions for a mistyped option or command, and
	 * where the usage is (the whole usage when no command was given).
	 */
	@Override
	public int handleParseException(CommandLine.ParameterException ex, String[] args) {
		CommandLine commandLine = ex.getCommandLine();
		PrintWriter err = commandLine.getErr();
		Ansi ansi = commandLine.getColorScheme().ansi();
		err.println(ansi.string("@|bold,red Error:|@ ") + Report.oneLine(ex.getMessage()));
		CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
		if (args.length == 0) {
			commandLine.usage(err, ansi);
		}
		else {
			err.println(ansi.string("@|yellow Hint:|@ ") + "Run '" + commandLine.getCommandSpec().qualifiedName()
					+ " --help' for the usage.");
		}
		err.flush();
		return ExitCodes.USAGE;
	}

	/**
	 * Prints a failure.
	 * @param failure the failure
	 * @param err where to print
	 * @param ansi whether to colour
	 * @return the exit code
	 */
	int report(Throwable failure, PrintWriter err, Ansi ansi) {
		Report report = describe(failure);
		err.println(ansi.string("@|bold,red Error:|@ ") + report.message());
		err.println(ansi.string("@|yellow Hint:|@ ") + report.hint());
		if (this.debug) {
			failure.printStackTrace(err);
		}
		err.flush();
		return report.exitCode();
	}

	static Report describe(Throwable failure) {
		for (Throwable t = failure; t != null; t = t.getCause()) {
			if (t instanceof CommandFailure command) {
				return new Report(command.exitCode(), Objects.requireNonNull(command.getMessage()), command.hint());
			}
			if (t instanceof McpOAuthException oauth) {
				McpOAuthErrorCode code = oauth.getErrorCode();
				return new Report(ExitCodes.of(code), detail(oauth) + " (" + code + ")", code.hint());
			}
			if (t instanceof InvalidConfigurationPropertyValueException invalid) {
				return new Report(ExitCodes.CONFIGURATION_ERROR, "Invalid value for '" + invalid.getName() + "': "
						+ invalid.getReason(), "Fix the property (on the command line as --" + invalid.getName()
						+ "=VALUE, or in application.yml).");
			}
			if (t instanceof BindException bind) {
				return new Report(ExitCodes.CONFIGURATION_ERROR, "Invalid value for '" + bind.getName() + "': "
						+ reason(bind), "Fix the property (on the command line as --" + bind.getName()
						+ "=VALUE, or in application.yml).");
			}
		}
		return new Report(ExitCodes.INTERNAL_ERROR, "Unexpected " + failure,
				"Run the command again with --debug to see the stack trace, and report it.");
	}

	/**
	 * Why a value did not bind: for a choice (an enum), the values it takes, as they are
	 * written in the configuration.
	 */
	private static String reason(BindException bind) {
		Class<?> type = bind.getTarget().getType().resolve();
		if (type != null && type.isEnum() && bind.getProperty() != null) {
			List<String> values = Arrays.stream(type.getEnumConstants())
				.map((constant) -> ((Enum<?>) constant).name().toLowerCase(Locale.ROOT).replace('_', '-'))
				.toList();
			return "'" + bind.getProperty().getValue() + "' is not one of " + String.join(", ", values) + ".";
		}
		Throwable cause = (bind.getCause() != null) ? bind.getCause() : bind;
		return String.valueOf(cause.getMessage());
	}

	/**
	 * The message of an engine failure without its code and hint, which are shown apart.
	 */
	private static String detail(McpOAuthException ex) {
		String message = String.valueOf(ex.getMessage());
		String suffix = " [" + ex.getErrorCode() + "] " + ex.getErrorCode().hint();
		return message.endsWith(suffix) ? message.substring(0, message.length() - suffix.length()) : message;
	}

	/**
	 * What the user is told about a failure.
	 *
	 * @param exitCode the exit code
	 * @param message what went wrong
	 * @param hint what to do about it
	 */
	record Report(int exitCode, String message, String hint) {

		Report {
			message = oneLine(message);
		}

		static String oneLine(@Nullable String text) {
			return String.valueOf(text).replaceAll("\\s*\\R\\s*", " ").strip();
		}

	}

}
