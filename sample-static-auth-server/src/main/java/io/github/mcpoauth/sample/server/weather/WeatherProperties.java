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
