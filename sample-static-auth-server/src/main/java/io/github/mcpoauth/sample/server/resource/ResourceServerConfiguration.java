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

import jakarta.servlet.http.HttpServletRequest;

import io.github.mcpoauth.sample.server.McpScopes;
import io.github.mcpoauth.sample.server.ServerBaseUrl;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationManagerResolver;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationEntryPointFailureHandler;

/**
 * The MCP endpoint as an OAuth 2.0 resource server: an access token issued by this server
 * for its {@code /mcp} URL, with scope {@code mcp:tools}, and not revoked, sent either as a
 * bearer token or, when it is DPoP-bound, with the {@code DPoP} scheme and a proof of
 * possession of its key (RFC 9449 §7).
 */
@Configuration(proxyBeanMethods = false)
public class ResourceServerConfiguration {

	/**
	 * The filter chain of {@code /mcp}, ordered between the authorization-server chain
	 * and the default (form login) chain.
	 * @param http the security builder
	 * @param jwtDecoder verifies signature and validity period of tokens
	 * @param serverBaseUrl resolves the expected issuer and audience
	 * @param authorizationService tells whether a token is still active (not revoked)
	 * @return the filter chain
	 * @throws Exception if the chain cannot be built
	 * @see <a href="https://www.rfc-editor.org/rfc/rfc6750#section-3">RFC 6750 §3</a>
	 * @see <a href="https://www.rfc-editor.org/rfc/rfc9449#section-7">RFC 9449 §7</a>
	 */
	@Bean
	@Order(2)
	SecurityFilterChain mcpSecurityFilterChain(HttpSecurity http, JwtDecoder jwtDecoder, ServerBaseUrl serverBaseUrl,
			OAuth2AuthorizationService authorizationService) throws Exception {
		return mcpEndpointChain(http, new McpAuthenticationManagerResolver(jwtDecoder, serverBaseUrl, authorizationService),
				serverBaseUrl);
	}

	/**
	 * Builds the filter chain of {@code /mcp} for a token resolver: tokens with scope
	 * {@code mcp:tools}, as bearer tokens or DPoP-bound with a proof (RFC 9449 §7), the
	 * RFC 6750 §3 / RFC 9728 §5.1 challenge on refusal, no session and no CSRF. The combined
	 * sample and the {@code resource-server} role use it with their own resolvers.
	 * @param http the security builder
	 * @param resolver authenticates the tokens of a request
	 * @param serverBaseUrl resolves the metadata URL of the challenge
	 * @return the filter chain
	 * @throws Exception if the chain cannot be built
	 */
	public static SecurityFilterChain mcpEndpointChain(HttpSecurity http,
			AuthenticationManagerResolver<HttpServletRequest> resolver, ServerBaseUrl serverBaseUrl) throws Exception {
		McpBearerTokenChallenge challenge = new McpBearerTokenChallenge(serverBaseUrl);
		// @formatter:off
		http
			.securityMatcher(ServerBaseUrl.MCP_PATH, ServerBaseUrl.MCP_PATH + "/**")
			.authorizeHttpRequests((authorize) -> authorize
				.anyRequest().hasAuthority("SCOPE_" + McpScopes.TOOLS)
			)
			.oauth2ResourceServer((resourceServer) -> resourceServer
				.authenticationManagerResolver(resolver)
				.authenticationEntryPoint(challenge)
				.accessDeniedHandler(challenge)
				// Authorization: DPoP with a proof: Spring Security checks the proof (signature,
				// htm, htu, iat, a jti not seen before, ath) and that the token's cnf.jkt is the
				// proof key's thumbprint; a DPoP-bound token sent as Bearer is refused
				.dPoP((dPoP) -> dPoP.authenticationFailureHandler(new AuthenticationEntryPointFailureHandler(challenge)))
			)
			.exceptionHandling((exceptions) -> exceptions
				.authenticationEntryPoint(challenge)
				.accessDeniedHandler(challenge)
			)
			.sessionManagement((sessions) -> sessions
				.sessionCreationPolicy(SessionCreationPolicy.STATELESS)
			)
			// bearer tokens in a header, no cookies: nothing for CSRF to protect
			.csrf(AbstractHttpConfigurer::disable);
		// @formatter:on
		return http.build();
	}

}
