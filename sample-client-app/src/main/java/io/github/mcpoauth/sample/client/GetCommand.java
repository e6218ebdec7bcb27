package io.github.mcpoauth.sample.client;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import io.github.mcpoauth.client.McpOAuthClient;
import io.github.mcpoauth.core.McpServerDefinition;
import io.github.mcpoauth.token.OAuthToken;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * {@code get NAME}: shows the stored token of a server, redacted, as it is stored (never
 * refreshed or sent anywhere).
 */
@Component
@Command(name = "get", mixinStandardHelpOptions = true,
		description = { "Show the stored token of a server, redacted.", "",
				"Shows the first 20 and last 6 characters of the access token, its type, expiry status, scopes "
						+ "and issuer, the client and the token store backend. Reads the store only: nothing is "
						+ "refreshed or sent." },
		footerHeading = "%nExample:%n", footer = "  mcp-oauth get sample")
class GetCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Parameters(index = "0", paramLabel = "NAME", description = "The server name.")
	String name;

	private final ObjectProvider<CliServers> servers;

	private final ObjectProvider<McpOAuthClient> client;

	GetCommand(ObjectProvider<CliServers> servers, ObjectProvider<McpOAuthClient> client) {
		this.servers = servers;
		this.client = client;
	}

	@Override
	public Integer call() {
		CliServers servers = this.servers.getObject();
		McpOAuthClient client = this.client.getObject();
		McpServerDefinition server = servers.find(this.name).orElse(null);
		OAuthToken token = client.tokenStore().loadToken(this.name).block();
		if (token == null) {
			if (server == null) {
				servers.require(this.name);
			}
			throw CommandFailure.notAuthorized(this.name, "No tokens are stored for '" + this.name + "'.");
		}
		PrintWriter out = this.spec.commandLine().getOut();
		new Fields(out, "").add("Server", this.name)
			.add("URL", (server != null) ? server.url() : token.resource())
			.add("Status", TokenView.summary(token, client.clock(), client.clockSkew()))
			.add("Access token", TokenView.redacted(token))
			.add("Token type", token.tokenType())
			.add("Expires", TokenView.expiry(token, client.clock()))
			.add("Refresh token", token.hasRefreshToken() ? "present" : "none")
			.add("Scopes", TokenView.scopes(token))
			.add("Issuer", token.issuer())
			.add("Resource", token.resource())
			.add("Client", StoredTokens.clientDescription(client, server, this.name, token.issuer()))
			.add("Backend", TokenView.backend(client.tokenStore()));
		out.flush();
		return ExitCodes.OK;
	}

}
