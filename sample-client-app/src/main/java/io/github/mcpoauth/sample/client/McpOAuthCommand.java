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

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The top-level {@code mcp-oauth} command.
 */
@Command(name = "mcp-oauth", mixinStandardHelpOptions = true, version = "mcp-oauth 0.1.0",
		synopsisSubcommandLabel = "COMMAND",
		description = { "Authorize with OAuth-protected MCP servers and call their tools.", "",
				"Tokens are kept in the token store (mcp.oauth.storage.type: auto = the OS keychain if it works, "
						+ "else an encrypted file in ~/.mcp-oauth); server profiles (URL, client id, scopes; "
						+ "nothing secret) in servers.json next to it." },
		subcommands = { AuthCommand.class, GetCommand.class, ListCommand.class, TestCommand.class, CallCommand.class,
				ClearCommand.class, ConformanceCommand.class, ServeCommand.class, ChatCommand.class },
		footerHeading = "%nSpring Boot properties:%n",
		footer = { "  Arguments --name.with.dots=value go to Spring Boot, for example",
				"    --mcp.oauth.storage.type=encrypted-file",
				"    --mcp.oauth.storage.file.directory=DIR",
				"    --mcp.oauth.user-agent.browser-command=firefox",
				"    --mcp.oauth.servers.NAME.url=URL", "",
				"Exit codes:", ExitCodes.HELP_0, ExitCodes.HELP_1, ExitCodes.HELP_2, ExitCodes.HELP_3,
				ExitCodes.HELP_4, ExitCodes.HELP_5, ExitCodes.HELP_6, ExitCodes.HELP_7, "",
				"Examples:", "  mcp-oauth auth sample http://127.0.0.1:9003/mcp \\",
				"      --client-id static-mcp-client-001 --client-secret",
				"  mcp-oauth test sample", "  mcp-oauth call sample echo --arg message=hello", "  mcp-oauth list",
				"  mcp-oauth clear sample", "  mcp-oauth serve", "  mcp-oauth chat weather" })
class McpOAuthCommand implements Runnable {

	@Spec
	CommandSpec spec;

	@Option(names = "--debug", scope = ScopeType.INHERIT,
			description = "Show stack traces of failures and the library's debug log (on standard error).")
	boolean debug;

	@Override
	public void run() {
		throw new ParameterException(this.spec.commandLine(), "Missing a command.");
	}

}
