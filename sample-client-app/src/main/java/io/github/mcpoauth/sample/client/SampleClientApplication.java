package io.github.mcpoauth.sample.client;

import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine;
import picocli.CommandLine.Help.Ansi;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The {@code mcp-oauth} command-line client: a non-web Spring Boot application whose
 * commands are picocli commands created by Spring. Arguments of the form
 * {@code --name.with.dots=value} (such as {@code --mcp.oauth.storage.type=encrypted-file})
 * are Spring Boot properties; all others go to picocli. Beans are created on first use, so
 * a command only opens what it needs (the {@code conformance} command opens no token store).
 */
@SpringBootApplication
public class SampleClientApplication {

	public static void main(String[] args) {
		Charset charset = (System.console() != null) ? System.console().charset() : Charset.defaultCharset();
		PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, charset), true);
		PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, charset), true);
		System.exit(run(application(), args, out, err));
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
		ConfigurableApplicationContext context;
		try {
			context = application.run(springArgs.toArray(String[]::new));
		}
		catch (RuntimeException ex) {
			return reporter.report(ex, err, Ansi.AUTO);
		}
		try (context) {
			CommandLine commandLine = new CommandLine(McpOAuthCommand.class, new SpringFactory(context));
			commandLine.setOut(out);
			commandLine.setErr(err);
			commandLine.setExecutionExceptionHandler(reporter);
			commandLine.setParameterExceptionHandler(reporter);
			return commandLine.execute(commandArgs.toArray(String[]::new));
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
	 * Creates commands as Spring beans where they are beans, everything else (options'
	 * collections, converters) with picocli's factory.
	 */
	private static final class SpringFactory implements CommandLine.IFactory {

		private final ConfigurableApplicationContext context;

		private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

		SpringFactory(ConfigurableApplicationContext context) {
			this.context = context;
		}

		@Override
		public <K> K create(Class<K> type) throws Exception {
			if (type.isAnnotationPresent(CommandLine.Command.class)) {
				K bean = this.context.getBeanProvider(type).getIfUnique();
				if (bean != null) {
					return bean;
				}
			}
			return this.fallback.create(type);
		}

	}

}
