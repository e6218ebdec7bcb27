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

package io.github.mcpoauth.registration;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.github.mcpoauth.core.McpOAuthErrorCode;
import io.github.mcpoauth.core.McpOAuthException;
import io.github.mcpoauth.core.McpServerDefinition;
import io.github.mcpoauth.discovery.AuthorizationServerMetadata;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.util.Assert;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Obtains the client identity to use with an authorization server, in the priority order
 * of the MCP authorization specification:
 * <ol>
 * <li>pre-registered credentials from the configuration, authenticating with the best
 * method the server supports ({@code client_secret_basic}, then {@code client_secret_post},
 * then {@code none});</li>
 * <li>a Client ID Metadata Document URL as {@code client_id}, when the server advertises
 * {@code client_id_metadata_document_supported};</li>
 * <li>a registration stored earlier for this issuer, then RFC 7591 dynamic registration,
 * whose result is stored;</li>
 * <li>otherwise a {@link McpOAuthErrorCode#REGISTRATION_UNAVAILABLE} error naming the
 * properties to set.</li>
 * </ol>
 * Registrations are keyed by issuer and never used with another authorization server
 * (MCP authorization 2026-07-28, SEP-2352). Pre-registered credentials belong to one issuer:
 * the one configured ({@link McpServerDefinition#issuer()}), else the first they are used
 * with, which is recorded in the store (without the secret). When the server's
 * protected-resource metadata later names another authorization server, the credentials
 * are not sent there: the client uses a Client ID Metadata Document or registers anew, or
 * fails with {@link McpOAuthErrorCode#CREDENTIALS_BOUND_TO_OTHER_ISSUER}.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7591#section-3">RFC 7591 §3</a>
 */
public final class ClientRegistrar {

	private static final Logger logger = LoggerFactory.getLogger(ClientRegistrar.class);

	private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT = new ParameterizedTypeReference<>() {
	};

	private static final List<String> SECRET_METHODS = List.of("client_secret_basic", "client_secret_post");

	private final WebClient webClient;

	private final ClientRegistrationStore store;

	private final Clock clock;

	/**
	 * @param webClient the client for registration requests
	 * @param store where registrations (and the issuer binding of pre-registered credentials) are kept
	 * @param clock the clock that judges secret expiry
	 */
	public ClientRegistrar(WebClient webClient, ClientRegistrationStore store, Clock clock) {
		Assert.notNull(webClient, "webClient cannot be null");
		Assert.notNull(store, "store cannot be null");
		Assert.notNull(clock, "clock cannot be null");
		this.webClient = webClient;
		this.store = store;
		this.clock = clock;
	}

	/**
	 * Finds or creates the registration for a server's authorization server.
	 * @param server the server definition
	 * @param metadata the authorization server's metadata
	 * @param redirectUri the redirect URI the client will use
	 * @return the registration
	 */
	public Mono<OAuthClientRegistration> registration(McpServerDefinition server, AuthorizationServerMetadata metadata,
			URI redirectUri) {
		if (server.clientId() == null) {
			return registered(server, metadata, redirectUri);
		}
		return boundIssuer(server, metadata).flatMap((issuer) -> {
			if (issuer.equals(metadata.issuer())) {
				return Mono.fromCallable(() -> preRegistered(server, metadata, redirectUri));
			}
			if (canRegister(server, metadata)) {
				logger.info("The pre-registered client of server '{}' belongs to {}; at {} the client registers anew",
						server.name(), issuer, metadata.issuer());
				return registered(server, metadata, redirectUri);
			}
			return Mono.error(new McpOAuthException(McpOAuthErrorCode.CREDENTIALS_BOUND_TO_OTHER_ISSUER,
					"The pre-registered client '" + server.clientId() + "' of server '" + server.name()
							+ "' belongs to the authorization server " + issuer + ", but the server now names "
							+ metadata.issuer() + ", which offers no registration; the credentials are not sent there. "
							+ "Configure credentials issued by " + metadata.issuer() + " (and set 'mcp.oauth.servers."
							+ server.name() + ".issuer' to it), or forget the old binding with 'mcp-oauth clear "
							+ server.name() + "'."));
		});
	}

	/**
	 * The issuer pre-registered credentials belong to: the configured one, else the one
	 * recorded on first use, else (first use) the current one, recorded now.
	 */
	private Mono<String> boundIssuer(McpServerDefinition server, AuthorizationServerMetadata metadata) {
		if (server.issuer() != null) {
			return Mono.just(server.issuer());
		}
		return this.store.registrationIssuers(server.name())
			.concatMap((issuer) -> this.store.loadRegistration(server.name(), issuer))
			.filter((stored) -> stored.source() == OAuthClientRegistration.Source.PRE_REGISTERED
					&& stored.clientId().equals(server.clientId()))
			.next()
			.map(OAuthClientRegistration::issuer)
			.switchIfEmpty(Mono.defer(() -> this.store
				.saveRegistration(server.name(), new OAuthClientRegistration(metadata.issuer(), Objects.requireNonNull(server.clientId()), null,
						"none", List.of(), null, OAuthClientRegistration.Source.PRE_REGISTERED))
				.thenReturn(metadata.issuer())));
	}

	private static boolean canRegister(McpServerDefinition server, AuthorizationServerMetadata metadata) {
		return (server.clientMetadataUrl() != null && metadata.clientIdMetadataDocumentSupported())
				|| metadata.registrationEndpoint() != null;
	}

	/**
	 * A Client ID Metadata Document, else a registration stored for this issuer (a dynamic
	 * one, or credentials the CLI remembered for it), else a new dynamic registration.
	 */
	private Mono<OAuthClientRegistration> registered(McpServerDefinition server, AuthorizationServerMetadata metadata,
			URI redirectUri) {
		if (server.clientMetadataUrl() != null && metadata.clientIdMetadataDocumentSupported()) {
			return Mono.just(new OAuthClientRegistration(metadata.issuer(), server.clientMetadataUrl(), null, "none",
					List.of(redirectUri.toString()), null, OAuthClientRegistration.Source.CLIENT_ID_METADATA_DOCUMENT));
		}
		return this.store.loadRegistration(server.name(), metadata.issuer())
			.filter((stored) -> !stored.isSecretExpired(this.clock))
			.switchIfEmpty(Mono.defer(() -> register(server, metadata, redirectUri)));
	}

	/**
	 * Remembers a server's pre-registered client, secret included, as its registration with
	 * the authorization server: later, a definition of the server without a client id (a
	 * command line that keeps no secret in its own files) uses it through the stored
	 * registration of that issuer. The authentication method is the definition's, else the
	 * best the server supports ({@code client_secret_basic}, then {@code client_secret_post}).
	 * @param server the server definition, with its {@link McpServerDefinition#clientId()}
	 * @param metadata the metadata of the authorization server the client belongs to
	 * @return the registration stored, and the one it replaced (if any)
	 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-2.3.1">RFC 6749 §2.3.1</a>
	 */
	public Mono<RememberedClient> remember(McpServerDefinition server, AuthorizationServerMetadata metadata) {
		Assert.notNull(server.clientId(), () -> "Server '" + server.name() + "' has no client id to remember");
		return Mono.fromCallable(() -> preRegistered(server, metadata, server.redirectUri()))
			.flatMap((registration) -> this.store.loadRegistration(server.name(), metadata.issuer())
				.map((previous) -> new RememberedClient(registration, previous))
				.defaultIfEmpty(new RememberedClient(registration, null)))
			.flatMap((remembered) -> this.store.saveRegistration(server.name(), remembered.registration())
				.thenReturn(remembered));
	}

	/**
	 * A client remembered by {@link #remember(McpServerDefinition, AuthorizationServerMetadata)}.
	 *
	 * @param registration the registration stored
	 * @param previous the registration it replaced, to put back if the caller gives up
	 */
	public record RememberedClient(OAuthClientRegistration registration, @Nullable OAuthClientRegistration previous) {

	}

	/**
	 * Forgets a stored registration, for example after the server answered {@code invalid_client}.
	 * @param server the server definition
	 * @param issuer the issuer
	 * @return whether a registration was removed
	 */
	public Mono<Boolean> forget(McpServerDefinition server, String issuer) {
		return this.store.deleteRegistration(server.name(), issuer);
	}

	/**
	 * Forgets every registration stored for a server, at every issuer (dynamic registrations
	 * and the issuer binding of pre-registered credentials).
	 * @param server the server definition
	 * @return whether anything was removed
	 */
	public Mono<Boolean> forgetAll(McpServerDefinition server) {
		return this.store.registrationIssuers(server.name())
			.concatMap((issuer) -> this.store.deleteRegistration(server.name(), issuer))
			.reduce(false, Boolean::logicalOr);
	}

	private OAuthClientRegistration preRegistered(McpServerDefinition server, AuthorizationServerMetadata metadata,
			URI redirectUri) {
		String method = server.clientAuthenticationMethod();
		if (method == null) {
			if (server.clientPrivateKey() != null) {
				method = "private_key_jwt";
			}
			else if (server.clientSecret() == null) {
				method = "none";
			}
			else {
				method = SECRET_METHODS.stream().filter(metadata::supportsAuthMethod).findFirst()
					.orElse("client_secret_basic");
			}
		}
		if (method.startsWith("client_secret") && server.clientSecret() == null) {
			throw new McpOAuthException(McpOAuthErrorCode.INVALID_CONFIGURATION, "Server '" + server.name()
					+ "' uses " + method + " but has no client secret: set 'mcp.oauth.servers." + server.name()
					+ ".client-secret'.");
		}
		return new OAuthClientRegistration(metadata.issuer(), Objects.requireNonNull(server.clientId()), server.clientSecret(), method,
				List.of(redirectUri.toString()), null, OAuthClientRegistration.Source.PRE_REGISTERED);
	}

	private Mono<OAuthClientRegistration> register(McpServerDefinition server, AuthorizationServerMetadata metadata,
			URI redirectUri) {
		URI endpoint = metadata.registrationEndpoint();
		if (endpoint == null) {
			return Mono.error(new McpOAuthException(McpOAuthErrorCode.REGISTRATION_UNAVAILABLE, "The authorization "
					+ "server " + metadata.issuer() + " offers neither dynamic registration nor Client ID Metadata "
					+ "Documents, and no client is configured for server '" + server.name() + "': set 'mcp.oauth.servers."
					+ server.name() + ".client-id' (and 'client-secret')."));
		}
		String requestedMethod = List.of("client_secret_basic", "client_secret_post", "none").stream()
			.filter((m) -> metadata.tokenEndpointAuthMethodsSupported().contains(m))
			.findFirst()
			.orElse(metadata.tokenEndpointAuthMethodsSupported().isEmpty() ? "client_secret_basic" : "none");
		Map<String, Object> request = new LinkedHashMap<>();
		request.put("client_name", server.clientName());
		request.put("redirect_uris", List.of(redirectUri.toString()));
		request.put("grant_types", List.of("authorization_code", "refresh_token"));
		request.put("response_types", List.of("code"));
		request.put("token_endpoint_auth_method", requestedMethod);
		request.put("application_type", "native");
		logger.debug("Registering a client for server '{}' at {}", server.name(), endpoint);
		return this.webClient.post()
			.uri(endpoint)
			.contentType(MediaType.APPLICATION_JSON)
			.accept(MediaType.APPLICATION_JSON)
			.bodyValue(request)
			.exchangeToMono((response) -> {
				if (response.statusCode().is2xxSuccessful()) {
					return response.bodyToMono(JSON_OBJECT);
				}
				return response.bodyToMono(JSON_OBJECT)
					.onErrorResume((ex) -> Mono.empty())
					.defaultIfEmpty(Map.of())
					.flatMap((body) -> Mono.error(new McpOAuthException(McpOAuthErrorCode.REGISTRATION_REFUSED,
							"The registration endpoint " + endpoint + " answered HTTP " + response.statusCode().value()
									+ describe(body) + ".",
							(body.get("error") instanceof String error) ? error : null, null)));
			})
			.map((body) -> fromResponse(body, metadata, redirectUri, requestedMethod, endpoint))
			.flatMap((registration) -> this.store.saveRegistration(server.name(), registration).thenReturn(registration));
	}

	private OAuthClientRegistration fromResponse(Map<String, Object> body, AuthorizationServerMetadata metadata,
			URI redirectUri, String requestedMethod, URI endpoint) {
		if (!(body.get("client_id") instanceof String clientId) || clientId.isEmpty()) {
			throw new McpOAuthException(McpOAuthErrorCode.REGISTRATION_REFUSED,
					"The registration response from " + endpoint + " has no client_id (RFC 7591 §3.2.1).");
		}
		String secret = (body.get("client_secret") instanceof String s && !s.isEmpty()) ? s : null;
		String method = (body.get("token_endpoint_auth_method") instanceof String m) ? m
				: (secret != null) ? requestedMethod : "none";
		if (secret == null && !"none".equals(method)) {
			method = "none";
		}
		Instant secretExpiresAt = (body.get("client_secret_expires_at") instanceof Number n && n.longValue() > 0)
				? Instant.ofEpochSecond(n.longValue()) : null;
		@SuppressWarnings("unchecked")
		List<String> redirectUris = (body.get("redirect_uris") instanceof List<?> uris) ? (List<String>) uris
				: List.of(redirectUri.toString());
		return new OAuthClientRegistration(metadata.issuer(), clientId, secret, method, redirectUris, secretExpiresAt,
				OAuthClientRegistration.Source.DYNAMIC);
	}

	private static String describe(Map<String, Object> body) {
		Object error = body.get("error");
		Object description = body.get("error_description");
		if (error == null) {
			return "";
		}
		return " '" + error + "'" + ((description != null) ? ": " + description : "");
	}

}
