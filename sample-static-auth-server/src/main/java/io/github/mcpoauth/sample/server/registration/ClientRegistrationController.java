package io.github.mcpoauth.sample.server.registration;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import io.github.mcpoauth.sample.server.McpScopes;
import io.github.mcpoauth.sample.server.StaticServerProperties;
import io.github.mcpoauth.sample.server.authorization.AuthorizationServerConfiguration;
import io.github.mcpoauth.sample.server.authorization.RegisteredClients;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The RFC 7591 registration endpoint at {@code /register}.
 * <p>
 * By default registration is disabled: every request gets 403 with an
 * {@code access_denied} error naming the pre-registered client to use instead (RFC 7591
 * §3.2.2 style). With {@code --dynamic-registration} the endpoint is open, without
 * initial access token, to public clients only: {@code token_endpoint_auth_method}
 * {@code none}, PKCE required, loopback redirect URIs, authorization code and refresh
 * token grants. Open registration is relaxed for local development: anyone who reaches
 * the port can register a client.
 * <p>
 * Spring Authorization Server's OIDC client registration needs an initial access token,
 * so this small controller stores the clients in the {@link RegisteredClientRepository}
 * itself.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7591#section-3">RFC 7591 §3</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7591#section-3.2.2">RFC 7591
 * §3.2.2</a>
 */
@RestController
@RequestMapping(path = AuthorizationServerConfiguration.REGISTRATION_PATH, produces = MediaType.APPLICATION_JSON_VALUE)
final class ClientRegistrationController {

	private static final Set<String> LOOPBACK_HOSTS = Set.of("127.0.0.1", "localhost");

	private static final List<String> DEFAULT_GRANT_TYPES = List.of(
			AuthorizationGrantType.AUTHORIZATION_CODE.getValue(), AuthorizationGrantType.REFRESH_TOKEN.getValue());

	private static final List<String> RESPONSE_TYPES = List.of("code");

	private static final int MAX_CLIENT_NAME_LENGTH = 200;

	private final StaticServerProperties properties;

	private final RegisteredClientRepository registeredClientRepository;

	private final JsonMapper jsonMapper;

	private final Clock clock;

	ClientRegistrationController(StaticServerProperties properties,
			RegisteredClientRepository registeredClientRepository, JsonMapper jsonMapper, Clock clock) {
		Assert.notNull(properties, "properties cannot be null");
		Assert.notNull(registeredClientRepository, "registeredClientRepository cannot be null");
		Assert.notNull(jsonMapper, "jsonMapper cannot be null");
		Assert.notNull(clock, "clock cannot be null");
		this.properties = properties;
		this.registeredClientRepository = registeredClientRepository;
		this.jsonMapper = jsonMapper;
		this.clock = clock;
	}

	@PostMapping
	ResponseEntity<Object> register(@RequestBody(required = false) @Nullable String body) {
		if (!this.properties.dynamicRegistration()) {
			return disabled();
		}
		try {
			return ResponseEntity.status(HttpStatus.CREATED)
				.cacheControl(CacheControl.noStore())
				.header(HttpHeaders.PRAGMA, "no-cache")
				.body(register(parse(body)));
		}
		catch (RegistrationException ex) {
			return ResponseEntity.badRequest()
				.cacheControl(CacheControl.noStore())
				.body(new ClientRegistrationError(ex.error, ex.getMessage()));
		}
	}

	@RequestMapping
	ResponseEntity<Object> otherMethods() {
		if (!this.properties.dynamicRegistration()) {
			return disabled();
		}
		return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED).allow(HttpMethod.POST).build();
	}

	private ResponseEntity<Object> disabled() {
		return ResponseEntity.status(HttpStatus.FORBIDDEN)
			.body(new ClientRegistrationError(ClientRegistrationError.ACCESS_DENIED,
					"Dynamic client registration is disabled on this server; use the pre-registered client id '"
							+ this.properties.clientId()
							+ "' and its secret (or start the server with --dynamic-registration)"));
	}

	private ClientRegistrationResponse register(ClientRegistrationRequest request) {
		List<String> redirectUris = redirectUris(request.redirectUris());
		if (request.tokenEndpointAuthMethod() != null
				&& !ClientAuthenticationMethod.NONE.getValue().equals(request.tokenEndpointAuthMethod())) {
			throw new RegistrationException(ClientRegistrationError.INVALID_CLIENT_METADATA,
					"Only public clients can register here: token_endpoint_auth_method must be 'none'");
		}
		List<String> grantTypes = grantTypes(request.grantTypes());
		if (request.responseTypes() != null && !RESPONSE_TYPES.containsAll(request.responseTypes())) {
			throw new RegistrationException(ClientRegistrationError.INVALID_CLIENT_METADATA,
					"response_types must be [\"code\"]");
		}
		List<String> scopes = scopes(request.scope());
		String clientName = clientName(request.clientName());
		Instant issuedAt = this.clock.instant();
		RegisteredClient client = RegisteredClients.publicClient(clientName, redirectUris,
				grantTypes.stream().map(AuthorizationGrantType::new).toList(), scopes,
				this.properties.accessTokenTtl(), issuedAt);
		this.registeredClientRepository.save(client);
		return new ClientRegistrationResponse(client.getClientId(), issuedAt.getEpochSecond(), clientName,
				redirectUris, grantTypes, RESPONSE_TYPES, ClientAuthenticationMethod.NONE.getValue(),
				String.join(" ", scopes));
	}

	private ClientRegistrationRequest parse(@Nullable String body) {
		if (!StringUtils.hasText(body)) {
			throw new RegistrationException(ClientRegistrationError.INVALID_CLIENT_METADATA,
					"The request body must be a JSON object of client metadata");
		}
		try {
			ClientRegistrationRequest request = this.jsonMapper.readValue(body, ClientRegistrationRequest.class);
			if (request == null) {
				throw new RegistrationException(ClientRegistrationError.INVALID_CLIENT_METADATA,
						"The request body must be a JSON object of client metadata");
			}
			return request;
		}
		catch (JacksonException ex) {
			throw new RegistrationException(ClientRegistrationError.INVALID_CLIENT_METADATA,
					"The client metadata is not valid JSON of the expected types");
		}
	}

	/**
	 * Loopback redirect URIs only: {@code http://127.0.0.1[:port]/...} (any port is then
	 * accepted at the authorization endpoint, RFC 8252 §7.3) or
	 * {@code http://localhost:port/...} (that exact port).
	 */
	private static List<String> redirectUris(@Nullable List<String> requested) {
		if (requested == null || requested.isEmpty()) {
			throw new RegistrationException(ClientRegistrationError.INVALID_REDIRECT_URI,
					"redirect_uris is required");
		}
		for (String redirectUri : requested) {
			if (!isLoopbackRedirectUri(redirectUri)) {
				throw new RegistrationException(ClientRegistrationError.INVALID_REDIRECT_URI,
						"Only loopback redirect URIs such as http://127.0.0.1:<port>/callback are accepted, not "
								+ redirectUri);
			}
		}
		return List.copyOf(new LinkedHashSet<>(requested));
	}

	private static boolean isLoopbackRedirectUri(@Nullable String redirectUri) {
		if (redirectUri == null) {
			return false;
		}
		try {
			URI uri = new URI(redirectUri);
			return "http".equals(uri.getScheme()) && uri.getHost() != null && LOOPBACK_HOSTS.contains(uri.getHost())
					&& uri.getRawUserInfo() == null && uri.getRawFragment() == null;
		}
		catch (URISyntaxException ex) {
			return false;
		}
	}

	private static List<String> grantTypes(@Nullable List<String> requested) {
		if (requested == null || requested.isEmpty()) {
			return DEFAULT_GRANT_TYPES;
		}
		List<String> grantTypes = List.copyOf(new LinkedHashSet<>(requested));
		if (!DEFAULT_GRANT_TYPES.containsAll(grantTypes)
				|| !grantTypes.contains(AuthorizationGrantType.AUTHORIZATION_CODE.getValue())) {
			throw new RegistrationException(ClientRegistrationError.INVALID_CLIENT_METADATA,
					"grant_types must be authorization_code, optionally with refresh_token");
		}
		return grantTypes;
	}

	private static List<String> scopes(@Nullable String requested) {
		if (!StringUtils.hasText(requested)) {
			return McpScopes.ALL;
		}
		List<String> scopes = new ArrayList<>(new LinkedHashSet<>(Arrays.asList(requested.strip().split("\\s+"))));
		if (!McpScopes.ALL.containsAll(scopes)) {
			throw new RegistrationException(ClientRegistrationError.INVALID_CLIENT_METADATA,
					"scope must be made of " + String.join(", ", McpScopes.ALL));
		}
		return List.copyOf(scopes);
	}

	private static @Nullable String clientName(@Nullable String requested) {
		if (!StringUtils.hasText(requested)) {
			return null;
		}
		String clientName = requested.strip();
		return (clientName.length() > MAX_CLIENT_NAME_LENGTH) ? clientName.substring(0, MAX_CLIENT_NAME_LENGTH)
				: clientName;
	}

	private static final class RegistrationException extends RuntimeException {

		private final String error;

		RegistrationException(String error, String description) {
			super(description);
			this.error = error;
		}

	}

}
