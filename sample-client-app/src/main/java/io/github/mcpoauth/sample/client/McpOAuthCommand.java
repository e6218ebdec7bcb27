package io.github.mcpoauth.sample.client;

import picocli.CommandLine.Command;

/**
 * The top-level {@code mcp-oauth} command.
 */
@Command(name = "mcp-oauth", mixinStandardHelpOptions = true, version = "mcp-oauth 0.1.0",
		description = "Authorize with OAuth-protected MCP servers and call their tools.",
		subcommands = { ConformanceCommand.class })
class McpOAuthCommand {

}
