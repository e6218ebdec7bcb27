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
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.github.mcpoauth.registration.ClientRegistrationStore;
import io.github.mcpoauth.sample.client.CommandContext.StoredServer;
import io.github.mcpoauth.store.TokenKey;
import io.github.mcpoauth.store.TokenStore;
import io.github.mcpoauth.token.OAuthToken;
import picocli.CommandLine.Command;

/**
 * {@code clear NAME}: removes what is stored for a server: its tokens, its client
 * registrations (with a client secret kept by {@code auth}) and its profile.
 */
@Command(name = "clear", mixinStandardHelpOptions = true,
		description = { "Remove the stored tokens, client registration and profile of a server.", "",
				"The next use of the server needs 'auth' again. A server configured in mcp.oauth.servers stays "
						+ "configured. Succeeds when nothing was stored, too." },
		footerHeading = "%nExample:%n", footer = "  mcp-oauth clear sample")
class ClearCommand extends ServerCommand implements StoreCommand {

	ClearCommand(CommandContext context) {
		super(context);
	}

	@Override
	public Integer call() {
		CliServers servers = this.context.servers();
		TokenStore store = this.context.tokenStore();
		ClientRegistrationStore registrations = this.context.registrationStore();
		StoredServer stored = this.context.stored(this.name);
		OAuthToken token = stored.token();
		ServerProfile profile = servers.profile(this.name).orElse(null);
		Set<String> issuers = new LinkedHashSet<>();
		if (token != null) {
			issuers.add(token.issuer());
		}
		if (profile != null && profile.clientSecretIssuer() != null) {
			issuers.add(profile.clientSecretIssuer());
		}
		boolean hadRegistration = issuers.stream()
			.anyMatch((issuer) -> Boolean.TRUE.equals(registrations.loadRegistration(this.name, issuer).hasElement().block()));
		// what McpOAuthClient.forget does, on the store alone: the tokens and every registration
		store.deleteToken(TokenKey.of(this.name)).block();
		issuers.addAll(registrations.registrationIssuers(this.name).collectList().block());
		issuers.forEach((issuer) -> registrations.deleteRegistration(this.name, issuer).block());
		boolean removedProfile = servers.forget(this.name);
		List<String> removed = new ArrayList<>();
		if (token != null) {
			removed.add("the tokens");
		}
		if (hadRegistration) {
			removed.add("the client registration");
		}
		if (removedProfile) {
			removed.add("the profile");
		}
		PrintWriter out = out();
		if (removed.isEmpty()) {
			out.println("Nothing was stored for '" + this.name + "'.");
		}
		else {
			out.println("Cleared '" + this.name + "': removed " + join(removed) + ".");
			out.println("  Token store:    " + TokenView.backend(store));
			if (removedProfile) {
				out.println("  Servers file:   " + servers.profiles().file());
			}
		}
		if (servers.isConfigured(this.name)) {
			out.println("'" + this.name + "' stays configured in mcp.oauth.servers; 'mcp-oauth auth " + this.name
					+ "' logs in again.");
		}
		out.flush();
		return ExitCodes.OK;
	}

	private static String join(List<String> parts) {
		if (parts.size() == 1) {
			return parts.get(0);
		}
		return String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
	}

}
