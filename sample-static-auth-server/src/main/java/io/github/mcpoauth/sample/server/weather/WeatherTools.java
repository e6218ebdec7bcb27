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
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.JsonSchema;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.Assert;

/**
 * The two tools of the weather server this sample reproduces, on the US National Weather
 * Service API, with its readable text results:
 * <ul>
 * <li>{@code get_alerts(state)}: the active alerts of a state or territory
 * ({@code /alerts/active/area/{state}}), each as {@code Event}, {@code Area},
 * {@code Severity}, {@code Description}, {@code Instructions}, separated by
 * {@code ---};</li>
 * <li>{@code get_forecast(latitude, longitude)}: the grid point
 * ({@code /points/{lat},{lon}}), then its {@code properties.forecast}: the next five
 * periods with temperature, wind and forecast.</li>
 * </ul>
 * A bad state code, a point outside the area the NWS covers (404 for {@code /points}) and
 * an unreachable API give tool errors ({@code isError: true}) that say what is wrong.
 * Calls block the calling (servlet) thread.
 *
 * @see <a href="https://www.weather.gov/documentation/services-web-api">NWS API</a>
 */
public final class WeatherTools {

	/**
	 * The name of the alerts tool.
	 */
	public static final String GET_ALERTS = "get_alerts";

	/**
	 * The name of the forecast tool.
	 */
	public static final String GET_FORECAST = "get_forecast";

	/**
	 * The area codes {@code /alerts/active/area/} accepts for land: the states, DC and the
	 * territories.
	 */
	static final Set<String> STATE_CODES = Set.of("AL", "AK", "AS", "AR", "AZ", "CA", "CO", "CT", "DE", "DC", "FL",
			"GA", "GU", "HI", "ID", "IL", "IN", "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT",
			"NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "PR", "RI", "SC", "SD", "TN", "TX",
			"UT", "VT", "VI", "VA", "WA", "WV", "WI", "WY", "MP", "PW", "FM", "MH", "UM");

	private static final int FORECAST_PERIODS = 5;

	private static final String SEPARATOR = "\n---\n";

	private static final Log logger = LogFactory.getLog(WeatherTools.class);

	private final WeatherProperties properties;

	private final HttpClient httpClient;

	private final JsonMapper jsonMapper = JsonMapper.builder().build();

	/**
	 * Creates the tools.
	 * @param properties the API base URL, User-Agent and timeout
	 */
	public WeatherTools(WeatherProperties properties) {
		Assert.notNull(properties, "properties cannot be null");
		this.properties = properties;
		this.httpClient = HttpClient.newBuilder()
			.connectTimeout(properties.timeout())
			.followRedirects(HttpClient.Redirect.NORMAL)
			.build();
	}

	/**
	 * The tool specifications to register with an MCP server.
	 * @return {@code get_alerts} and {@code get_forecast}
	 */
	public List<SyncToolSpecification> specifications() {
		// @formatter:off
		SyncToolSpecification alerts = SyncToolSpecification.builder()
				.tool(Tool.builder()
						.name(GET_ALERTS)
						.title("Get alerts")
						.description("Get weather alerts for a US state.")
						.inputSchema(new JsonSchema("object",
								Map.of("state", Map.of("type", "string",
										"description", "Two-letter US state code (e.g. CA, NY)")),
								List.of("state"), null, null, null))
						.build())
				.callHandler((exchange, request) -> getAlerts(request))
				.build();
		SyncToolSpecification forecast = SyncToolSpecification.builder()
				.tool(Tool.builder()
						.name(GET_FORECAST)
						.title("Get forecast")
						.description("Get weather forecast for a location.")
						.inputSchema(new JsonSchema("object",
								Map.of("latitude", Map.of("type", "number", "description", "Latitude of the location"),
										"longitude", Map.of("type", "number", "description", "Longitude of the location")),
								List.of("latitude", "longitude"), null, null, null))
						.build())
				.callHandler((exchange, request) -> getForecast(request))
				.build();
		// @formatter:on
		return List.of(alerts, forecast);
	}

	CallToolResult getAlerts(CallToolRequest request) {
		Object state = arguments(request).get("state");
		if (!(state instanceof String code)) {
			return error("The argument 'state' is required: a two-letter US state code such as CA or NY");
		}
		return getAlerts(code);
	}

	/**
	 * The {@code get_alerts} tool.
	 * @param state a two-letter state or territory code, any case
	 * @return the alerts as text, or a tool error
	 */
	public CallToolResult getAlerts(String state) {
		String code = state.strip().toUpperCase(Locale.ROOT);
		if (!STATE_CODES.contains(code)) {
			return error("'" + state + "' is not a US state code: use the two-letter code of a state or territory, "
					+ "such as CA, NY or TX");
		}
		try {
			JsonNode features = get("/alerts/active/area/" + code).path("features");
			if (features.isEmpty()) {
				return text("No active alerts for this state.");
			}
			List<String> alerts = new ArrayList<>();
			for (JsonNode feature : features) {
				alerts.add(formatAlert(feature.path("properties")));
			}
			return text(String.join(SEPARATOR, alerts));
		}
		catch (WeatherApiException ex) {
			return error("Unable to fetch alerts for " + code + ": " + ex.getMessage());
		}
	}

	CallToolResult getForecast(CallToolRequest request) {
		Map<String, Object> arguments = arguments(request);
		if (!(arguments.get("latitude") instanceof Number latitude)
				|| !(arguments.get("longitude") instanceof Number longitude)) {
			return error("The arguments 'latitude' and 'longitude' are required and must be numbers");
		}
		return getForecast(latitude.doubleValue(), longitude.doubleValue());
	}

	/**
	 * The {@code get_forecast} tool.
	 * @param latitude the latitude, -90 to 90
	 * @param longitude the longitude, -180 to 180
	 * @return the next five forecast periods as text, or a tool error
	 */
	public CallToolResult getForecast(double latitude, double longitude) {
		if (!(latitude >= -90 && latitude <= 90) || !(longitude >= -180 && longitude <= 180)) {
			return error("Latitude must be between -90 and 90 and longitude between -180 and 180, were " + latitude
					+ ", " + longitude);
		}
		String point = coordinate(latitude) + "," + coordinate(longitude);
		try {
			JsonNode points;
			try {
				points = get("/points/" + point);
			}
			catch (WeatherApiException ex) {
				if (ex.status == 404) {
					return error("No forecast for " + point + ": the National Weather Service covers only the "
							+ "United States and its territories (" + ex.getMessage() + ")");
				}
				throw ex;
			}
			String forecastUrl = points.path("properties").path("forecast").asString("");
			if (forecastUrl.isEmpty()) {
				return error("No forecast for " + point + ": the National Weather Service names no forecast for it");
			}
			JsonNode periods = getAbsolute(URI.create(forecastUrl)).path("properties").path("periods");
			List<String> forecasts = new ArrayList<>();
			for (JsonNode period : periods) {
				if (forecasts.size() == FORECAST_PERIODS) {
					break;
				}
				forecasts.add(formatPeriod(period));
			}
			if (forecasts.isEmpty()) {
				return error("No forecast for " + point + ": the National Weather Service returned no periods");
			}
			return text(String.join(SEPARATOR, forecasts));
		}
		catch (WeatherApiException ex) {
			return error("Unable to fetch the forecast for " + point + ": " + ex.getMessage());
		}
	}

	private static String formatAlert(JsonNode properties) {
		return "Event: " + properties.path("event").asString("Unknown") + "\nArea: "
				+ properties.path("areaDesc").asString("Unknown") + "\nSeverity: "
				+ properties.path("severity").asString("Unknown") + "\nDescription: "
				+ properties.path("description").asString("No description available") + "\nInstructions: "
				+ textOr(properties.path("instruction"), "No specific instructions provided");
	}

	private static String formatPeriod(JsonNode period) {
		return period.path("name").asString("") + ":\nTemperature: " + period.path("temperature").asString("")
				+ "°" + period.path("temperatureUnit").asString("") + "\nWind: "
				+ period.path("windSpeed").asString("") + " " + period.path("windDirection").asString("")
				+ "\nForecast: " + period.path("detailedForecast").asString("");
	}

	private static String textOr(JsonNode node, String fallback) {
		return (node.isString() && !node.asString().isBlank()) ? node.asString() : fallback;
	}

	/**
	 * NWS wants at most four decimals in {@code /points} (it redirects otherwise).
	 */
	private static String coordinate(double value) {
		BigDecimal rounded = BigDecimal.valueOf(value).setScale(4, RoundingMode.HALF_UP).stripTrailingZeros();
		return rounded.scale() < 0 ? rounded.setScale(0).toPlainString() : rounded.toPlainString();
	}

	private JsonNode get(String path) {
		return getAbsolute(URI.create(this.properties.baseUrl() + path));
	}

	private JsonNode getAbsolute(URI uri) {
		HttpRequest request = HttpRequest.newBuilder(uri)
			.timeout(this.properties.timeout())
			.header("User-Agent", this.properties.userAgent())
			.header("Accept", "application/geo+json")
			.GET()
			.build();
		HttpResponse<String> response;
		try {
			response = this.httpClient.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (HttpTimeoutException ex) {
			throw new WeatherApiException(0, "the National Weather Service API at " + this.properties.baseUrl()
					+ " did not answer within " + this.properties.timeout().toSeconds() + "s; try again later");
		}
		catch (IOException ex) {
			logger.debug("NWS request failed: " + uri, ex);
			throw new WeatherApiException(0, "the National Weather Service API at " + this.properties.baseUrl()
					+ " is unreachable (" + ex.getClass().getSimpleName() + "); check the network or "
					+ "--weather-api-url and try again");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new WeatherApiException(0, "interrupted");
		}
		if (response.statusCode() / 100 != 2) {
			throw new WeatherApiException(response.statusCode(), "the National Weather Service API answered "
					+ response.statusCode() + problemDetail(response.body()));
		}
		try {
			return this.jsonMapper.readTree(response.body());
		}
		catch (JacksonException ex) {
			throw new WeatherApiException(0, "the National Weather Service API answered with malformed JSON");
		}
	}

	/**
	 * The {@code detail} of an RFC 7807 {@code application/problem+json} error, as the
	 * NWS sends them.
	 */
	private String problemDetail(String body) {
		try {
			JsonNode problem = this.jsonMapper.readTree(body);
			String detail = problem.path("detail").asString("");
			return detail.isBlank() ? "" : ": " + detail;
		}
		catch (JacksonException ex) {
			return "";
		}
	}

	private static Map<String, Object> arguments(CallToolRequest request) {
		return (request.arguments() != null) ? request.arguments() : Map.of();
	}

	private static CallToolResult text(String text) {
		return CallToolResult.builder().addTextContent(text).isError(false).build();
	}

	private static CallToolResult error(String message) {
		return CallToolResult.builder().addTextContent(message).isError(true).build();
	}

	private static final class WeatherApiException extends RuntimeException {

		private final int status;

		WeatherApiException(int status, String message) {
			super(message, null, false, false);
			this.status = status;
		}

	}

}
