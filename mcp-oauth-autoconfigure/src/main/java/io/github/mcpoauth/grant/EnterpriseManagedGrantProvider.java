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

package io.github.mcpoauth.grant;

import java.util.Map;

import io.github.mcpoauth.core.McpOAuthErrorCode;
import io.github.mcpoauth.core.McpOAuthException;
import io.github.mcpoauth.core.McpServerDefinition.CrossAppAccess;
import io.github.mcpoauth.core.McpServerDefinition.GrantType;
import io.github.mcpoauth.token.OAuthToken;
import io.github.mcpoauth.token.TokenEndpointClient;
import io.github.mcpoauth.token.TokenRequest;
import reactor.core.publisher.Mono;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.util.Assert;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Enterprise-managed authorization (MCP SEP-990, "cross-app access"): the user's ID token is
 * exchanged at the identity provider for an Identity Assertion JWT Authorization Grant
 * (ID-JAG, RFC 8693 §2.1 token exchange with {@code audience} = the authorization server's
 * issuer and {@code resource} = the MCP server), which the client then presents to the
 * authorization server with the JWT bearer grant (RFC 7523 §2.1).
 *
 * <p>The exchange is posted directly: its response has {@code token_type "N_A"}
 * (RFC 8693 §2.2.1), which Spring Security's access-token response parsing rejects. The
 * JWT bearer grant goes through {@link TokenEndpointClient}.
 *
 * <p>Applies to servers configured with {@link GrantType#CROSS_APP_ACCESS}.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8693#section-2.1">RFC 8693 §2.1</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7523#section-2.1">RFC 7523 §2.1</a>
 */
public final class EnterpriseManagedGrantProvider implements GrantProvider {

	static final String TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";

	static final String ID_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:id_token";

	static final String ID_JAG_TYPE = "urn:ietf:params:oauth:token-type:id-jag";

	private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT = new ParameterizedTypeReference<>() {
	};

	private final WebClient webClient;

	private final TokenEndpointClient tokenClient;

	/**
	 * @param webClient the client for the token exchange at the identity provider
	 * @param tokenClient the token-response client for the JWT bearer grant
	 */
	public EnterpriseManagedGrantProvider(WebClient webClient, TokenEndpointClient tokenClient) {
		Assert.notNull(webClient, "webClient cannot be null");
		Assert.notNull(tokenClient, "tokenClient cannot be null");
		this.webClient = webClient;
		this.tokenClient = tokenClient;
	}

	@Override
	public Mono<OAuthToken> obtain(GrantContext context) {
		CrossAppAccess settings = context.server().crossApp();
		if (context.isRefresh() || context.server().grantType() != GrantType.CROSS_APP_ACCESS || settings == null) {
			return Mono.empty();
		}
		return context.registration(context.server().redirectUri()).flatMap((registration) -> {
			TokenRequest request = context.tokenRequest(registration, null);
			return exchange(settings, request).flatMap((assertion) -> this.tokenClient.jwtBearer(request, assertion));
		});
	}

	private Mono<String> exchange(CrossAppAccess settings, TokenRequest request) {
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("grant_type", TOKEN_EXCHANGE);
		form.add("requested_token_type", ID_JAG_TYPE);
		form.add("subject_token", settings.idToken());
		form.add("subject_token_type", ID_TOKEN_TYPE);
		form.add("audience", request.issuer());
		if (request.resource() != null) {
			form.add("resource", request.resource());
		}
		if (!request.scopes().isEmpty()) {
			form.add("scope", String.join(" ", request.scopes()));
		}
		WebClient.RequestBodySpec post = this.webClient.post()
			.uri(settings.idpTokenEndpoint())
			.accept(MediaType.APPLICATION_JSON)
			.contentType(MediaType.APPLICATION_FORM_URLENCODED);
		String idpClientSecret = settings.idpClientSecret();
		if (idpClientSecret != null) {
			post = post.headers((headers) -> headers.setBasicAuth(settings.idpClientId(), idpClientSecret));
		}
		else {
			form.add("client_id", settings.idpClientId());
		}
		return post.body(BodyInserters.fromFormData(form))
			.exchangeToMono((response) -> response.bodyToMono(JSON_OBJECT).defaultIfEmpty(Map.of()).flatMap((body) -> {
				if (response.statusCode().is2xxSuccessful() && body.get("access_token") instanceof String jag
						&& ID_JAG_TYPE.equals(body.get("issued_token_type"))) {
					return Mono.just(jag);
				}
				return Mono.error(new McpOAuthException(McpOAuthErrorCode.TOKEN_REQUEST_FAILED,
						"The identity provider " + settings.idpTokenEndpoint() + " did not issue an identity assertion "
								+ "(HTTP " + response.statusCode().value() + ", error '" + body.get("error") + "').",
						(body.get("error") instanceof String error) ? error : null, null));
			}));
	}

}
