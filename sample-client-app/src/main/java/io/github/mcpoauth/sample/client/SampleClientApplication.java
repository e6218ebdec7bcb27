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
import java.lang.reflect.Constructor;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import picocli.CommandLine;
import picocli.CommandLine.Help.Ansi;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The {@code mcp-oauth} command-line client: picocli commands on a non-web Spring Boot
 * application. Arguments of the form {@code --name.with.dots=value} (such as
 * {@code --mcp.oauth.storage.type=encrypted-file}) are Spring Boot properties; all others
 * go to picocli, which parses them before anything starts: usage help, the version and
 * usage errors need no Spring at all. Then the {@link CommandContext} opens what the
 * command needs, and no more: the Spring Boot environment and the token store for
 * {@code list}, {@code get} and {@code clear}, the application context (with beans
 * created on first use) for the others.
 */
@SpringBootApplication
public class SampleClientApplication {

	public static void main(String[] args) {
		Charset charset = (System.console() != null) ? System.console().charset() : Charset.defaultCharset();
		PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, charset), true);
		PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, charset), true);
		System.exit(run(SampleClientApplication::application, args, out, err));
	}

	/**
	 * @param sources more configuration classes (for tests)
	 * @return the Spring application of the command line
	 */
	static SpringApplication application(Class<?>... sources) {
		SpringApplication application = new SpringApplication(SampleClientApplication.class);
		application.addPrimarySources(List.of(sources));
		application.setWebApplicationType(WebApplicationType.NONE);
		return application;
	}

	/**
	 * Runs one command line.
	 * @param application the Spring application
	 * @param args the arguments: Spring Boot properties and a command
	 * @param out standard output
	 * @param err standard error
	 * @return the exit code (see {@link ExitCodes})
	 */
	static int run(SpringApplication application, String[] args, PrintWriter out, PrintWriter err) {
		return run(() -> application, args, out, err);
	}

	/**
	 * Runs one command line.
	 * @param application creates the Spring application, when the command needs it
	 * @param args the arguments: Spring Boot properties and a command
	 * @param out standard output
	 * @param err standard error
	 * @return the exit code (see {@link ExitCodes})
	 */
	static int run(Supplier<SpringApplication> application, String[] args, PrintWriter out, PrintWriter err) {
		List<String> springArgs = new ArrayList<>();
		List<String> commandArgs = new ArrayList<>();
		boolean debug = false;
		boolean endOfOptions = false;
		for (String arg : args) {
			if (!endOfOptions && isSpringProperty(arg)) {
				springArgs.add(arg);
				continue;
			}
			commandArgs.add(arg);
			endOfOptions |= "--".equals(arg);
			debug |= !endOfOptions && "--debug".equals(arg);
		}
		if (debug) {
			springArgs.add("--logging.level.io.github.mcpoauth=debug");
		}
		ErrorReporter reporter = new ErrorReporter(debug);
		try (CommandContext context = new CommandContext(application, springArgs.toArray(String[]::new))) {
			CommandLine commandLine = new CommandLine(McpOAuthCommand.class, new CommandFactory(context));
			commandLine.setOut(out);
			commandLine.setErr(err);
			commandLine.setExecutionExceptionHandler(reporter);
			commandLine.setParameterExceptionHandler(reporter);
			commandLine.setExecutionStrategy(new StartThenRun(context));
			return commandLine.execute(commandArgs.toArray(String[]::new));
		}
		catch (RuntimeException ex) {
			return reporter.report(ex, err, Ansi.AUTO);
		}
	}

	/**
	 * @param arg a command-line argument
	 * @return whether it is a Spring Boot property, {@code --name.with.dots=value}
	 */
	static boolean isSpringProperty(String arg) {
		int equals = arg.indexOf('=');
		return arg.startsWith("--") && equals > 2 && arg.substring(2, equals).contains(".");
	}

	/**
	 * Answers a help or version request at once; otherwise starts what the command needs,
	 * then runs it.
	 */
	private record StartThenRun(CommandContext context) implements CommandLine.IExecutionStrategy {

		@Override
		public int execute(CommandLine.ParseResult parseResult) {
			Integer helpExitCode = CommandLine.executeHelpRequest(parseResult);
			if (helpExitCode != null) {
				return helpExitCode;
			}
			List<CommandLine> commands = parseResult.asCommandLineList();
			CommandLine command = commands.get(commands.size() - 1);
			if (!(command.getCommand() instanceof McpOAuthCommand)) {
				try {
					this.context.start(command.getCommand());
				}
				catch (RuntimeException ex) {
					throw new CommandLine.ExecutionException(command, "Could not start: " + ex.getMessage(), ex);
				}
			}
			return new CommandLine.RunLast().execute(parseResult);
		}

	}

	/**
	 * Creates the commands, handing the {@link CommandContext} to those that take it, and
	 * everything else (commands without it, options' collections, converters) with
	 * picocli's factory.
	 */
	private record CommandFactory(CommandContext context) implements CommandLine.IFactory {

		@Override
		public <K> K create(Class<K> type) throws Exception {
			for (Constructor<?> constructor : type.getDeclaredConstructors()) {
				if (constructor.getParameterCount() == 1 && constructor.getParameterTypes()[0] == CommandContext.class) {
					constructor.setAccessible(true);
					return type.cast(constructor.newInstance(this.context));
				}
			}
			return CommandLine.defaultFactory().create(type);
		}

	}

}
