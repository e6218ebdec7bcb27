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

package io.github.mcpoauth.sample.server.resource;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.github.mcpoauth.sample.server.McpScopes;
import io.github.mcpoauth.sample.server.ServerBaseUrl;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.resource.BearerTokenErrorCodes;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * The {@code WWW-Authenticate} challenges of the MCP endpoint, each with the RFC 9728
 * {@code resource_metadata} URL and every scope the endpoint needs ({@code offline_access}
 * never is one):
 * <ul>
 * <li>no token: 401 {@code Bearer resource_metadata="...", scope="mcp:tools"};</li>
 * <li>an invalid, expired or foreign token, or a DPoP-bound token sent as a bearer token:
 * 401 with {@code error="invalid_token"} and an {@code error_description};</li>
 * <li>a token without {@code mcp:tools}: 403 with {@code error="insufficient_scope"}.</li>
 * </ul>
 * A request that used the {@code DPoP} scheme is answered with a {@code DPoP} challenge
 * (RFC 9449 §7.1) with the same parameters, the accepted proof algorithms ({@code algs}),
 * and the error of a refused proof ({@code invalid_dpop_proof}).
 * Spring Security's {@code BearerTokenAuthenticationEntryPoint},
 * {@code BearerTokenAccessDeniedHandler} and {@code DPoPAuthenticationEntryPoint} omit the
 * {@code scope} and {@code resource_metadata} the MCP authorization specification asks for,
 * hence this class.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6750#section-3">RFC 6750 §3</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9728#section-5.1">RFC 9728 §5.1</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9449#section-7.1">RFC 9449 §7.1</a>
 */
public final class McpBearerTokenChallenge implements AuthenticationEntryPoint, AccessDeniedHandler {

	private static final String INSUFFICIENT_SCOPE_DESCRIPTION = "The access token lacks the scope "
			+ McpScopes.TOOLS;

	/** The proof algorithms the DPoP verifier accepts (Spring Security's {@code DPoPProofJwtDecoderFactory}). */
	static final String DPOP_ALGORITHMS = "RS256 RS384 RS512 PS256 PS384 PS512 ES256 ES384 ES512";

	private static final String DPOP = "DPoP";

	private static final String BEARER = "Bearer";

	private final ServerBaseUrl serverBaseUrl;

	/**
	 * Creates the challenge writer.
	 * @param serverBaseUrl resolves the base URL of the {@code resource_metadata} URL
	 */
	public McpBearerTokenChallenge(ServerBaseUrl serverBaseUrl) {
		Assert.notNull(serverBaseUrl, "serverBaseUrl cannot be null");
		this.serverBaseUrl = serverBaseUrl;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException authException) {
		boolean dPoP = usesDPoP(request);
		Map<String, String> parameters = new LinkedHashMap<>();
		if (authException instanceof OAuth2AuthenticationException oauth2Exception) {
			OAuth2Error error = oauth2Exception.getError();
			boolean proofRefused = dPoP && OAuth2ErrorCodes.INVALID_DPOP_PROOF.equals(error.getErrorCode());
			parameters.put("error", proofRefused ? OAuth2ErrorCodes.INVALID_DPOP_PROOF : BearerTokenErrorCodes.INVALID_TOKEN);
			String description = StringUtils.hasText(error.getDescription()) ? error.getDescription()
					: proofRefused ? "The DPoP proof is not valid for this token and request"
							: "The access token is not valid";
			parameters.put("error_description", description);
		}
		parameters.put("resource_metadata", ServerBaseUrl.protectedResourceMetadata(this.serverBaseUrl.resolve(request)));
		parameters.put("scope", McpScopes.TOOLS);
		if (dPoP) {
			parameters.put("algs", DPOP_ALGORITHMS);
		}
		challenge(response, HttpStatus.UNAUTHORIZED, dPoP ? DPOP : BEARER, parameters);
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response,
			AccessDeniedException accessDeniedException) {
		Map<String, String> parameters = new LinkedHashMap<>();
		parameters.put("error", BearerTokenErrorCodes.INSUFFICIENT_SCOPE);
		parameters.put("error_description", INSUFFICIENT_SCOPE_DESCRIPTION);
		parameters.put("scope", McpScopes.TOOLS);
		parameters.put("resource_metadata", ServerBaseUrl.protectedResourceMetadata(this.serverBaseUrl.resolve(request)));
		boolean dPoP = usesDPoP(request);
		if (dPoP) {
			parameters.put("algs", DPOP_ALGORITHMS);
		}
		challenge(response, HttpStatus.FORBIDDEN, dPoP ? DPOP : BEARER, parameters);
	}

	private static boolean usesDPoP(HttpServletRequest request) {
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		return authorization != null && authorization.regionMatches(true, 0, DPOP + " ", 0, DPOP.length() + 1);
	}

	private static void challenge(HttpServletResponse response, HttpStatus status, String scheme,
			Map<String, String> parameters) {
		String header = parameters.entrySet()
			.stream()
			.map((parameter) -> parameter.getKey() + "=\"" + quotable(parameter.getValue()) + "\"")
			.collect(Collectors.joining(", ", scheme + " ", ""));
		response.addHeader(HttpHeaders.WWW_AUTHENTICATE, header);
		response.setStatus(status.value());
	}

	/**
	 * RFC 6750 §3 allows %x20-21 / %x23-5B / %x5D-7E in {@code error_description}: no
	 * quote, no backslash, printable ASCII only.
	 */
	private static String quotable(String value) {
		StringBuilder quotable = new StringBuilder(value.length());
		for (char c : value.toCharArray()) {
			boolean allowed = c >= 0x20 && c <= 0x7E && c != '"' && c != '\\';
			quotable.append(allowed ? c : (c == '"') ? '\'' : '?');
		}
		return quotable.toString();
	}

}
