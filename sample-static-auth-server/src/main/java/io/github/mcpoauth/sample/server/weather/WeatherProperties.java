package io.github.mcpoauth.sample.server.weather;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The National Weather Service API used by the weather tools, bound from
 * {@code mcp.static.weather.*} ({@code --weather-api-url} sets the base URL).
 *
 * @param baseUrl The base URL of the API, {@code https://api.weather.gov} by default.
 * @param userAgent The {@code User-Agent} sent: the NWS asks every client to identify
 * its application and a contact.
 * @param timeout The time allowed for each request to the API.
 */
@ConfigurationProperties(prefix = "mcp.static.weather")
public record WeatherProperties(@DefaultValue(DEFAULT_BASE_URL) String baseUrl,
		@DefaultValue(DEFAULT_USER_AGENT) String userAgent, @DefaultValue("10s") Duration timeout) {

	/**
	 * The public NWS API.
	 */
	public static final String DEFAULT_BASE_URL = "https://api.weather.gov";

	/**
	 * The default {@code User-Agent}: application and contact, as the NWS asks.
	 */
	public static final String DEFAULT_USER_AGENT = "(mcp-oauth-weather-sample, https://github.com/mcp-oauth/mcp-oauth)";

	/**
	 * Normalises the base URL (no trailing slash).
	 */
	public WeatherProperties {
		baseUrl = baseUrl.strip();
		while (baseUrl.endsWith("/")) {
			baseUrl = baseUrl.substring(0, baseUrl.length() - 1);
		}
		if (timeout.isNegative() || timeout.isZero()) {
			throw new IllegalArgumentException("mcp.static.weather.timeout must be positive");
		}
	}

}
