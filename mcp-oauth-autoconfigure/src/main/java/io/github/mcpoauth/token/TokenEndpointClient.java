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

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

import io.github.mcpoauth.core.McpOAuthErrorCode;
import io.github.mcpoauth.core.McpOAuthException;
import io.github.mcpoauth.dpop.DPoP;
import io.github.mcpoauth.dpop.DPoPKey;
import io.github.mcpoauth.dpop.DPoPNonces;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.client.endpoint.AbstractOAuth2AuthorizationGrantRequest;
import org.springframework.security.oauth2.client.endpoint.AbstractWebClientReactiveOAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.JwtBearerGrantRequest;
import org.springframework.security.oauth2.client.endpoint.OAuth2AuthorizationCodeGrantRequest;
import org.springframework.security.oauth2.client.endpoint.OAuth2ClientCredentialsGrantRequest;
import org.springframework.security.oauth2.client.endpoint.OAuth2RefreshTokenGrantRequest;
import org.springframework.security.oauth2.client.endpoint.ReactiveOAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.WebClientReactiveAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.WebClientReactiveClientCredentialsTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.WebClientReactiveJwtBearerTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.WebClientReactiveRefreshTokenTokenResponseClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationExchange;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationResponse;
import org.springframework.security.oauth2.core.endpoint.PkceParameterNames;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.util.Assert;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Makes token requests with Spring Security's reactive token-response clients: the
 * authorization-code grant with PKCE (RFC 6749 §4.1.3, RFC 7636 §4.5), refresh
 * (RFC 6749 §6), client credentials (RFC 6749 §4.4) and the JWT bearer grant (RFC 7523 §2.1).
 * Every request carries the RFC 8707 {@code resource}; the client authenticates as its
 * registration says ({@code client_secret_basic}, {@code client_secret_post}, {@code none} or
 * {@code private_key_jwt}, RFC 7523 §2.2, with {@code aud} = the issuer).
 *
 * <p>When the request has a DPoP key ({@link TokenRequest#dpopKey()}), every token request
 * carries a fresh proof signed with it in the {@code DPoP} header (RFC 9449 §5), and the
 * answer may be a {@code DPoP} token bound to that key. An authorization server that answers
 * {@code use_dpop_nonce} gets the request once more with the nonce of its {@code DPoP-Nonce}
 * header, and the last nonce of each token endpoint goes into its next proofs (RFC 9449 §8).
 */
public final class TokenEndpointClient {

	private static final String RESOURCE = "mcp-oauth.resource";

	private static final String SIGNER = "mcp-oauth.private-key-jwt";

	private static final String DPOP_KEY = "mcp-oauth.dpop-key";

	private static final String DPOP_NONCE = "mcp-oauth.dpop-nonce";

	private ReactiveOAuth2AccessTokenResponseClient<OAuth2AuthorizationCodeGrantRequest> authorizationCodeClient;

	private ReactiveOAuth2AccessTokenResponseClient<OAuth2RefreshTokenGrantRequest> refreshTokenClient;

	private ReactiveOAuth2AccessTokenResponseClient<OAuth2ClientCredentialsGrantRequest> clientCredentialsClient;

	private ReactiveOAuth2AccessTokenResponseClient<JwtBearerGrantRequest> jwtBearerClient;

	private final Clock clock;

	/** The last DPoP nonce of each token endpoint (RFC 9449 §8). */
	private final DPoPNonces nonces = new DPoPNonces();

	/**
	 * @param webClient the client for token requests
	 * @param clock the clock for issue and expiry times
	 */
	public TokenEndpointClient(WebClient webClient, Clock clock) {
		Assert.notNull(webClient, "webClient cannot be null");
		Assert.notNull(clock, "clock cannot be null");
		this.clock = clock;
		this.authorizationCodeClient = configure(new WebClientReactiveAuthorizationCodeTokenResponseClient(), webClient,
				clock);
		this.refreshTokenClient = configure(new WebClientReactiveRefreshTokenTokenResponseClient(), webClient, clock);
		this.clientCredentialsClient = configure(new WebClientReactiveClientCredentialsTokenResponseClient(), webClient,
				clock);
		this.jwtBearerClient = configure(new WebClientReactiveJwtBearerTokenResponseClient(), webClient, clock);
	}

	/**
	 * Prepares one of Spring Security's WebClient token-response clients for MCP: it sends
	 * the RFC 8707 {@code resource}, for {@code private_key_jwt} the client assertion, and for
	 * a request with a DPoP key a proof (RFC 9449 §5); it reads {@code DPoP} tokens and the
	 * server's {@code DPoP-Nonce}. Use it on a client you configure yourself before handing
	 * it to a {@code set...} method.
	 * @param <T> the grant request type
	 * @param <C> the client type
	 * @param client the client
	 * @param webClient the WebClient to send token requests with
	 * @param clock the clock for client assertions
	 * @return the client
	 */
	public static <T extends AbstractOAuth2AuthorizationGrantRequest, C extends AbstractWebClientReactiveOAuth2AccessTokenResponseClient<T>> C configure(
			C client, WebClient webClient, Clock clock) {
		client.setWebClient(webClient);
		client.addParametersConverter(TokenEndpointClient::resourceParameter);
		client.addParametersConverter((request) -> clientAssertion(request, clock));
		// a proof's iat is judged by the server's clock: it is the real time, not the clock
		// expiry is judged with (which an application or a test may shift)
		client.addHeadersConverter((request) -> dpopProof(request, Clock.systemUTC()));
		client.setBodyExtractor(new TokenResponseBodyExtractor());
		return client;
	}

	/**
	 * @param client the token-response client for the authorization-code grant; see {@link #configure}
	 */
	public void setAuthorizationCodeTokenResponseClient(
			ReactiveOAuth2AccessTokenResponseClient<OAuth2AuthorizationCodeGrantRequest> client) {
		Assert.notNull(client, "client cannot be null");
		this.authorizationCodeClient = client;
	}

	/**
	 * @param client the token-response client for refresh requests; see {@link #configure}
	 */
	public void setRefreshTokenTokenResponseClient(
			ReactiveOAuth2AccessTokenResponseClient<OAuth2RefreshTokenGrantRequest> client) {
		Assert.notNull(client, "client cannot be null");
		this.refreshTokenClient = client;
	}

	/**
	 * @param client the token-response client for the client-credentials grant; see {@link #configure}
	 */
	public void setClientCredentialsTokenResponseClient(
			ReactiveOAuth2AccessTokenResponseClient<OAuth2ClientCredentialsGrantRequest> client) {
		Assert.notNull(client, "client cannot be null");
		this.clientCredentialsClient = client;
	}

	/**
	 * @param client the token-response client for the JWT bearer grant; see {@link #configure}
	 */
	public void setJwtBearerTokenResponseClient(ReactiveOAuth2AccessTokenResponseClient<JwtBearerGrantRequest> client) {
		Assert.notNull(client, "client cannot be null");
		this.jwtBearerClient = client;
	}

	/** RFC 7523 §2.2: for private_key_jwt, a client assertion with aud = the issuer (RFC 7523 §3). */
	private static MultiValueMap<String, String> clientAssertion(AbstractOAuth2AuthorizationGrantRequest request,
			Clock clock) {
		MultiValueMap<String, String> parameters = new LinkedMultiValueMap<>();
		ClientRegistration registration = request.getClientRegistration();
		if (!ClientAuthenticationMethod.PRIVATE_KEY_JWT.equals(registration.getClientAuthenticationMethod())) {
			return parameters;
		}
		Object signer = registration.getProviderDetails().getConfigurationMetadata().get(SIGNER);
		if (!(signer instanceof PrivateKeyJwt privateKeyJwt)) {
			throw new McpOAuthException(McpOAuthErrorCode.INVALID_CONFIGURATION, "The client "
					+ registration.getClientId() + " uses private_key_jwt but no private key is configured.");
		}
		// client_id is already added by Spring Security's default parameters for every method but
		// client_secret_basic; adding it again would repeat it (RFC 6749 §3.2: at most once)
		parameters.add("client_assertion_type", PrivateKeyJwt.ASSERTION_TYPE);
		parameters.add("client_assertion",
				privateKeyJwt.assertion(registration.getClientId(),
						Objects.requireNonNull(registration.getProviderDetails().getIssuerUri()), clock));
		return parameters;
	}

	/**
	 * RFC 9449 §5: a proof for {@code POST} to the token endpoint, with the endpoint's last
	 * nonce; no {@code ath}, as no access token is presented.
	 */
	private static HttpHeaders dpopProof(AbstractOAuth2AuthorizationGrantRequest request, Clock clock) {
		HttpHeaders headers = new HttpHeaders();
		ClientRegistration registration = request.getClientRegistration();
		Map<String, Object> metadata = registration.getProviderDetails().getConfigurationMetadata();
		if (metadata.get(DPOP_KEY) instanceof DPoPKey key) {
			String nonce = (metadata.get(DPOP_NONCE) instanceof String value) ? value : null;
			headers.set(DPoP.HEADER, key.proof(HttpMethod.POST.name(),
					java.net.URI.create(registration.getProviderDetails().getTokenUri()), null, nonce, clock.instant()));
		}
		return headers;
	}

	private static MultiValueMap<String, String> resourceParameter(AbstractOAuth2AuthorizationGrantRequest request) {
		MultiValueMap<String, String> parameters = new LinkedMultiValueMap<>();
		Object resource = request.getClientRegistration().getProviderDetails().getConfigurationMetadata().get(RESOURCE);
		if (resource instanceof String value) {
			parameters.add("resource", value);
		}
		return parameters;
	}

	/**
	 * Exchanges an authorization code (RFC 6749 §4.1.3) with its PKCE verifier (RFC 7636 §4.5).
	 * @param request where and as whom
	 * @param code the authorization code
	 * @param codeVerifier the PKCE verifier
	 * @param authorizationUri the authorization endpoint the code came from
	 * @return the token
	 */
	public Mono<OAuthToken> authorizationCode(TokenRequest request, String code, String codeVerifier,
			java.net.URI authorizationUri) {
		Assert.notNull(request.redirectUri(), "redirectUri cannot be null for the authorization-code grant");
		OAuth2AuthorizationRequest authorizationRequest = OAuth2AuthorizationRequest.authorizationCode()
			.authorizationUri(authorizationUri.toString())
			.clientId(request.registration().clientId())
			.redirectUri(request.redirectUri().toString())
			.scopes(request.scopes())
			.state("-")
			.attributes((attributes) -> attributes.put(PkceParameterNames.CODE_VERIFIER, codeVerifier))
			.build();
		OAuth2AuthorizationResponse authorizationResponse = OAuth2AuthorizationResponse.success(code)
			.redirectUri(request.redirectUri().toString())
			.state("-")
			.build();
		OAuth2AuthorizationExchange authorizationExchange = new OAuth2AuthorizationExchange(authorizationRequest,
				authorizationResponse);
		return exchange(request, () -> this.authorizationCodeClient.getTokenResponse(new OAuth2AuthorizationCodeGrantRequest(
				clientRegistration(request, AuthorizationGrantType.AUTHORIZATION_CODE, authorizationUri.toString()),
				authorizationExchange)), null);
	}

	/**
	 * Refreshes a token (RFC 6749 §6), keeping the old refresh token when the server issues
	 * no new one.
	 * @param request where and as whom
	 * @param token the token to refresh; it must hold a refresh token
	 * @return the new token
	 */
	public Mono<OAuthToken> refresh(TokenRequest request, OAuthToken token) {
		Assert.isTrue(token.hasRefreshToken(), "token has no refresh token");
		OAuth2AccessToken accessToken = new OAuth2AccessToken(
				token.isDPoP() ? OAuth2AccessToken.TokenType.DPOP : OAuth2AccessToken.TokenType.BEARER,
				token.accessToken(), token.issuedAt(),
				(token.expiresAt() != null && token.expiresAt().isAfter(token.issuedAt())) ? token.expiresAt()
						: token.issuedAt().plusSeconds(1),
				token.scopes());
		OAuth2RefreshToken refreshToken = new OAuth2RefreshToken(Objects.requireNonNull(token.refreshToken()), token.issuedAt());
		return exchange(request, () -> this.refreshTokenClient.getTokenResponse(new OAuth2RefreshTokenGrantRequest(
				clientRegistration(request, AuthorizationGrantType.REFRESH_TOKEN, null), accessToken, refreshToken)),
				token);
	}

	/**
	 * Requests a token for the client itself (RFC 6749 §4.4).
	 * @param request where and as whom
	 * @return the token
	 */
	public Mono<OAuthToken> clientCredentials(TokenRequest request) {
		return exchange(request, () -> this.clientCredentialsClient.getTokenResponse(new OAuth2ClientCredentialsGrantRequest(
				clientRegistration(request, AuthorizationGrantType.CLIENT_CREDENTIALS, null))), null);
	}

	/**
	 * Presents a JWT as an authorization grant (RFC 7523 §2.1), for example an identity
	 * assertion obtained by token exchange.
	 * @param request where and as whom
	 * @param assertion the JWT
	 * @return the token
	 */
	public Mono<OAuthToken> jwtBearer(TokenRequest request, String assertion) {
		Jwt jwt;
		try {
			com.nimbusds.jwt.JWT parsed = com.nimbusds.jwt.JWTParser.parse(assertion);
			Map<String, Object> claimValues = new HashMap<>(parsed.getJWTClaimsSet().toJSONObject());
			for (String time : List.of("iat", "exp", "nbf")) {
				if (claimValues.get(time) instanceof Number seconds) {
					claimValues.put(time, Instant.ofEpochSecond(seconds.longValue()));
				}
			}
			jwt = Jwt.withTokenValue(assertion)
				.headers((headers) -> headers.putAll(parsed.getHeader().toJSONObject()))
				.claims((claims) -> claims.putAll(claimValues))
				.build();
		}
		catch (java.text.ParseException | IllegalArgumentException ex) {
			return Mono.error(new McpOAuthException(McpOAuthErrorCode.TOKEN_REQUEST_FAILED,
					"The assertion for the JWT bearer grant is not a JWT (RFC 7523 §2.1): " + ex.getMessage(), ex));
		}
		return exchange(request, () -> this.jwtBearerClient.getTokenResponse(
				new JwtBearerGrantRequest(clientRegistration(request, AuthorizationGrantType.JWT_BEARER, null), jwt)), null);
	}

	private ClientRegistration clientRegistration(TokenRequest request, AuthorizationGrantType grantType,
			@Nullable String authorizationUri) {
		Map<String, Object> metadata = new HashMap<>();
		if (request.resource() != null) {
			metadata.put(RESOURCE, request.resource());
		}
		if (request.signer() != null) {
			metadata.put(SIGNER, request.signer());
		}
		if (request.dpopKey() != null) {
			metadata.put(DPOP_KEY, request.dpopKey());
			String nonce = this.nonces.get(request.tokenEndpoint().toString());
			if (nonce != null) {
				metadata.put(DPOP_NONCE, nonce);
			}
		}
		ClientRegistration.Builder builder = ClientRegistration.withRegistrationId(request.registration().clientId())
			.clientId(request.registration().clientId())
			.clientSecret(request.registration().clientSecret())
			.clientAuthenticationMethod(new ClientAuthenticationMethod(request.registration().tokenEndpointAuthMethod()))
			.authorizationGrantType(grantType)
			.tokenUri(request.tokenEndpoint().toString())
			.issuerUri(request.issuer())
			.providerConfigurationMetadata(metadata)
			.scope(request.scopes());
		if (authorizationUri != null) {
			builder.authorizationUri(authorizationUri);
		}
		if (request.redirectUri() != null) {
			builder.redirectUri(request.redirectUri().toString());
		}
		return builder.build();
	}

	/**
	 * Sends a token request; when it carried a DPoP proof and the server answers
	 * {@code use_dpop_nonce} with a nonce, sends it once more with a proof that carries the
	 * nonce (RFC 9449 §8). The request is built anew for each attempt,
	 * so that its proof is fresh.
	 */
	private Mono<OAuthToken> exchange(TokenRequest request, Supplier<Mono<OAuth2AccessTokenResponse>> send,
			@Nullable OAuthToken previous) {
		Mono<OAuth2AccessTokenResponse> response = Mono.defer(send);
		if (request.dpopKey() != null) {
			String endpoint = request.tokenEndpoint().toString();
			response = response.onErrorResume(TokenResponseBodyExtractor.NonceRequired.class, (ex) -> {
				this.nonces.remember(endpoint, ex.nonce());
				return Mono.defer(send); // once: a second use_dpop_nonce is the answer
			})
				.doOnNext((tokenResponse) -> this.nonces.remember(endpoint, (String) tokenResponse
					.getAdditionalParameters()
					.get(TokenResponseBodyExtractor.DPOP_NONCE_PARAMETER)));
		}
		return response.map((tokenResponse) -> toToken(request, tokenResponse, previous))
			.onErrorMap(OAuth2AuthorizationException.class, (ex) -> tokenError(request, ex, previous != null));
	}

	private OAuthToken toToken(TokenRequest request, OAuth2AccessTokenResponse response, @Nullable OAuthToken previous) {
		OAuth2AccessToken accessToken = response.getAccessToken();
		// Spring stamps the response with the system time: keep only the lifetime (expires_in)
		// and anchor it on the injected clock, as OAuthToken.isExpired reads that clock.
		Instant issuedAt = this.clock.instant();
		Instant expiresAt = null;
		if (accessToken.getIssuedAt() != null && accessToken.getExpiresAt() != null) {
			Duration lifetime = Duration.between(accessToken.getIssuedAt(), accessToken.getExpiresAt());
			// Spring substitutes a 1 s lifetime when expires_in is absent (RFC 6749 §5.1 makes it
			// optional): treat that as "unknown" rather than as a token that is about to expire.
			if (lifetime.compareTo(Duration.ofSeconds(1)) > 0) {
				expiresAt = issuedAt.plus(lifetime);
			}
		}
		Set<String> scopes = new LinkedHashSet<>(accessToken.getScopes());
		if (scopes.isEmpty()) {
			scopes.addAll((previous != null) ? previous.scopes() : request.scopes());
		}
		String refreshToken = (response.getRefreshToken() != null) ? response.getRefreshToken().getTokenValue()
				: (previous != null) ? previous.refreshToken() : null;
		String tokenType = accessToken.getTokenType().getValue();
		if (DPoP.isDPoP(tokenType) && request.dpopKey() == null) {
			throw new McpOAuthException(McpOAuthErrorCode.INVALID_RESPONSE, "The token endpoint "
					+ request.tokenEndpoint() + " issued a DPoP token to a request without a DPoP proof (RFC 9449 §5).");
		}
		return OAuthToken.builder()
			.accessToken(accessToken.getTokenValue())
			.tokenType(tokenType)
			.refreshToken(refreshToken)
			.issuedAt(issuedAt)
			.expiresAt(expiresAt)
			.issuer(request.issuer())
			.resource((request.resource() != null) ? request.resource() : "")
			.scopes(scopes)
			.dpopKey(request.dpopKey())
			.build();
	}

	private static McpOAuthException tokenError(TokenRequest request, OAuth2AuthorizationException ex,
			boolean refresh) {
		String error = ex.getError().getErrorCode();
		String description = (ex.getError().getDescription() != null) ? ex.getError().getDescription()
				: "no description";
		McpOAuthErrorCode code = switch (error) {
			case "invalid_client", "unauthorized_client" -> McpOAuthErrorCode.INVALID_CLIENT;
			case "invalid_grant" -> refresh ? McpOAuthErrorCode.REFRESH_FAILED : McpOAuthErrorCode.TOKEN_REQUEST_FAILED;
			default -> McpOAuthErrorCode.TOKEN_REQUEST_FAILED;
		};
		return new McpOAuthException(code, "The token endpoint " + request.tokenEndpoint() + " answered '" + error
				+ "': " + description + ".", error, ex);
	}

}
