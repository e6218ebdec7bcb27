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

package io.github.mcpoauth.sample.server.registration;

import java.time.Duration;

import io.github.mcpoauth.sample.server.StaticServerProperties;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The limits of open registration ({@code --dynamic-registration}), bound from
 * {@code mcp.static.registration.*}: anyone who reaches the port may register, so what one
 * request and all requests together may make the server keep is bounded.
 *
 * @param maxBodySize The largest registration request body; a larger one is refused with 413.
 * @param maxRedirectUris The most redirect URIs one client may register.
 * @param maxFieldLength The longest value of any field (a redirect URI, the client name,
 * the scope, each grant or response type), in characters.
 * @param maxRegistrations The most registrations the server accepts within {@code window}
 * (all clients together); more are refused with 429 and a {@code Retry-After} header.
 * @param window The time window of {@code maxRegistrations}.
 */
@ConfigurationProperties(prefix = RegistrationLimits.CONFIG_PREFIX)
public record RegistrationLimits(@DefaultValue("16KB") DataSize maxBodySize, @DefaultValue("10") int maxRedirectUris,
		@DefaultValue("512") int maxFieldLength, @DefaultValue("60") int maxRegistrations,
		@DefaultValue("1m") Duration window) {

	/** The prefix of the limits. */
	public static final String CONFIG_PREFIX = StaticServerProperties.CONFIG_PREFIX + ".registration";

	/**
	 * Checks that every limit is positive.
	 */
	public RegistrationLimits {
		if (maxBodySize == null || maxBodySize.toBytes() <= 0) {
			throw new IllegalArgumentException(CONFIG_PREFIX + ".max-body-size must be positive");
		}
		if (maxRedirectUris <= 0 || maxFieldLength <= 0 || maxRegistrations <= 0) {
			throw new IllegalArgumentException(CONFIG_PREFIX
					+ ".max-redirect-uris, max-field-length and max-registrations must be positive");
		}
		if (window == null || window.isNegative() || window.isZero()) {
			throw new IllegalArgumentException(CONFIG_PREFIX + ".window must be a positive duration");
		}
	}

}
