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

package io.github.mcpoauth.sample.server;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.util.StringUtils;

/**
 * Configuration of the sample server that is its own, bound from {@code mcp.static.*}:
 * command-line flags (translated by {@link StaticServerArguments}), {@code MCP_STATIC_*}
 * environment variables and {@code sample-static-auth-server.yml}, in that order of
 * precedence. The settings Spring Boot knows are its own properties, fed from
 * {@code mcp.static.*} in {@code sample-static-auth-server.yml}: the port and address
 * ({@code server.*}), the demo user ({@code spring.security.user.*}) and the endpoint paths
 * ({@code spring.security.oauth2.authorizationserver.endpoint.*}).
 * <p>
 * The defaults are the published demo credentials of the server this sample reproduces:
 * they are fine on a developer's machine and must be replaced anywhere else. The secret
 * never appears in {@link #toString()}.
 *
 * @param clientId The client id of the statically registered confidential client.
 * @param clientSecret The client secret of the statically registered client.
 * @param accessTokenTtl The lifetime of access tokens; a bare number means seconds.
 * @param redirectUris Redirect URIs allowed for the static client in addition to
 * {@code http://127.0.0.1/callback} (which accepts any port, RFC 8252 §7.3).
 * @param dynamicRegistration Whether RFC 7591 dynamic client registration is open at
 * {@code /register} (for public clients); when off, {@code /register} answers 403.
 * @param publicUrl A fixed external base URL (scheme, host, optional port and path) used
 * for the issuer, the protected resource and every advertised URL; when unset they are
 * derived from each request, as the client addressed the server.
 */
@ConfigurationProperties(prefix = StaticServerProperties.CONFIG_PREFIX)
public record StaticServerProperties(@DefaultValue(DEFAULT_CLIENT_ID) String clientId,
		@DefaultValue(DEFAULT_CLIENT_SECRET) String clientSecret,
		@DefaultValue("3600s") @DurationUnit(ChronoUnit.SECONDS) Duration accessTokenTtl,
		@DefaultValue List<String> redirectUris, boolean dynamicRegistration, @Nullable String publicUrl) {

	/**
	 * The prefix of every property of this server.
	 */
	public static final String CONFIG_PREFIX = "mcp.static";

	/**
	 * The default client id, as published by the server this sample reproduces.
	 */
	public static final String DEFAULT_CLIENT_ID = "static-mcp-client-001";

	/**
	 * The default client secret. Published, hence not a secret: replace it outside local
	 * development.
	 */
	public static final String DEFAULT_CLIENT_SECRET = "your-secret-key-change-this-in-production";

	/**
	 * Validates the values and normalises {@code public-url} (no trailing slash).
	 */
	public StaticServerProperties {
		requireText(clientId, "client-id");
		requireText(clientSecret, "client-secret");
		if (accessTokenTtl == null || accessTokenTtl.isNegative() || accessTokenTtl.isZero()) {
			throw new IllegalArgumentException(key("access-token-ttl") + " must be a positive duration");
		}
		redirectUris = List.copyOf(redirectUris);
		for (String redirectUri : redirectUris) {
			URI uri = parse(redirectUri, "redirect-uris");
			if (!uri.isAbsolute() || uri.getFragment() != null) {
				throw new IllegalArgumentException(
						key("redirect-uris") + " must hold absolute URIs without fragment, was " + redirectUri);
			}
		}
		publicUrl = normalizePublicUrl(publicUrl);
	}

	/**
	 * Whether the published default client secret is in use.
	 * @return {@code true} when the client secret is the default one
	 */
	public boolean isDefaultClientSecret() {
		return DEFAULT_CLIENT_SECRET.equals(this.clientSecret);
	}

	@Override
	public String toString() {
		return "StaticServerProperties[clientId=" + this.clientId + ", clientSecret=[PROTECTED], accessTokenTtl="
				+ this.accessTokenTtl + ", redirectUris=" + this.redirectUris + ", dynamicRegistration="
				+ this.dynamicRegistration + ", publicUrl=" + this.publicUrl + "]";
	}

	private static @Nullable String normalizePublicUrl(@Nullable String publicUrl) {
		if (!StringUtils.hasText(publicUrl)) {
			return null;
		}
		String url = publicUrl.strip();
		while (url.endsWith("/")) {
			url = url.substring(0, url.length() - 1);
		}
		URI uri = parse(url, "public-url");
		boolean http = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
		if (!http || uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null
				|| uri.getRawUserInfo() != null) {
			throw new IllegalArgumentException(key("public-url")
					+ " must be an absolute http(s) URL without user info, query or fragment, was " + publicUrl);
		}
		return url;
	}

	private static URI parse(String value, String name) {
		try {
			return new URI(value);
		}
		catch (URISyntaxException ex) {
			throw new IllegalArgumentException(key(name) + " is not a valid URI: " + value, ex);
		}
	}

	private static void requireText(@Nullable String value, String name) {
		if (!StringUtils.hasText(value)) {
			throw new IllegalArgumentException(key(name) + " must not be empty");
		}
	}

	private static String key(String name) {
		return CONFIG_PREFIX + "." + name;
	}

}
