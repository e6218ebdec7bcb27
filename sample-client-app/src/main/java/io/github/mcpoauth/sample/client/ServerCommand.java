package io.github.mcpoauth.sample.client;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import org.springframework.util.Assert;

/**
 * A command about one server, which it takes by name as its first parameter.
 */
abstract class ServerCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Parameters(index = "0", paramLabel = "NAME", description = "The server name.")
	String name;

	final CommandContext context;

	ServerCommand(CommandContext context) {
		Assert.notNull(context, "context cannot be null");
		this.context = context;
	}

	/**
	 * @return the command's standard output
	 */
	PrintWriter out() {
		return this.spec.commandLine().getOut();
	}

}
