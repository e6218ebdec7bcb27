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

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import io.github.mcpoauth.sample.server.StaticAuthServer;
import io.github.mcpoauth.testsupport.RecordedWeatherService;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code mcp-oauth chat} in the three-tier system: the sample server as authorization
 * server and as weather server (recorded NWS responses), a local fake of the Anthropic
 * Messages API, and the command line registered and logged in with {@code auth}.
 */
class ChatCommandIntegrationTests {

	private static RecordedWeatherService nws;

	private static StaticAuthServer authorizationServer;

	private static StaticAuthServer weatherServer;

	private static FakeAnthropicApi anthropic;

	private final InputStream stdin = System.in;

	@TempDir
	Path directory;

	@BeforeAll
	static void startServers() {
		nws = RecordedWeatherService.start();
		authorizationServer = StaticAuthServer.start("--role=authorization-server", "--port=0");
		weatherServer = StaticAuthServer.start("--role=resource-server", "--port=0",
				"--issuer=" + authorizationServer.baseUrl(), "--weather-api-url=" + nws.baseUrl());
		anthropic = FakeAnthropicApi.start();
	}

	@AfterAll
	static void stopServers() {
		for (AutoCloseable closeable : new AutoCloseable[] { anthropic, weatherServer, authorizationServer, nws }) {
			try {
				if (closeable != null) {
					closeable.close();
				}
			}
			catch (Exception ex) {
				// keep closing the others
			}
		}
	}

	@AfterEach
	void restoreStandardInput() {
		System.setIn(this.stdin);
	}

	private Cli cli(String apiKey) {
		return new Cli(this.directory, "--spring.ai.anthropic.base-url=" + anthropic.baseUrl(),
				"--spring.ai.anthropic.api-key=" + apiKey, "--spring.ai.anthropic.max-retries=0");
	}

	@Test
	void chatWhenAlertsInCaThenOneAuthorizedToolCallAndTheModelsAnswer() throws Exception {
		Cli cli = cli("test-anthropic-key");
		Cli.Result auth = cli.authorize("weather", weatherServer.mcpUrl());
		assertThat(auth.exitCode()).as(auth.toString()).isZero();
		int nwsRequests = nws.requests().size();
		input("/tools\nalerts in CA\n/quit\n");

		Cli.Result chat = cli.run("chat", "weather");

		assertThat(chat.exitCode()).as(chat.toString()).isZero();
		assertThat(chat.out()).contains("get_alerts: Get weather alerts for a US state.")
			.contains("get_forecast: Get weather forecast for a location.")
			.containsPattern("\\[tool] \\S*get_alerts \\{\"state\":\"CA\"}")
			.containsPattern("\\[tool] \\S*get_alerts -> .*Event: Wind Advisory")
			.contains(FakeAnthropicApi.FINAL_ANSWER)
			.doesNotContain("test-anthropic-key");
		// the tool ran once, against the weather server, with the recorded NWS data
		assertThat(nws.requests().subList(nwsRequests, nws.requests().size()))
			.containsExactly("/alerts/active/area/CA");
		assertThat(anthropic.requests()).hasSize(2);
		assertThat(anthropic.apiKeys()).containsOnly("test-anthropic-key");
		JsonNode first = anthropic.requests().get(0);
		assertThat(first.path("tools").toString()).contains("get_alerts").contains("get_forecast");
		assertThat(anthropic.requests().get(1).path("messages").toString()).contains("tool_result")
			.contains("Event: Wind Advisory");
	}

	@Test
	void chatWhenNoApiKeyThenSaysWhichVariableToSet() {
		Cli.Result chat = cli("").run("chat", "weather");

		assertThat(chat.exitCode()).isEqualTo(ExitCodes.CONFIGURATION_ERROR);
		assertThat(chat.err()).contains("No Anthropic API key").contains("ANTHROPIC_API_KEY");
		assertThat(anthropic.requests()).noneMatch((request) -> request.toString().contains("no-key"));
	}

	@Test
	void chatWhenServerDownThenSaysItCannotReachIt() throws Exception {
		Cli cli = cli("test-anthropic-key");
		try (StaticAuthServer down = StaticAuthServer.start("--role=resource-server", "--port=0",
				"--issuer=" + authorizationServer.baseUrl(), "--weather-api-url=" + nws.baseUrl())) {
			Cli.Result auth = cli.authorize("down", down.mcpUrl());
			assertThat(auth.exitCode()).as(auth.toString()).isZero();
		}
		input("alerts in CA\n/quit\n");

		Cli.Result chat = cli.run("chat", "down");

		assertThat(chat.exitCode()).as(chat.toString()).isEqualTo(ExitCodes.SERVER_ERROR);
		assertThat(chat.err()).contains("Cannot reach the MCP server 'down'");
	}

	private static void input(String lines) {
		System.setIn(new ByteArrayInputStream(lines.getBytes(StandardCharsets.UTF_8)));
	}

}
