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

package io.github.mcpoauth.autoconfigure;

import java.net.URI;
import java.time.Duration;

import io.github.mcpoauth.web.McpAuthorizationWebFilter;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * The web support of a multi-user WebFlux application, under {@value #CONFIG_PREFIX}: where
 * the authorization server sends a signed-in user's browser back to. See
 * {@code docs/web-applications.md}.
 */
@ConfigurationProperties(prefix = McpOAuthWebProperties.CONFIG_PREFIX)
public class McpOAuthWebProperties implements InitializingBean {

	/** The prefix of every property. */
	public static final String CONFIG_PREFIX = "mcp.oauth.web";

	/**
	 * Whether a signed-in user's request that needs an MCP authorization sends the user's
	 * browser to the authorization server (in a reactive web application).
	 */
	private boolean enabled = true;

	/**
	 * The application path that receives authorization responses; register its absolute URL
	 * as a redirect URI with the authorization server.
	 */
	private String callbackPath = McpAuthorizationWebFilter.DEFAULT_CALLBACK_PATH;

	/**
	 * The absolute redirect URI to send instead of the one built from each request's host and
	 * the callback path, for example behind a proxy that does not forward its host.
	 */
	private @Nullable URI redirectUri;

	/**
	 * How long an authorization started in a browser may take to come back to the callback.
	 */
	private Duration pendingTimeout = Duration.ofMinutes(10);

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getCallbackPath() {
		return this.callbackPath;
	}

	public void setCallbackPath(String callbackPath) {
		this.callbackPath = callbackPath;
	}

	public @Nullable URI getRedirectUri() {
		return this.redirectUri;
	}

	public void setRedirectUri(@Nullable URI redirectUri) {
		this.redirectUri = redirectUri;
	}

	public Duration getPendingTimeout() {
		return this.pendingTimeout;
	}

	public void setPendingTimeout(Duration pendingTimeout) {
		this.pendingTimeout = pendingTimeout;
	}

	/**
	 * Checks every value once the properties are bound.
	 * @throws InvalidConfigurationPropertyValueException naming the first wrong key
	 */
	@Override
	public void afterPropertiesSet() {
		validate();
	}

	/**
	 * @throws InvalidConfigurationPropertyValueException naming the first wrong key
	 */
	public void validate() {
		if (this.callbackPath == null || !this.callbackPath.startsWith("/") || this.callbackPath.startsWith("//")) {
			throw new InvalidConfigurationPropertyValueException(CONFIG_PREFIX + ".callback-path", this.callbackPath,
					"It must be a path of the application, such as " + McpAuthorizationWebFilter.DEFAULT_CALLBACK_PATH
							+ ".");
		}
		if (this.redirectUri != null && (!this.redirectUri.isAbsolute() || this.redirectUri.getRawQuery() != null
				|| this.redirectUri.getRawFragment() != null)) {
			throw new InvalidConfigurationPropertyValueException(CONFIG_PREFIX + ".redirect-uri", this.redirectUri,
					"It must be an absolute URL without query or fragment, such as https://app.example.com"
							+ McpAuthorizationWebFilter.DEFAULT_CALLBACK_PATH + ".");
		}
		if (this.pendingTimeout == null || this.pendingTimeout.isNegative() || this.pendingTimeout.isZero()) {
			throw new InvalidConfigurationPropertyValueException(CONFIG_PREFIX + ".pending-timeout",
					this.pendingTimeout, "It must be a positive duration, such as 10m.");
		}
	}

}
