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

package io.github.mcpoauth.sample.server.authorization;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;
import org.springframework.security.web.DefaultRedirectStrategy;
import org.springframework.security.web.RedirectStrategy;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * Writes the authorization endpoint's responses, successful or not, as Spring Authorization
 * Server does, plus the {@code iss} parameter (RFC 9207 §2): the redirect to the client
 * carries {@code code} and {@code state}, or {@code error}, {@code error_description},
 * {@code error_uri} and {@code state}, and always {@code iss}, this server's issuer
 * identifier. A client that sent its request to this server can then refuse a response that
 * claims to come from another (a mix-up attack). The metadata advertises it with
 * {@code authorization_response_iss_parameter_supported: true}.
 * <p>
 * An error that cannot be sent back to the client (no valid redirect URI, such as an
 * unknown client) is a 400 page, as in Spring Authorization Server: never a redirect to an
 * unverified URI.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9207#section-2">RFC 9207 §2</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-4.1.2">RFC 6749 §4.1.2</a>
 */
public final class IssuerAuthorizationResponseHandler implements AuthenticationSuccessHandler, AuthenticationFailureHandler {

	/** The RFC 9207 authorization response parameter. */
	public static final String ISS = "iss";

	/** The RFC 9207 authorization server metadata entry. */
	public static final String ISS_PARAMETER_SUPPORTED = "authorization_response_iss_parameter_supported";

	private final RedirectStrategy redirectStrategy = new DefaultRedirectStrategy();

	@Override
	public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
			Authentication authentication) throws IOException {
		OAuth2AuthorizationCodeRequestAuthenticationToken authorization = (OAuth2AuthorizationCodeRequestAuthenticationToken) authentication;
		String redirectUri = authorization.getRedirectUri();
		OAuth2AuthorizationCode code = authorization.getAuthorizationCode();
		Assert.notNull(redirectUri, "redirectUri cannot be null");
		Assert.notNull(code, "authorizationCode cannot be null");
		UriComponentsBuilder redirect = UriComponentsBuilder.fromUriString(redirectUri)
			.queryParam(OAuth2ParameterNames.CODE, code.getTokenValue());
		addState(redirect, authorization.getState());
		addIssuer(redirect);
		this.redirectStrategy.sendRedirect(request, response, redirect.build(true).toUriString());
	}

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException {
		OAuth2AuthorizationCodeRequestAuthenticationException failure = (OAuth2AuthorizationCodeRequestAuthenticationException) exception;
		OAuth2Error error = failure.getError();
		OAuth2AuthorizationCodeRequestAuthenticationToken authorization = failure
			.getAuthorizationCodeRequestAuthentication();
		String redirectUri = (authorization != null) ? authorization.getRedirectUri() : null;
		if (authorization == null || redirectUri == null || !StringUtils.hasText(redirectUri)) {
			response.sendError(HttpStatus.BAD_REQUEST.value(), error.toString());
			return;
		}
		UriComponentsBuilder redirect = UriComponentsBuilder.fromUriString(redirectUri)
			.queryParam(OAuth2ParameterNames.ERROR, error.getErrorCode());
		if (StringUtils.hasText(error.getDescription())) {
			redirect.queryParam(OAuth2ParameterNames.ERROR_DESCRIPTION, encode(error.getDescription()));
		}
		if (StringUtils.hasText(error.getUri())) {
			redirect.queryParam(OAuth2ParameterNames.ERROR_URI, encode(error.getUri()));
		}
		addState(redirect, authorization.getState());
		addIssuer(redirect);
		this.redirectStrategy.sendRedirect(request, response, redirect.build(true).toUriString());
	}

	private static void addState(UriComponentsBuilder redirect, @Nullable String state) {
		if (StringUtils.hasText(state)) {
			redirect.queryParam(OAuth2ParameterNames.STATE, encode(state));
		}
	}

	private static void addIssuer(UriComponentsBuilder redirect) {
		redirect.queryParam(ISS, encode(AuthorizationServerContextHolder.getContext().getIssuer()));
	}

	private static String encode(String value) {
		return UriUtils.encode(value, StandardCharsets.UTF_8);
	}

}
