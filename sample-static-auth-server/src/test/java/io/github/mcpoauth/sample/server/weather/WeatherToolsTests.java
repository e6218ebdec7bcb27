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

package io.github.mcpoauth.sample.server.weather;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;

import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.github.mcpoauth.testsupport.RecordedWeatherService;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The weather tools against the recorded National Weather Service responses.
 */
class WeatherToolsTests {

	private static RecordedWeatherService nws;

	private static WeatherTools tools;

	@BeforeAll
	static void startWeatherService() {
		nws = RecordedWeatherService.start();
		tools = new WeatherTools(new WeatherProperties(nws.baseUrl() + "/", WeatherProperties.DEFAULT_USER_AGENT,
				Duration.ofSeconds(5)));
	}

	@AfterAll
	static void stopWeatherService() {
		nws.close();
	}

	@Test
	void getAlertsWhenStateHasAlertsThenEachAlertAsReadableText() {
		CallToolResult result = tools.getAlerts("ca");

		assertThat(result.isError()).isFalse();
		String text = text(result);
		assertThat(text).startsWith("Event: Wind Advisory\nArea: San Francisco Bay Shoreline; North Bay Interior "
				+ "Mountains\nSeverity: Moderate\nDescription: * WHAT...North winds");
		assertThat(text).contains("Instructions: Use extra caution when driving")
			.contains("\n---\nEvent: Red Flag Warning\n")
			.endsWith("Instructions: No specific instructions provided");
		assertThat(nws.requests()).contains("/alerts/active/area/CA");
	}

	@Test
	void getAlertsWhenNoAlertsThenSaysSo() {
		CallToolResult result = tools.getAlerts("VT");

		assertThat(result.isError()).isFalse();
		assertThat(text(result)).isEqualTo("No active alerts for this state.");
	}

	@Test
	void getAlertsWhenNotAStateCodeThenToolErrorWithoutCallingTheApi() {
		int before = nws.requests().size();

		CallToolResult result = tools.getAlerts("California");

		assertThat(result.isError()).isTrue();
		assertThat(text(result)).contains("'California' is not a US state code").contains("CA, NY");
		assertThat(nws.requests()).hasSize(before);
	}

	@Test
	void getForecastWhenPointInUsThenFiveReadablePeriods() {
		CallToolResult result = tools.getForecast(37.7749, -122.4194);

		assertThat(result.isError()).isFalse();
		String text = text(result);
		assertThat(text).startsWith("Tonight:\nTemperature: 48°F\nWind: 10 to 20 mph N\nForecast: Mostly clear");
		assertThat(text.split("\n---\n")).hasSize(5);
		assertThat(text).contains("Wednesday Night:").doesNotContain("Thursday");
	}

	@Test
	void getForecastWhenPointOutsideUsThenToolErrorNamingTheCoverage() {
		CallToolResult result = tools.getForecast(51.5074, -0.1278);

		assertThat(result.isError()).isTrue();
		assertThat(text(result)).contains("No forecast for 51.5074,-0.1278")
			.contains("covers only the United States")
			.contains("Unable to provide data for requested point");
	}

	@Test
	void getForecastWhenCoordinatesOutOfRangeThenToolError() {
		CallToolResult result = tools.getForecast(123, 45);

		assertThat(result.isError()).isTrue();
		assertThat(text(result)).contains("Latitude must be between -90 and 90");
	}

	@Test
	void requestsWhenSentThenIdentifyTheApplicationAsNwsAsks() {
		tools.getAlerts("TX");

		assertThat(nws.userAgents()).isNotEmpty().allMatch(WeatherProperties.DEFAULT_USER_AGENT::equals);
	}

	@Test
	void getAlertsWhenApiUnreachableThenToolErrorSaysSo() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closedPort = socket.getLocalPort();
		}
		WeatherTools unreachable = new WeatherTools(new WeatherProperties("http://127.0.0.1:" + closedPort,
				WeatherProperties.DEFAULT_USER_AGENT, Duration.ofSeconds(2)));

		CallToolResult alerts = unreachable.getAlerts("CA");
		CallToolResult forecast = unreachable.getForecast(37.7749, -122.4194);

		assertThat(alerts.isError()).isTrue();
		assertThat(text(alerts)).contains("Unable to fetch alerts for CA").contains("is unreachable");
		assertThat(forecast.isError()).isTrue();
		assertThat(text(forecast)).contains("Unable to fetch the forecast").contains("is unreachable");
	}

	private static String text(CallToolResult result) {
		return ((TextContent) result.content().get(0)).text();
	}

}
