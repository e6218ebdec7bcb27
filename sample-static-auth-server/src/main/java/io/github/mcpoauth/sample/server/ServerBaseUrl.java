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

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.security.web.util.UrlUtils;
import org.springframework.util.Assert;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Resolves the base URL ({@code scheme://host[:port][/context-path]}) of the server for a
 * request: the configured {@code public-url} when set, otherwise the URL as the client
 * addressed the server.
 * <p>
 * The derivation matches the one Spring Authorization Server uses for its issuer when
 * {@code AuthorizationServerSettings.issuer} is unset, so that for a given host the
 * issuer, the protected resource ({@code <base>/mcp}), the audience check and the
 * {@code WWW-Authenticate} challenge all agree.
 */
public final class ServerBaseUrl {

	/**
	 * The path of the MCP Streamable HTTP endpoint.
	 */
	public static final String MCP_PATH = "/mcp";

	/**
	 * The RFC 9728 §3 well-known path of protected-resource metadata.
	 */
	public static final String PROTECTED_RESOURCE_METADATA_PATH = "/.well-known/oauth-protected-resource";

	private final @Nullable String publicUrl;

	/**
	 * Creates a resolver.
	 * @param publicUrl a fixed external base URL without trailing slash, or {@code null}
	 * to derive the base URL from each request
	 */
	public ServerBaseUrl(@Nullable String publicUrl) {
		this.publicUrl = publicUrl;
	}

	/**
	 * Resolves the base URL for a request.
	 * @param request the current request
	 * @return the base URL, without trailing slash
	 */
	public String resolve(HttpServletRequest request) {
		Assert.notNull(request, "request cannot be null");
		if (this.publicUrl != null) {
			return this.publicUrl;
		}
		// @formatter:off
		return UriComponentsBuilder.fromUriString(UrlUtils.buildFullRequestUrl(request))
				.replacePath(request.getContextPath())
				.replaceQuery(null)
				.fragment(null)
				.build()
				.toUriString();
		// @formatter:on
	}

	/**
	 * The fixed external base URL, when one is configured.
	 * @return the public URL or {@code null}
	 */
	public @Nullable String publicUrl() {
		return this.publicUrl;
	}

	/**
	 * The canonical URL of the MCP endpoint: the RFC 8707 resource indicator and the
	 * audience of the tokens this server issues.
	 * @param baseUrl the base URL
	 * @return {@code <base>/mcp}
	 */
	public static String mcpResource(String baseUrl) {
		return baseUrl + MCP_PATH;
	}

	/**
	 * The URL of the RFC 9728 metadata of the MCP endpoint, as sent in the
	 * {@code resource_metadata} parameter of challenges.
	 * @param baseUrl the base URL
	 * @return {@code <base>/.well-known/oauth-protected-resource/mcp}
	 */
	public static String protectedResourceMetadata(String baseUrl) {
		return baseUrl + PROTECTED_RESOURCE_METADATA_PATH + MCP_PATH;
	}

}
