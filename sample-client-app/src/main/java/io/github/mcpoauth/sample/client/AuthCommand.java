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
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

import io.github.mcpoauth.autoconfigure.McpOAuthProperties;
import io.github.mcpoauth.autoconfigure.McpOAuthProperties.ClientAuthenticationMethod;
import io.github.mcpoauth.client.McpOAuthClient;
import io.github.mcpoauth.core.McpOAuthErrorCode;
import io.github.mcpoauth.core.McpOAuthException;
import io.github.mcpoauth.core.McpServerDefinition;
import io.github.mcpoauth.registration.ClientRegistrar.RememberedClient;
import io.github.mcpoauth.store.TokenKey;
import io.github.mcpoauth.store.TokenStore;
import io.github.mcpoauth.token.OAuthToken;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * {@code auth NAME URL}: logs in to an MCP server (discovery, client registration,
 * authorization code with PKCE through the browser) and stores the tokens. Remembers the
 * server's URL, client id and scopes in the servers file, and a client secret in the token
 * store, so that the other commands need only the name.
 */
@Command(name = "auth", mixinStandardHelpOptions = true, sortOptions = false,
		description = { "Log in to an MCP server and store its tokens.", "",
				"Discovers the server's authorization server, registers the client (or uses --client-id), "
						+ "opens the login page and waits on a loopback address for the browser to come back, "
						+ "then stores the tokens and the server's profile so that the other commands need only NAME. "
						+ "Always logs in anew; the tokens stored before are kept if the login fails." },
		footerHeading = "%nExamples:%n",
		footer = { "  mcp-oauth auth sample http://127.0.0.1:9003/mcp \\",
				"      --client-id static-mcp-client-001 --client-secret",
				"  printf '%s' \"$SECRET\" | mcp-oauth auth sample URL \\",
				"      --client-id ID --client-secret        (the secret from standard input)",
				"  mcp-oauth auth notion https://mcp.notion.com/mcp --browser print",
				"  mcp-oauth auth sample                      (log in again to a known server)" })
class AuthCommand implements Callable<Integer> {

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

	/** The command line's words for the keys of mcp.oauth.servers.NAME that its options set. */
	private static final Map<String, String> OPTIONS = Map.of("url", "URL", "client-id", "--client-id",
			"client-secret", "--client-secret", "client-authentication-method", "--client-auth-method");

	@Spec
	CommandSpec spec;

	@Parameters(index = "0", paramLabel = "NAME",
			description = "The name to keep the server under: letters, digits, '.', '_' and '-'.")
	String name;

	@Parameters(index = "1", arity = "0..1", paramLabel = "URL",
			description = "The MCP endpoint, e.g. http://127.0.0.1:9003/mcp. Optional for a server authorized "
					+ "before or configured in mcp.oauth.servers.")
	@Nullable URI url;

	@Option(names = "--scope", paramLabel = "SCOPE",
			description = "A scope to request; repeat for more. Default: those the server's metadata lists.")
	List<String> scopes = new ArrayList<>();

	@Option(names = "--client-id", paramLabel = "ID",
			description = "A pre-registered client id. Default: register dynamically (RFC 7591).")
	@Nullable String clientId;

	@Option(names = "--client-secret", paramLabel = "SECRET", arity = "0..1", interactive = true,
			description = "The client's secret. Give the option without a value: the secret is asked for (or read "
					+ "from standard input), never written on the command line, where every user sees it in the "
					+ "process list. Kept in the token store, never in the servers file.")
	@Nullable String clientSecret;

	@Option(names = "--client-auth-method", paramLabel = "METHOD", converter = ClientAuthMethodConverter.class,
			description = "client_secret_basic, client_secret_post or none. Default: the best the server supports.")
	@Nullable ClientAuthenticationMethod clientAuthMethod;

	@Option(names = "--browser", paramLabel = "MODE", converter = BrowserMode.Converter.class,
			completionCandidates = BrowserMode.Candidates.class,
			description = "How to reach the login page: system (open the browser), print (print the URL to open), "
					+ "direct (no browser, for servers that approve without a login). "
					+ "Default: from mcp.oauth.user-agent.mode (browser = system).")
	@Nullable BrowserMode browser;

	private final CommandContext context;

	AuthCommand(CommandContext context) {
		this.context = context;
	}

	@Override
	public Integer call() {
		validate();
		BrowserMode mode = browserMode();
		CliServers servers = this.context.servers();
		McpOAuthClient client = this.context.client();
		TokenStore store = client.tokenStore();
		boolean configured = servers.isConfigured(this.name);
		ServerProfile profile = configured ? null : profile(servers);
		McpServerDefinition server = (profile != null) ? profile.toDefinition(this.name) : configuredServer(servers);
		servers.register(server);
		PrintWriter out = this.spec.commandLine().getOut();
		out.println("Authorizing '" + this.name + "' at " + server.url());
		out.flush();
		this.context.userAgent().enable(mode, out);

		RememberedClient secret = null;
		if (this.clientSecret != null && profile != null) {
			secret = Objects.requireNonNull(client.rememberClient(server.mutate()
				.clientId(this.clientId)
				.clientSecret(this.clientSecret)
				.clientAuthenticationMethod((this.clientAuthMethod != null) ? this.clientAuthMethod.value() : null)
				.build()).block());
			profile = new ServerProfile(profile.url(), profile.scopes(), profile.clientId(),
					secret.registration().tokenEndpointAuthMethod(), secret.registration().issuer());
			server = profile.toDefinition(this.name);
			servers.register(server);
		}
		OAuthToken previous = store.loadToken(TokenKey.of(this.name)).block();
		OAuthToken token;
		try {
			client.clearTokens(server).block();
			token = Objects.requireNonNull(client.ensureAuthenticated(server).block());
		}
		catch (RuntimeException ex) {
			restore(store, previous, secret);
			if (mode == BrowserMode.DIRECT && ex instanceof McpOAuthException oauth
					&& oauth.getErrorCode() == McpOAuthErrorCode.INTERACTION_REQUIRED) {
				throw new CommandFailure(ExitCodes.AUTHORIZATION_FAILED, ErrorReporter.describe(ex).message(),
						"The server shows a login page: run again with --browser system or --browser print.", ex);
			}
			throw ex;
		}
		if (profile != null) {
			servers.remember(this.name, profile);
		}
		out.println("Authorized '" + this.name + "'.");
		TokenView.describe(new Fields(out, "  "), token, client.clock())
			.add("Client", StoredTokens.clientDescription(this.context.registrationStore(), server, this.name, token.issuer()))
			.add("Stored in", TokenView.backend(store))
			.add("Profile", configured ? "configured in mcp.oauth.servers." + this.name
					: servers.profiles().file().toString());
		out.println("Next: mcp-oauth test " + this.name);
		out.flush();
		return ExitCodes.OK;
	}

	/**
	 * The name is the command line's own rule (a name to type again); the rest the library
	 * checks as it checks {@code mcp.oauth.servers.NAME.*}, reported in the command line's
	 * words.
	 */
	private void validate() {
		if (!NAME.matcher(this.name).matches()) {
			throw usage("NAME '" + this.name + "' must start with a letter or digit and hold only letters, digits, "
					+ "'.', '_' and '-' (at most 100).");
		}
		if (this.url != null || this.clientId != null || this.clientSecret != null || this.clientAuthMethod != null) {
			check(this.url);
		}
	}

	/**
	 * Checks the options with the library's validation of a configured server.
	 * @param serverUrl the URL given, or {@code null} for a known server (its URL was checked
	 * when it was first given; a stand-in takes its place here)
	 */
	private void check(@Nullable URI serverUrl) {
		McpOAuthProperties.Server options = new McpOAuthProperties.Server();
		options.setUrl((serverUrl != null) ? serverUrl : URI.create("http://127.0.0.1/mcp"));
		options.setClientId(this.clientId);
		options.setClientSecret(this.clientSecret);
		options.setClientAuthenticationMethod(this.clientAuthMethod);
		try {
			options.validate(this.name);
		}
		catch (InvalidConfigurationPropertyValueException ex) {
			String key = ex.getName().substring(ex.getName().lastIndexOf('.') + 1);
			String option = OPTIONS.getOrDefault(key, key);
			boolean secret = "client-secret".equals(key);
			throw usage(option + ((ex.getValue() != null && !secret) ? " '" + ex.getValue() + "'" : "") + ": "
					+ ex.getReason());
		}
	}

	private BrowserMode browserMode() {
		if (this.browser != null) {
			return this.browser;
		}
		BrowserMode configured = BrowserMode.of(this.context.properties().getUserAgent().getMode());
		if (configured == null) {
			throw usage("mcp.oauth.user-agent.mode is none: choose how to log in with --browser system|print|direct.");
		}
		return configured;
	}

	/**
	 * The profile to log in with: the stored one (if any) with what the command line changes.
	 * Another URL starts from scratch; another client id or a secret replaces the client.
	 */
	private ServerProfile profile(CliServers servers) {
		ServerProfile known = servers.profile(this.name).orElse(null);
		URI serverUrl = (this.url != null) ? this.url : (known != null) ? known.url() : null;
		if (serverUrl == null) {
			throw usage("'" + this.name + "' is a new server: give its URL (mcp-oauth auth " + this.name + " URL).");
		}
		ServerProfile same = (known != null && serverUrl.equals(known.url())) ? known : null;
		List<String> scopes = !this.scopes.isEmpty() ? this.scopes : (same != null) ? same.scopes() : List.of();
		if (same != null && this.clientSecret == null
				&& (this.clientId == null || this.clientId.equals(same.clientId()))) {
			String method = (this.clientAuthMethod != null) ? this.clientAuthMethod.value()
					: same.clientAuthenticationMethod();
			return new ServerProfile(serverUrl, scopes, same.clientId(), method, same.clientSecretIssuer());
		}
		return new ServerProfile(serverUrl, scopes, this.clientId,
				(this.clientSecret != null || this.clientAuthMethod == null) ? null : this.clientAuthMethod.value(), null);
	}

	private McpServerDefinition configuredServer(CliServers servers) {
		McpServerDefinition configured = servers.require(this.name);
		if (this.url != null && !this.url.equals(configured.url())) {
			throw usage("'" + this.name + "' is configured in mcp.oauth.servers with URL " + configured.url()
					+ "; change it there, or choose another NAME.");
		}
		if (this.clientId != null || this.clientSecret != null || this.clientAuthMethod != null) {
			throw usage("'" + this.name + "' is configured in mcp.oauth.servers; set its client there "
					+ "(mcp.oauth.servers." + this.name + ".client-id ...), not on the command line.");
		}
		return this.scopes.isEmpty() ? configured
				: configured.mutate().scopes(new LinkedHashSet<>(this.scopes)).build();
	}

	/**
	 * Puts back what was stored before a failed login.
	 */
	private void restore(TokenStore store, @Nullable OAuthToken previous, @Nullable RememberedClient secret) {
		try {
			if (previous != null) {
				store.saveToken(TokenKey.of(this.name), previous).block();
			}
			if (secret != null) {
				if (secret.previous() != null) {
					this.context.registrationStore().saveRegistration(this.name, secret.previous()).block();
				}
				else {
					this.context.registrationStore()
						.deleteRegistration(this.name, secret.registration().issuer())
						.block();
				}
			}
		}
		catch (RuntimeException ex) {
			// the login failure is what the user needs to see
		}
	}

	private ParameterException usage(String message) {
		return new ParameterException(this.spec.commandLine(), message);
	}

	/**
	 * Parses {@code --client-auth-method}: the registered names a command line can use
	 * (no {@code private_key_jwt}, whose key it cannot take).
	 */
	static final class ClientAuthMethodConverter implements CommandLine.ITypeConverter<ClientAuthenticationMethod> {

		private static final List<ClientAuthenticationMethod> METHODS = List.of(
				ClientAuthenticationMethod.CLIENT_SECRET_BASIC, ClientAuthenticationMethod.CLIENT_SECRET_POST,
				ClientAuthenticationMethod.NONE);

		@Override
		public ClientAuthenticationMethod convert(String value) {
			return METHODS.stream()
				.filter((method) -> method.value().equals(value.toLowerCase(Locale.ROOT)))
				.findFirst()
				.orElseThrow(() -> new CommandLine.TypeConversionException("'" + value + "' is not one of "
						+ String.join(", ", METHODS.stream().map(ClientAuthenticationMethod::value).toList())));
		}

	}

}
