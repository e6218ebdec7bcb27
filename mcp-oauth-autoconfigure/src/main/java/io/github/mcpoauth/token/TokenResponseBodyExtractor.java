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

package io.github.mcpoauth.token;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.mcpoauth.dpop.DPoP;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.ReactiveHttpInputMessage;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.DefaultMapOAuth2AccessTokenResponseConverter;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.web.reactive.function.BodyExtractor;
import org.springframework.web.reactive.function.BodyExtractors;

/**
 * Reads a token endpoint's answer like Spring Security's
 * {@code OAuth2AccessTokenResponseBodyExtractor}, with two differences that DPoP needs
 * (RFC 9449): {@code token_type} {@code DPoP} is accepted (Spring's reactive extractor only
 * maps {@code Bearer}), and the {@code DPoP-Nonce} the server sends is kept: in the
 * response's additional parameters under {@link #DPOP_NONCE_PARAMETER} on success, in a
 * {@link NonceRequired} error when the server answered {@code use_dpop_nonce}.
 *
 * <p>An answer with {@code access_token} is a token response (RFC 6749 §5.1), any other an
 * error response (RFC 6749 §5.2), as Spring decides.
 */
final class TokenResponseBodyExtractor implements BodyExtractor<Mono<OAuth2AccessTokenResponse>, ReactiveHttpInputMessage> {

	/** The additional parameter that holds the {@code DPoP-Nonce} of a successful answer. */
	static final String DPOP_NONCE_PARAMETER = "mcp-oauth.dpop-nonce";

	private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT = new ParameterizedTypeReference<>() {
	};

	private static final DefaultMapOAuth2AccessTokenResponseConverter CONVERTER = new DefaultMapOAuth2AccessTokenResponseConverter();

	@Override
	public Mono<OAuth2AccessTokenResponse> extract(ReactiveHttpInputMessage message, Context context) {
		String nonce = message.getHeaders().getFirst(DPoP.NONCE_HEADER);
		return BodyExtractors.toMono(JSON_OBJECT)
			.extract(message, context)
			.onErrorMap((ex) -> new OAuth2AuthorizationException(
					invalidTokenResponse("An error occurred parsing the Access Token response: " + ex.getMessage()), ex))
			.switchIfEmpty(Mono.error(() -> new OAuth2AuthorizationException(
					invalidTokenResponse("Empty OAuth 2.0 Access Token Response"))))
			.flatMap((body) -> body.containsKey("access_token") ? Mono.fromCallable(() -> success(body, nonce))
					: Mono.error(error(body, nonce)));
	}

	private static OAuth2AccessTokenResponse success(Map<String, Object> body, @Nullable String nonce) {
		OAuth2AccessTokenResponse response;
		try {
			response = CONVERTER.convert(body);
		}
		catch (IllegalArgumentException ex) {
			// an unknown token_type, a malformed expires_in, a missing access_token value
			throw new OAuth2AuthorizationException(invalidTokenResponse(
					"An error occurred parsing the Access Token response: " + ex.getMessage()), ex);
		}
		if (nonce == null) {
			return response;
		}
		Map<String, Object> parameters = new LinkedHashMap<>(response.getAdditionalParameters());
		parameters.put(DPOP_NONCE_PARAMETER, nonce);
		return OAuth2AccessTokenResponse.withResponse(response).additionalParameters(parameters).build();
	}

	private static OAuth2AuthorizationException error(Map<String, Object> body, @Nullable String nonce) {
		String code = (body.get("error") instanceof String error && !error.isBlank()) ? error
				: OAuth2ErrorCodes.SERVER_ERROR;
		OAuth2Error error = new OAuth2Error(code, string(body, "error_description"), string(body, "error_uri"));
		if (DPoP.USE_DPOP_NONCE.equals(code) && nonce != null && !nonce.isBlank()) {
			return new NonceRequired(error, nonce);
		}
		return new OAuth2AuthorizationException(error);
	}

	private static @Nullable String string(Map<String, Object> body, String name) {
		return (body.get(name) instanceof String value) ? value : null;
	}

	private static OAuth2Error invalidTokenResponse(String description) {
		return new OAuth2Error("invalid_token_response", description, null);
	}

	/**
	 * The token endpoint answered {@code use_dpop_nonce} with a nonce to put in the next
	 * proof (RFC 9449 §8).
	 */
	static final class NonceRequired extends OAuth2AuthorizationException {

		private final String nonce;

		NonceRequired(OAuth2Error error, String nonce) {
			super(error);
			this.nonce = nonce;
		}

		String nonce() {
			return this.nonce;
		}

	}

}
