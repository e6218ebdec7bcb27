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

import io.github.mcpoauth.sample.client.CommandContext.StoredServer;
import io.github.mcpoauth.store.TokenStore;
import io.github.mcpoauth.token.OAuthToken;
import picocli.CommandLine.Command;

/**
 * {@code get NAME}: shows the stored token of a server, redacted, as it is stored (never
 * refreshed or sent anywhere).
 */
@Command(name = "get", mixinStandardHelpOptions = true,
		description = { "Show the stored token of a server, redacted.", "",
				"Shows the first 6 characters and a SHA-256 fingerprint of the access token, its type, expiry "
						+ "status, scopes and issuer, the client and the token store backend. Reads the store only: "
						+ "nothing is refreshed or sent." },
		footerHeading = "%nExample:%n", footer = "  mcp-oauth get sample")
class GetCommand extends ServerCommand implements StoreCommand {

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
		TokenStore store = this.context.tokenStore();
		PrintWriter out = out();
		Fields fields = new Fields(out, "").add("Server", this.name)
			.add("URL", stored.url())
			.add("Status", TokenView.summary(token, this.context.clock(), this.context.clockSkew()));
		TokenView.describe(fields, token, this.context.clock())
			.add("Resource", token.resource())
			.add("Client", StoredTokens.clientDescription(this.context.registrationStore(), stored.definition(), this.name,
					token.issuer()))
			.add("Backend", TokenView.backend(store));
		out.flush();
		return ExitCodes.OK;
	}

}
