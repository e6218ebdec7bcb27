package io.github.mcpoauth.sample.client;

import picocli.CommandLine;

import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ApplicationContext;

/**
 * The {@code mcp-oauth} command-line client: a non-web Spring Boot application whose
 * commands are picocli commands created by Spring. Spring property arguments
 * ({@code --mcp.oauth...=value}) are read by Spring Boot; the others go to picocli.
 */
@SpringBootApplication
public class SampleClientApplication implements CommandLineRunner, ExitCodeGenerator {

	private final ApplicationContext context;

	private int exitCode;

	public SampleClientApplication(ApplicationContext context) {
		this.context = context;
	}

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(SampleClientApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		System.exit(SpringApplication.exit(application.run(args)));
	}

	@Override
	public void run(String... args) {
		String[] commandArgs = java.util.Arrays.stream(args)
			.filter((arg) -> !(arg.startsWith("--") && arg.contains(".") && arg.contains("=") && arg.indexOf('.') < arg.indexOf('=')))
			.toArray(String[]::new);
		CommandLine.IFactory fallback = CommandLine.defaultFactory();
		CommandLine.IFactory factory = new CommandLine.IFactory() {
			@Override
			public <K> K create(Class<K> type) throws Exception {
				K bean = SampleClientApplication.this.context.getBeanProvider(type).getIfAvailable();
				return (bean != null) ? bean : fallback.create(type);
			}
		};
		this.exitCode = new CommandLine(McpOAuthCommand.class, factory).execute(commandArgs);
	}

	@Override
	public int getExitCode() {
		return this.exitCode;
	}

}
