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

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.github.mcpoauth.core.McpOAuthErrorCode;
import io.github.mcpoauth.registration.OAuthClientRegistration;
import io.github.mcpoauth.sample.server.StaticAuthServer;
import io.github.mcpoauth.store.McpOAuthStore;
import io.github.mcpoauth.store.TokenKey;
import io.github.mcpoauth.token.OAuthToken;
import io.github.mcpoauth.token.Redaction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every command of the command line, run in-process (each run a new application context, as
 * a new process) against the real sample server on a random port, with a token store of
 * its own in a test directory. Logins are done by {@link FormLogin} at the server's real
 * login form from the URL that {@code auth --browser print} prints.
 */
class CommandLineIntegrationTests {

	private static final String CLIENT_ID = "static-mcp-client-001";

	private static final String CLIENT_SECRET = "your-secret-key-change-this-in-production";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static StaticAuthServer server;

	@TempDir
	Path directory;

	@BeforeAll
	static void startServer() {
		server = StaticAuthServer.start("--port=0");
	}

	@AfterAll
	static void stopServer() {
		server.close();
	}

	private Cli cli() {
		return new Cli(this.directory);
	}

	/**
	 * @return a command line that has authorized {@code sample} with the pre-registered client
	 */
	private Cli authorizedCli() throws Exception {
		Cli cli = cli();
		authorizeSample(cli);
		return cli;
	}

	private Cli.Result authorizeSample(Cli cli) throws Exception {
		Cli.Result result = cli.authorize("sample", server.mcpUrl(), "--client-id", CLIENT_ID, "--client-secret",
				CLIENT_SECRET);
		assertThat(result.exitCode()).as(result.toString()).isZero();
		return result;
	}

	@Test
	void authWithPrintBrowserThenSaysWhereItWaitsAndWhatItStored() throws Exception {
		Cli cli = cli();

		Cli.Result result = authorizeSample(cli);

		OAuthToken token = cli.store().loadToken(TokenKey.of("sample")).block();
		assertThat(result.out()).contains("Authorizing 'sample' at " + server.mcpUrl())
			.containsPattern("Waiting for the browser to return to http://127\\.0\\.0\\.1:\\d+/callback \\(up to 5 min")
			.contains("Open this URL in a browser to authorize:")
			.contains("Authorized 'sample'.")
			.contains("Access token:   " + Redaction.fingerprint(token.accessToken()))
			.containsPattern("Expires: +\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ \\(in \\d+ min\\)")
			.contains("Refresh token:  present")
			.contains("Scopes:         mcp:read mcp:tools")
			.contains("Issuer:         " + server.baseUrl())
			.contains("Client:         " + CLIENT_ID + " (pre-registered, client_secret_basic, secret in the token store)")
			.contains("Stored in:      encrypted-file (" + this.directory.resolve("tokens.enc") + ", key file)")
			.contains("Profile:        " + this.directory.resolve("servers.json"))
			.doesNotContain(token.accessToken())
			.doesNotContain(token.refreshToken())
			.doesNotContain(CLIENT_SECRET)
			.doesNotContain("\u001B[");
		assertThat(Redaction.fingerprint(token.accessToken())).matches(".{6}\\.\\.\\. sha256:[0-9a-f]{8}");
		assertThat(result.out()).doesNotContain(token.accessToken().substring(0, 7));
		assertThat(result.err()).isEmpty();
	}

	@Test
	void authThenKeepsTheSecretInTheTokenStoreAndOnlyTheProfileInServersJson() throws Exception {
		Cli cli = cli();

		authorizeSample(cli);

		Path serversFile = this.directory.resolve("servers.json");
		assertThat(Files.getPosixFilePermissions(serversFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
		JsonNode profile = JSON.readTree(Files.readString(serversFile)).get("servers").get("sample");
		assertThat(profile.get("url").asString()).isEqualTo(server.mcpUrl());
		assertThat(profile.get("clientId").asString()).isEqualTo(CLIENT_ID);
		assertThat(profile.get("clientSecretIssuer").asString()).isEqualTo(server.baseUrl());
		assertThat(Files.readString(serversFile)).doesNotContain(CLIENT_SECRET);
		OAuthClientRegistration registration = cli.store().loadRegistration("sample", server.baseUrl()).block();
		assertThat(registration.clientSecret()).isEqualTo(CLIENT_SECRET);
		assertThat(registration.tokenEndpointAuthMethod()).isEqualTo("client_secret_basic");
		try (var files = Files.list(this.directory)) {
			assertThat(files.map((file) -> file.getFileName().toString()))
				.containsExactlyInAnyOrder("servers.json", "tokens.enc", "tokens.key", "tokens.lock");
		}
	}

	@Test
	void getShowsTheStoredTokenRedactedWithTypeExpiryScopesIssuerAndBackend() throws Exception {
		Cli cli = authorizedCli();
		OAuthToken token = cli.store().loadToken(TokenKey.of("sample")).block();

		Cli.Result result = cli.run("get", "sample");

		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(result.out()).contains("Server:         sample")
			.contains("URL:            " + server.mcpUrl())
			.containsPattern("Status: +valid, expires in \\d+ min")
			.contains("Access token:   " + Redaction.fingerprint(token.accessToken()))
			.contains("Token type:     DPoP") // the sample server binds tokens to the CLI's DPoP key
			.contains("Scopes:         mcp:read mcp:tools")
			.contains("Issuer:         " + server.baseUrl())
			.contains("Resource:       " + server.mcpUrl())
			.contains("Backend:        encrypted-file (" + this.directory.resolve("tokens.enc") + ", key file)")
			.doesNotContain(token.accessToken());
	}

	@Test
	void getWhenServerUnknownThenUsageError() {
		Cli.Result unknown = cli().run("get", "nowhere");

		assertThat(unknown.exitCode()).as(unknown.toString()).isEqualTo(ExitCodes.USAGE);
		assertThat(unknown.err()).isEqualTo("Error: No server named 'nowhere' is known (none yet).\n"
				+ "Hint: Run 'mcp-oauth auth nowhere URL' to authorize it, or configure mcp.oauth.servers.nowhere.url.\n");
	}

	@Test
	void getWhenServerKnownWithoutTokensThenNotAuthorized() throws Exception {
		Cli cli = authorizedCli();
		cli.store().deleteToken(TokenKey.of("sample")).block();

		Cli.Result result = cli.run("get", "sample");

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.AUTHORIZATION_FAILED);
		assertThat(result.err()).startsWith("Error: No tokens are stored for 'sample'.\nHint: Run 'mcp-oauth auth sample'");
	}

	@Test
	void listShowsEveryServerWithItsExpiryStatusAsATable() throws Exception {
		Cli cli = authorizedCli();
		McpOAuthStore store = cli.store();
		OAuthToken token = store.loadToken(TokenKey.of("sample")).block();
		store.saveToken(TokenKey.of("old"), expired(token, true)).block();

		Cli.Result result = cli.run("list");

		assertThat(result.exitCode()).as(result.toString()).isZero();
		List<String> lines = result.out().lines().toList();
		assertThat(lines.get(0)).matches("NAME +STATUS +EXPIRES +SCOPES +URL");
		assertThat(lines.get(1)).matches("old +expired, refreshable +\\S+Z \\(\\d+ min ago\\) +mcp:read mcp:tools +"
				+ server.mcpUrl());
		assertThat(lines.get(2)).matches("sample +valid +\\S+Z \\(in \\d+ min\\) +mcp:read mcp:tools +" + server.mcpUrl());
		assertThat(lines.get(3)).isEqualTo("Token store: encrypted-file (" + this.directory.resolve("tokens.enc")
				+ ", key file)");
		assertThat(lines.get(1).indexOf("expired")).isEqualTo(lines.get(2).indexOf("valid"));
	}

	@Test
	void listWhenTheStoreAlsoHoldsTokensOfOtherPrincipalsThenShowsAPrincipalColumn() throws Exception {
		Cli cli = authorizedCli();
		McpOAuthStore store = cli.store();
		OAuthToken token = store.loadToken(TokenKey.of("sample")).block();
		store.saveToken(TokenKey.of("sample", "alice@example.com"), token).block();

		Cli.Result result = cli.run("list");

		assertThat(result.exitCode()).as(result.toString()).isZero();
		List<String> lines = result.out().lines().toList();
		assertThat(lines.get(0)).matches("NAME +PRINCIPAL +STATUS +EXPIRES +SCOPES +URL");
		assertThat(lines.get(1)).matches("sample +default +valid +\\S+Z \\(in \\d+ min\\) +mcp:read mcp:tools +"
				+ server.mcpUrl());
		assertThat(lines.get(2)).matches("sample +alice@example.com +valid +.*");
	}

	@Test
	void listWhenNothingStoredThenSaysHowToStart() {
		Cli.Result result = cli().run("list");

		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(result.out()).startsWith("No servers yet. Run 'mcp-oauth auth NAME URL' to add one.");
	}

	@Test
	void testInAFreshProcessConnectsWithTheStoredTokensAndListsTheTools() throws Exception {
		Cli cli = authorizedCli();

		Cli.Result result = cli.run("test", "sample");

		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(result.out()).startsWith("Testing 'sample' at " + server.mcpUrl())
			.containsPattern("Token: +valid, expires in \\d+ min")
			.containsPattern("Server: +mcp-oauth-static-sample \\S+ \\(MCP \\S+\\)")
			.contains("Tools:          2")
			.containsPattern("\n    echo +Echo a message back\\.")
			.containsPattern("\n    get_time +Get the current server time\\.")
			.endsWith("OK: 'sample' answered initialize and tools/list with the stored tokens.\n");
	}

	@Test
	void testWhenTokenExpiredThenRefreshesSilentlyAndStoresTheNewToken() throws Exception {
		Cli cli = authorizedCli();
		McpOAuthStore store = cli.store();
		OAuthToken authorized = expireStoredToken(store);

		Cli.Result result = cli.run("test", "sample");

		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(result.out()).containsPattern("Token: +refreshed \\(the stored one had expired\\); valid, expires in \\d+ min")
			.doesNotContain("Waiting for the browser");
		OAuthToken refreshed = store.loadToken(TokenKey.of("sample")).block();
		assertThat(refreshed.accessToken()).isNotEqualTo(authorized.accessToken());
		assertThat(refreshed.refreshToken()).isNotEqualTo(authorized.refreshToken());
		assertThat(refreshed.expiresAt()).isAfter(Instant.now());
	}

	@Test
	void testWhenRefreshTokenRefusedThenFailsWithHintToRunAuthAndNeverLogsIn() throws Exception {
		Cli cli = authorizedCli();
		McpOAuthStore store = cli.store();
		OAuthToken authorized = expireStoredToken(store);
		assertThat(cli.run("test", "sample").exitCode()).isZero(); // rotates the refresh token
		store.saveToken(TokenKey.of("sample"), expired(authorized, true)).block(); // the used refresh token again

		Cli.Result result = cli.run("test", "sample");

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.AUTHORIZATION_FAILED);
		assertThat(result.err()).isEqualTo("Error: The token of 'sample' has expired and the server refused its "
				+ "refresh token; the stored tokens were removed.\n"
				+ "Hint: Run 'mcp-oauth auth sample' to log in (add the server URL if it is new).\n");
		assertThat(result.out()).doesNotContain("Waiting for the browser").doesNotContain("authorize?");
	}

	@Test
	void testWhenServerRejectsTheTokenThenFailsWithoutALogin() throws Exception {
		Cli cli = authorizedCli();
		McpOAuthStore store = cli.store();
		OAuthToken authorized = store.loadToken(TokenKey.of("sample")).block();
		store.saveToken(TokenKey.of("sample"), OAuthToken.builder()
			.accessToken("not-a-token-this-server-issued-at-all")
			.issuedAt(authorized.issuedAt())
			.expiresAt(authorized.expiresAt())
			.issuer(authorized.issuer())
			.resource(authorized.resource())
			.scopes(authorized.scopes())
			.build()).block();

		Cli.Result result = cli.run("test", "sample");

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.AUTHORIZATION_FAILED);
		assertThat(result.err()).startsWith("Error: The server 'sample' rejected the stored token and a new login is "
				+ "needed (only 'auth' logs in).\nHint: Run 'mcp-oauth auth sample'");
		assertThat(result.out()).doesNotContain("Waiting for the browser");
	}

	@Test
	void testWhenNoTokensThenFailsWithHintToRunAuth() throws Exception {
		Cli cli = authorizedCli();
		cli.store().deleteToken(TokenKey.of("sample")).block();

		Cli.Result result = cli.run("test", "sample");

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.AUTHORIZATION_FAILED);
		assertThat(result.err()).isEqualTo("Error: No tokens are stored for 'sample'.\n"
				+ "Hint: Run 'mcp-oauth auth sample' to log in (add the server URL if it is new).\n");
	}

	@Test
	void authWithoutClientIdThenRegistersDynamicallyAtTheSampleServerWithinItsLimits() throws Exception {
		try (StaticAuthServer open = StaticAuthServer.start("--port=0", "--dynamic-registration")) {
			Cli cli = cli();

			Cli.Result auth = cli.authorize("open", open.mcpUrl());
			Cli.Result test = cli.run("test", "open");

			assertThat(auth.exitCode()).as(auth.toString()).isZero();
			assertThat(auth.out()).containsPattern("Client: +\\S+ \\(registered dynamically, none\\)");
			assertThat(test.exitCode()).as(test.toString()).isZero();
		}
	}

	@Test
	void testAndCallWhenServerUsesClientCredentialsThenGetAndStoreATokenWithoutAuth() {
		Cli cli = new Cli(this.directory, "--mcp.oauth.servers.robot.url=" + server.mcpUrl(),
				"--mcp.oauth.servers.robot.grant-type=client-credentials",
				"--mcp.oauth.servers.robot.client-id=" + CLIENT_ID,
				"--mcp.oauth.servers.robot.client-secret=" + CLIENT_SECRET);

		Cli.Result test = cli.run("test", "robot");
		OAuthToken stored = cli.store().loadToken(TokenKey.of("robot")).block();
		Cli.Result call = cli.run("call", "robot", "echo", "--arg", "message=hi");
		Cli.Result get = cli.run("get", "robot");

		assertThat(test.exitCode()).as(test.toString()).isZero();
		assertThat(test.out()).containsPattern("Token: +new \\(client credentials, now stored\\); valid, expires in \\d+ min")
			.contains("Tools:          2")
			.endsWith("OK: 'robot' answered initialize and tools/list with the token of its client credentials grant.\n");
		assertThat(stored).isNotNull();
		assertThat(stored.resource()).isEqualTo(server.mcpUrl());
		assertThat(call.exitCode()).as(call.toString()).isZero();
		assertThat(call.out()).contains("\"echo\" : \"hi\"");
		assertThat(cli.store().loadToken(TokenKey.of("robot")).block().accessToken()).as("the stored token was used")
			.isEqualTo(stored.accessToken());
		assertThat(get.exitCode()).as(get.toString()).isZero();
		assertThat(get.out()).containsPattern("Status: +valid");
	}

	@Test
	void testAndCallWhenServerDownThenClearErrorAndTokensKept() throws Exception {
		Cli cli = cli();
		Cli.Result result;
		String url;
		try (StaticAuthServer down = StaticAuthServer.start("--port=0")) {
			url = down.mcpUrl();
			result = cli.authorize("gone", url, "--client-id", CLIENT_ID, "--client-secret", CLIENT_SECRET);
			assertThat(result.exitCode()).as(result.toString()).isZero();
		}
		McpOAuthStore store = cli.store();
		OAuthToken stored = store.loadToken(TokenKey.of("gone")).block();

		Cli.Result test = cli.run("test", "gone");
		Cli.Result call = cli.run("call", "gone", "echo", "--arg", "message=hi");

		for (Cli.Result down : List.of(test, call)) {
			assertThat(down.exitCode()).as(down.toString()).isEqualTo(ExitCodes.SERVER_ERROR);
			assertThat(down.err()).isEqualTo("Error: Cannot reach the MCP server 'gone' at " + url
					+ ": connection refused.\nHint: Check that the server is running and reachable from here "
					+ "(URL, port, proxy, firewall).\n");
		}
		assertThat(store.loadToken(TokenKey.of("gone")).block()).isEqualTo(stored);
		assertThat(cli.run("get", "gone").exitCode()).isZero();
	}

	@Test
	void testWhenServerDownAndTokenExpiredThenRefreshFailsClearlyAndTokensKept() throws Exception {
		Cli cli = cli();
		String url;
		try (StaticAuthServer down = StaticAuthServer.start("--port=0")) {
			url = down.mcpUrl();
			Cli.Result result = cli.authorize("gone", down.mcpUrl(), "--client-id", CLIENT_ID, "--client-secret",
					CLIENT_SECRET);
			assertThat(result.exitCode()).as(result.toString()).isZero();
		}
		McpOAuthStore store = cli.store();
		OAuthToken expired = expired(store.loadToken(TokenKey.of("gone")).block(), true);
		store.saveToken(TokenKey.of("gone"), expired).block();

		Cli.Result result = cli.run("test", "gone");

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.SERVER_ERROR);
		// the refresh starts with discovery, which finds nobody answering
		assertThat(result.err()).isEqualTo("Error: The MCP server " + url + " did not answer any metadata request. "
				+ "(DISCOVERY_FAILED)\nHint: " + McpOAuthErrorCode.DISCOVERY_FAILED.hint() + "\n");
		assertThat(store.loadToken(TokenKey.of("gone")).block()).isEqualTo(expired);
	}

	@Test
	void callEchoPrintsTheToolResultAsJson() throws Exception {
		Cli cli = authorizedCli();

		Cli.Result result = cli.run("call", "sample", "echo", "--arg", "message=Hello, MCP");

		assertThat(result.exitCode()).as(result.toString()).isZero();
		JsonNode json = JSON.readTree(result.out());
		assertThat(json.get("isError").asBoolean()).isFalse();
		assertThat(JSON.convertValue(json.get("structuredContent"), Map.class))
			.isEqualTo(Map.of("echo", "Hello, MCP", "length", 10));
		assertThat(json.get("content").get(0).get("type").asString()).isEqualTo("text");
		assertThat(result.err()).isEmpty();
	}

	@Test
	void callWithJsonArgumentsAndToolWithoutArguments() throws Exception {
		Cli cli = authorizedCli();

		Cli.Result echo = cli.run("call", "sample", "echo", "--json", "{\"message\": \"from json\"}");
		Cli.Result time = cli.run("call", "sample", "get_time");

		assertThat(echo.exitCode()).as(echo.toString()).isZero();
		assertThat(JSON.readTree(echo.out()).get("structuredContent").get("echo").asString()).isEqualTo("from json");
		assertThat(time.exitCode()).as(time.toString()).isZero();
		assertThat(JSON.readTree(time.out()).get("structuredContent").has("current_time")).isTrue();
	}

	@Test
	void callWhenTokenExpiredThenRefreshesSilently() throws Exception {
		Cli cli = authorizedCli();
		McpOAuthStore store = cli.store();
		OAuthToken authorized = expireStoredToken(store);

		Cli.Result result = cli.run("call", "sample", "echo", "--arg", "message=after expiry");

		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(JSON.readTree(result.out()).get("structuredContent").get("echo").asString()).isEqualTo("after expiry");
		assertThat(store.loadToken(TokenKey.of("sample")).block().accessToken()).isNotEqualTo(authorized.accessToken());
	}

	@Test
	void callWhenToolReportsAnErrorThenPrintsTheResultAndExitsSeven() throws Exception {
		Cli cli = authorizedCli();

		Cli.Result result = cli.run("call", "sample", "echo");

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.TOOL_ERROR);
		assertThat(JSON.readTree(result.out()).get("isError").asBoolean()).isTrue();
	}

	@Test
	void callWhenToolOrArgumentsWrongThenUsageError() throws Exception {
		Cli cli = authorizedCli();

		Cli.Result unknownTool = cli.run("call", "sample", "nope");
		Cli.Result badJson = cli.run("call", "sample", "echo", "--json", "[1, 2]");

		assertThat(unknownTool.exitCode()).as(unknownTool.toString()).isEqualTo(ExitCodes.USAGE);
		assertThat(unknownTool.err()).startsWith("Error: The server 'sample' has no tool 'nope'; its tools: ")
			.contains("echo").contains("get_time");
		assertThat(badJson.exitCode()).as(badJson.toString()).isEqualTo(ExitCodes.USAGE);
		assertThat(badJson.err()).startsWith("Error: --json must be a JSON object");
	}

	@Test
	void clearRemovesTokensRegistrationAndProfile() throws Exception {
		Cli cli = authorizedCli();

		Cli.Result result = cli.run("clear", "sample");

		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(result.out()).startsWith(
				"Cleared 'sample': removed the tokens, the client registration and the profile.\n");
		McpOAuthStore store = cli.store();
		assertThat(store.loadToken(TokenKey.of("sample")).blockOptional()).isEmpty();
		assertThat(store.loadRegistration("sample", server.baseUrl()).blockOptional()).isEmpty();
		assertThat(Files.readString(this.directory.resolve("servers.json"))).doesNotContain("sample");
		Cli.Result again = cli.run("clear", "sample");
		assertThat(again.exitCode()).isZero();
		assertThat(again.out()).isEqualTo("Nothing was stored for 'sample'.\n");
		assertThat(cli.run("test", "sample").exitCode()).isEqualTo(ExitCodes.USAGE);
	}

	@Test
	void authAgainWithOnlyTheNameLogsInAnewWithTheRememberedServerScopesAndSecret() throws Exception {
		Cli cli = cli();
		Cli.Result first = cli.authorize("sample", server.mcpUrl(), "--client-id", CLIENT_ID, "--client-secret",
				CLIENT_SECRET, "--scope", "mcp:tools");
		assertThat(first.out()).contains("Scopes:         mcp:tools\n");
		OAuthToken firstToken = cli.store().loadToken(TokenKey.of("sample")).block();

		Cli.Result again = cli.authorize("sample");

		assertThat(again.exitCode()).as(again.toString()).isZero();
		assertThat(again.out()).contains("Authorizing 'sample' at " + server.mcpUrl())
			.contains("Scopes:         mcp:tools\n")
			.contains("secret in the token store");
		OAuthToken secondToken = cli.store().loadToken(TokenKey.of("sample")).block();
		assertThat(secondToken.accessToken()).isNotEqualTo(firstToken.accessToken());
		assertThat(secondToken.scopes()).containsExactly("mcp:tools");
	}

	@Test
	void authWhenLoginFailsThenKeepsTheTokensStoredBefore() throws Exception {
		Cli cli = authorizedCli();
		OAuthToken before = cli.store().loadToken(TokenKey.of("sample")).block();

		Cli.Result result = cli.run("auth", "sample", "--browser", "direct");

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.AUTHORIZATION_FAILED);
		assertThat(result.out()).contains("Following the authorization redirects without a browser (--browser direct).");
		assertThat(result.err()).startsWith("Error: The authorization server wants a user to interact (HTTP 200 from "
				+ server.baseUrl() + "/login)")
			.contains("\nHint: The server shows a login page: run again with --browser system or --browser print.\n");
		assertThat(cli.store().loadToken(TokenKey.of("sample")).block()).isEqualTo(before);
	}

	@Test
	void authWithWrongSecretThenInvalidClientWithoutTheSecretInTheOutput() throws Exception {
		Cli cli = cli();

		Cli.Result result = cli.authorize("sample", server.mcpUrl(), "--client-id", CLIENT_ID, "--client-secret",
				"not-the-secret-at-all");

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.AUTHORIZATION_FAILED);
		assertThat(result.err()).contains("(INVALID_CLIENT)").doesNotContain("not-the-secret-at-all");
		assertThat(result.out()).doesNotContain("not-the-secret-at-all");
		assertThat(cli.store().loadRegistration("sample", server.baseUrl()).blockOptional()).isEmpty();
		assertThat(this.directory.resolve("servers.json")).doesNotExist();
	}

	@Test
	void authWithSystemBrowserRunsTheBrowserCommandWithTheAuthorizationUrl() throws Exception {
		Path urlFile = this.directory.resolve("opened-url.txt");
		Path browser = this.directory.resolve("browser.sh");
		Files.writeString(browser, "#!/bin/sh\nprintf '%s' \"$1\" > '" + urlFile + ".tmp' && mv '" + urlFile + ".tmp' '"
				+ urlFile + "'\n");
		browser.toFile().setExecutable(true);
		Cli cli = new Cli(this.directory, "--mcp.oauth.user-agent.browser-command=" + browser);
		var auth = java.util.concurrent.CompletableFuture.supplyAsync(() -> cli.run("auth", "sample", server.mcpUrl(),
				"--client-id", CLIENT_ID, "--client-secret", CLIENT_SECRET, "--browser", "system"));
		for (int i = 0; i < 600 && !Files.exists(urlFile); i++) {
			Thread.sleep(100);
		}

		FormLogin.login(java.net.URI.create(Files.readString(urlFile)), "demo", "demo");

		Cli.Result result = auth.get(60, java.util.concurrent.TimeUnit.SECONDS);
		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(result.out()).contains("Opening the authorization page in the browser. If it does not open, visit:\n  "
				+ Files.readString(urlFile) + "\n");
	}

	@Test
	void serverConfiguredInPropertiesIsAuthorizedAndTestedByName() throws Exception {
		Cli cli = new Cli(this.directory, "--mcp.oauth.servers.configured.url=" + server.mcpUrl(),
				"--mcp.oauth.servers.configured.client-id=" + CLIENT_ID,
				"--mcp.oauth.servers.configured.client-secret=" + CLIENT_SECRET);

		Cli.Result auth = cli.authorize("configured");
		Cli.Result test = cli.run("test", "configured");
		Cli.Result clear = cli.run("clear", "configured");

		assertThat(auth.exitCode()).as(auth.toString()).isZero();
		assertThat(auth.out()).contains("Profile:        configured in mcp.oauth.servers.configured")
			.contains("Client:         " + CLIENT_ID + " (pre-registered, client secret, secret from the configuration)");
		assertThat(test.exitCode()).as(test.toString()).isZero();
		assertThat(clear.out()).contains("'configured' stays configured in mcp.oauth.servers");
		assertThat(this.directory.resolve("servers.json")).doesNotExist();
	}

	@Test
	void storeWithAPasswordFromTheEnvironment() throws Exception {
		Cli cli = new Cli(this.directory, "--mcp.oauth.storage.file.password-env=" + Cli.PASSWORD_VARIABLE);

		authorizeSample(cli);
		Cli.Result get = cli.run("get", "sample");

		assertThat(get.exitCode()).as(get.toString()).isZero();
		assertThat(get.out()).contains("Backend:        encrypted-file (" + this.directory.resolve("tokens.enc") + ", password)");
		assertThat(this.directory.resolve("tokens.key")).doesNotExist();
	}

	@Test
	void storeThatCannotBeReadThenStorageError() throws Exception {
		Cli cli = authorizedCli();
		Path otherKey = Files.createFile(this.directory.resolveSibling(this.directory.getFileName() + "-other.key"),
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		Files.write(otherKey, key);

		Cli.Result result = new Cli(this.directory, "--mcp.oauth.storage.file.key-file=" + otherKey).run("get", "sample");

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.STORAGE_ERROR);
		assertThat(result.err()).contains("(STORAGE_FAILED)").contains("\nHint: Check the storage configuration");
	}

	@Test
	void serversFileThatCannotBeReadThenStorageError() throws Exception {
		Files.writeString(this.directory.resolve("servers.json"), "{ not json");

		Cli.Result result = cli().run("test", "sample");

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.STORAGE_ERROR);
		assertThat(result.err()).startsWith("Error: Cannot read the servers file " + this.directory.resolve("servers.json"))
			.contains("\nHint: Fix the file or delete it");
	}

	/**
	 * Replaces the stored token of {@code sample} with one that expired, but can be refreshed.
	 * @return the token as it was stored
	 */
	private static OAuthToken expireStoredToken(McpOAuthStore store) {
		OAuthToken authorized = store.loadToken(TokenKey.of("sample")).block();
		store.saveToken(TokenKey.of("sample"), expired(authorized, true)).block();
		return authorized;
	}

	private static OAuthToken expired(OAuthToken token, boolean refreshable) {
		Instant past = Instant.now().minusSeconds(600);
		return token.mutate()
			.refreshToken(refreshable ? token.refreshToken() : null)
			.issuedAt(past.minusSeconds(3600))
			.expiresAt(past)
			.build();
	}

}
