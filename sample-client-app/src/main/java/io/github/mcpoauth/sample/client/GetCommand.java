package io.github.mcpoauth.sample.client;

import java.io.PrintWriter;

import io.github.mcpoauth.client.McpOAuthClient;
import io.github.mcpoauth.sample.client.CommandContext.StoredServer;
import io.github.mcpoauth.token.OAuthToken;
import picocli.CommandLine.Command;

import org.springframework.stereotype.Component;

/**
 * {@code get NAME}: shows the stored token of a server, redacted, as it is stored (never
 * refreshed or sent anywhere).
 */
@Component
@Command(name = "get", mixinStandardHelpOptions = true,
		description = { "Show the stored token of a server, redacted.", "",
				"Shows the first 6 characters and a SHA-256 fingerprint of the access token, its type, expiry "
						+ "status, scopes and issuer, the client and the token store backend. Reads the store only: "
						+ "nothing is refreshed or sent." },
		footerHeading = "%nExample:%n", footer = "  mcp-oauth get sample")
class GetCommand extends ServerCommand {

	GetCommand(CommandContext context) {
		super(context);
	}

	@Override
	public Integer call() {
		StoredServer stored = this.context.stored(this.name);
		OAuthToken token = stored.token();
		if (token == null) {
			if (stored.definition() == null) {
				this.context.servers().require(this.name);
			}
			throw CommandFailure.notAuthorized(this.name, "No tokens are stored for '" + this.name + "'.");
		}
		McpOAuthClient client = this.context.client();
		PrintWriter out = out();
		Fields fields = new Fields(out, "").add("Server", this.name)
			.add("URL", stored.url())
			.add("Status", TokenView.summary(token, client));
		TokenView.describe(fields, token, client.clock())
			.add("Resource", token.resource())
			.add("Client", StoredTokens.clientDescription(this.context.registrationStore(), stored.definition(), this.name,
					token.issuer()))
			.add("Backend", TokenView.backend(client.tokenStore()));
		out.flush();
		return ExitCodes.OK;
	}

}
