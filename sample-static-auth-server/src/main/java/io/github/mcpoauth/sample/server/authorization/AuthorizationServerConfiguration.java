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

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.jspecify.annotations.Nullable;

import io.github.mcpoauth.sample.server.McpScopes;
import io.github.mcpoauth.sample.server.RoleProperties;
import io.github.mcpoauth.sample.server.StaticServerProperties;
import io.github.mcpoauth.sample.server.fleet.FleetConditions;
import io.github.mcpoauth.sample.server.registration.PublicClientRegistrations;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.InMemoryOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationServerMetadata;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationValidator;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

/**
 * The authorization server: its protocol endpoints ({@code /authorize}, {@code /token},
 * {@code /introspect}, {@code /revoke}, {@code /register}, RFC 8414 metadata), the form
 * login and the statically registered client. Spring Boot configures the rest from
 * properties ({@code sample-static-auth-server.yml}): the endpoint paths, the demo user
 * ({@code spring.security.user.*}), and the RSA signing key it generates at start-up with
 * the {@code JwtDecoder} of that key.
 * <p>
 * The MCP endpoint has its own filter chain in the {@code resource} package, ordered
 * between the two chains declared here.
 * <p>
 * Relaxed for local development, and to be changed before anyone else can reach the
 * server: plain HTTP (no TLS), published default client secret and demo password, no
 * consent screen, an in-memory user, client, authorization and key store (everything is
 * forgotten on restart) and a signing key generated at start-up.
 */
@Configuration(proxyBeanMethods = false)
public class AuthorizationServerConfiguration {

	/**
	 * The path of the RFC 7591 registration endpoint, open or refused.
	 */
	public static final String REGISTRATION_PATH = "/register";

	/**
	 * The protocol endpoints of the authorization server. An unauthenticated browser at
	 * {@code /authorize} is sent to the login page. Authorization responses carry
	 * {@code iss} (RFC 9207). A token request with a {@code DPoP} proof gets a DPoP-bound
	 * token ({@code token_type} {@code DPoP}, {@code cnf.jkt} in the JWT): Spring
	 * Authorization Server verifies the proof and binds the token on its own (RFC 9449 §5),
	 * and advertises {@code dpop_signing_alg_values_supported}.
	 * @param http the security builder
	 * @param properties the server properties
	 * @return the filter chain
	 * @throws Exception if the chain cannot be built
	 * @see <a href="https://www.rfc-editor.org/rfc/rfc8414#section-3">RFC 8414 §3</a>
	 * @see <a href="https://www.rfc-editor.org/rfc/rfc9207#section-3">RFC 9207 §3</a>
	 * @see <a href="https://www.rfc-editor.org/rfc/rfc9449#section-5">RFC 9449 §5</a>
	 */
	@Bean
	@Order(1)
	SecurityFilterChain authorizationServerSecurityFilterChain(HttpSecurity http, StaticServerProperties properties,
			AuthorizationServerSettings settings, ObjectProvider<RoleProperties> roles,
			PublicClientRegistrations registrations) throws Exception {
		IssuerAuthorizationResponseHandler responses = new IssuerAuthorizationResponseHandler();
		// @formatter:off
		http
			.oauth2AuthorizationServer((authorizationServer) -> {
				http.securityMatcher(authorizationServer.getEndpointsMatcher());
				authorizationServer.authorizationServerSettings(settings(settings, properties.publicUrl(), roles));
				if (properties.dynamicRegistration()) {
					// RFC 7591 open registration (no initial access token), within the limits of RegistrationRequestFilter
					authorizationServer.clientRegistrationEndpoint(registrations::configure);
				}
				authorizationServer
					.authorizationEndpoint((authorizationEndpoint) -> authorizationEndpoint
						.authenticationProviders(validateResourceIndicators())
						// RFC 9207: iss on every redirect to the client, errors included
						.authorizationResponseHandler(responses)
						.errorResponseHandler(responses))
					.authorizationServerMetadataEndpoint((metadataEndpoint) -> metadataEndpoint
						.authorizationServerMetadataCustomizer(metadata(properties.dynamicRegistration())));
			})
			.authorizeHttpRequests((authorize) -> authorize
				.requestMatchers(HttpMethod.POST, REGISTRATION_PATH).permitAll()
				.anyRequest().authenticated()
			)
			.exceptionHandling((exceptions) -> exceptions
				.defaultAuthenticationEntryPointFor(
					new LoginUrlAuthenticationEntryPoint("/login"),
					new MediaTypeRequestMatcher(MediaType.TEXT_HTML)
				)
			);
		// @formatter:on
		return http.build();
	}

	/**
	 * Everything else: the form login, the protected-resource metadata (and any other
	 * {@code /.well-known/} probe), and {@code /error} (which
	 * must stay reachable: otherwise an authorization error, such as an unregistered
	 * redirect URI, bounces through the login page).
	 * @param http the security builder
	 * @return the filter chain
	 * @throws Exception if the chain cannot be built
	 */
	@Bean
	@Order(3)
	SecurityFilterChain defaultSecurityFilterChain(HttpSecurity http) throws Exception {
		// @formatter:off
		http
			.authorizeHttpRequests((authorize) -> authorize
				// other well-known documents (such as openid-configuration) answer 404, not a login redirect
				.requestMatchers("/.well-known/**", "/error").permitAll()
				.anyRequest().authenticated()
			)
			.formLogin(Customizer.withDefaults());
		// @formatter:on
		return http.build();
	}

	/**
	 * The clients: the static client, plus those registered at run time when dynamic
	 * registration is open, plus those described by a Client ID Metadata Document (a
	 * {@code client_id} that is an {@code https} URL).
	 * @param properties the server properties
	 * @return the repository
	 */
	@Bean
	@Conditional(FleetConditions.NoDatabase.class) // else FleetConfiguration's JDBC repository
	RegisteredClientRepository registeredClientRepository(StaticServerProperties properties) {
		return new ClientIdMetadataDocuments(
				new InMemoryRegisteredClientRepository(RegisteredClients.staticClient(properties)),
				properties.accessTokenTtl());
	}

	/**
	 * The record of the authorizations and the tokens issued. A bean rather than the
	 * authorization server's private default, so that the MCP endpoint can refuse tokens
	 * revoked at {@code /revoke}.
	 * @return an in-memory service
	 * @see <a href="https://www.rfc-editor.org/rfc/rfc7009#section-2">RFC 7009 §2</a>
	 */
	@Bean
	@Conditional(FleetConditions.NoDatabase.class) // else FleetConfiguration's JDBC service
	OAuth2AuthorizationService authorizationService() {
		return new InMemoryOAuth2AuthorizationService();
	}

	/**
	 * Signs the access tokens; tests can use it to mint tokens.
	 * @param jwkSource the key source
	 * @return the encoder
	 */
	@Bean
	JwtEncoder jwtEncoder(JWKSource<SecurityContext> jwkSource) {
		return new NimbusJwtEncoder(jwkSource);
	}

	/**
	 * Sets the audience of access tokens from the RFC 8707 {@code resource} parameter.
	 * @return the customizer
	 */
	@Bean
	OAuth2TokenCustomizer<JwtEncodingContext> resourceIndicatorTokenCustomizer() {
		return new ResourceIndicatorTokenCustomizer();
	}

	/**
	 * Spring Boot's settings ({@code spring.security.oauth2.authorizationserver.*}: the
	 * endpoint paths {@code /authorize}, {@code /token}, {@code /introspect} (RFC 7662),
	 * {@code /revoke} (RFC 7009) and {@code /jwks}), with the registration endpoint at
	 * {@code /register}, for which Spring Boot has no property, the issuer fixed by
	 * {@code public-url} (derived from each request otherwise) and, in the
	 * {@code authorization-server} role, the {@link AcceptedResources} of {@code --resource}.
	 */
	private static AuthorizationServerSettings settings(AuthorizationServerSettings settings,
			@Nullable String publicUrl, ObjectProvider<RoleProperties> roles) {
		AuthorizationServerSettings.Builder builder = AuthorizationServerSettings.withSettings(settings.getSettings())
			.clientRegistrationEndpoint(REGISTRATION_PATH);
		if (publicUrl != null) {
			builder.issuer(publicUrl);
		}
		roles.ifAvailable((role) -> builder.setting(AcceptedResources.SETTING, new AcceptedResources(role.resources())));
		return builder.build();
	}

	private static Consumer<List<AuthenticationProvider>> validateResourceIndicators() {
		return (providers) -> providers.forEach((provider) -> {
			if (provider instanceof OAuth2AuthorizationCodeRequestAuthenticationProvider authorizationCodeRequest) {
				authorizationCodeRequest.setAuthenticationValidator(new OAuth2AuthorizationCodeRequestAuthenticationValidator()
					.andThen(new ResourceIndicatorAuthorizationRequestValidator()));
			}
		});
	}

	private static Consumer<OAuth2AuthorizationServerMetadata.Builder> metadata(boolean dynamicRegistration) {
		List<String> grantTypes = List.of(AuthorizationGrantType.AUTHORIZATION_CODE.getValue(),
				AuthorizationGrantType.REFRESH_TOKEN.getValue(), AuthorizationGrantType.CLIENT_CREDENTIALS.getValue());
		List<String> tokenEndpointAuthMethods = new ArrayList<>(List.of(
				ClientAuthenticationMethod.CLIENT_SECRET_BASIC.getValue(),
				ClientAuthenticationMethod.CLIENT_SECRET_POST.getValue()));
		if (dynamicRegistration) {
			tokenEndpointAuthMethods.add(ClientAuthenticationMethod.NONE.getValue());
		}
		return (metadata) -> {
			// advertise what the registered clients can actually use; never offline_access
			metadata.scopes((scopes) -> scopes.addAll(McpScopes.ALL));
			metadata.claim(IssuerAuthorizationResponseHandler.ISS_PARAMETER_SUPPORTED, true);
			metadata.claim(ClientIdMetadataDocuments.SUPPORTED, true);
			metadata.grantTypes((supported) -> supported.retainAll(grantTypes));
			metadata.tokenEndpointAuthenticationMethods((methods) -> {
				methods.clear();
				methods.addAll(tokenEndpointAuthMethods);
			});
		};
	}

}
