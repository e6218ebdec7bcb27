package io.github.mcpoauth.sample.server.registration;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import io.github.mcpoauth.sample.server.McpScopes;
import io.github.mcpoauth.sample.server.StaticServerProperties;
import io.github.mcpoauth.sample.server.authorization.AuthorizationServerConfiguration;
import io.github.mcpoauth.sample.server.authorization.RegisteredClients;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
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
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The RFC 7591 registration endpoint at {@code /register}.
 * <p>
 * By default registration is disabled: every request gets 403 with an
 * {@code access_denied} error naming the pre-registered client to use instead (RFC 7591
 * §3.2.2 style). With {@code --dynamic-registration} the endpoint is open, without
 * initial access token, to public clients only: {@code token_endpoint_auth_method}
 * {@code none} (a request for {@code client_secret_basic} or {@code client_secret_post}
 * gets {@code none} instead, as RFC 7591 §3.2.1 allows), PKCE required, loopback redirect URIs, authorization code and refresh
 * token grants. Open registration is relaxed for local development: anyone who reaches
 * the port can register a client. What it may register is bounded by
 * {@link RegistrationLimits} ({@code mcp.static.registration.*}): the size of the request
 * body (413 beyond it), the number of redirect URIs and the length of every field (400
 * {@code invalid_redirect_uri} or {@code invalid_client_metadata}), and the number of
 * registrations in a time window (429 with {@code Retry-After}). Redirect URIs must use
 * {@code 127.0.0.1}; {@code localhost} is refused (RFC 8252 §8.3).
 * <p>
 * Spring Authorization Server's OIDC client registration needs an initial access token,
 * so this small controller stores the clients in the {@link RegisteredClientRepository}
 * itself.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7591#section-3">RFC 7591 §3</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7591#section-3.2.2">RFC 7591
 * §3.2.2</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8252#section-8.3">RFC 8252 §8.3</a>
 */
@RestController
@EnableConfigurationProperties(RegistrationLimits.class)
@RequestMapping(path = AuthorizationServerConfiguration.REGISTRATION_PATH, produces = MediaType.APPLICATION_JSON_VALUE)
final class ClientRegistrationController {

	/**
	 * The error of a request refused for the registration rate: not defined by RFC 7591
	 * (§3.2.2 allows others), borrowed from RFC 6749 §4.1.2.1.
	 */
	static final String TEMPORARILY_UNAVAILABLE = "temporarily_unavailable";

	private static final String LOOPBACK_HOST = "127.0.0.1";

	/**
	 * The authentication methods a client may ask for: a request for a client secret gets a
	 * public client ({@code none}) instead, which the response says (RFC 7591 §3.2.1: the
	 * server may replace requested metadata values).
	 */
	private static final Set<String> AUTH_METHODS_REPLACED_BY_NONE = Set.of(ClientAuthenticationMethod.NONE.getValue(),
			ClientAuthenticationMethod.CLIENT_SECRET_BASIC.getValue(), ClientAuthenticationMethod.CLIENT_SECRET_POST.getValue());

	private static final List<String> DEFAULT_GRANT_TYPES = List.of(
			AuthorizationGrantType.AUTHORIZATION_CODE.getValue(), AuthorizationGrantType.REFRESH_TOKEN.getValue());

	private static final List<String> RESPONSE_TYPES = List.of("code");

	private final StaticServerProperties properties;

	private final RegistrationLimits limits;

	private final RegistrationRate rate;

	private final RegisteredClientRepository registeredClientRepository;

	private final JsonMapper jsonMapper;

	private final Clock clock;

	ClientRegistrationController(StaticServerProperties properties, RegistrationLimits limits,
			RegisteredClientRepository registeredClientRepository, JsonMapper jsonMapper, Clock clock) {
		Assert.notNull(properties, "properties cannot be null");
		Assert.notNull(limits, "limits cannot be null");
		Assert.notNull(registeredClientRepository, "registeredClientRepository cannot be null");
		Assert.notNull(jsonMapper, "jsonMapper cannot be null");
		Assert.notNull(clock, "clock cannot be null");
		this.properties = properties;
		this.limits = limits;
		this.rate = new RegistrationRate(limits.maxRegistrations(), limits.window(), clock);
		this.registeredClientRepository = registeredClientRepository;
		this.jsonMapper = jsonMapper;
		this.clock = clock;
	}

	@PostMapping
	ResponseEntity<Object> register(HttpServletRequest request) throws IOException {
		if (!this.properties.dynamicRegistration()) {
			return disabled();
		}
		String body;
		try {
			body = readBody(request);
		}
		catch (RegistrationException ex) {
			return error(HttpStatus.CONTENT_TOO_LARGE, ex);
		}
		Duration retryAfter = this.rate.acquire();
		if (retryAfter != null) {
			long seconds = Math.max(1, retryAfter.toSeconds() + ((retryAfter.toNanosPart() > 0) ? 1 : 0));
			return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
				.cacheControl(CacheControl.noStore())
				.header(HttpHeaders.RETRY_AFTER, String.valueOf(seconds))
				.body(new ClientRegistrationError(TEMPORARILY_UNAVAILABLE, "More than "
						+ this.limits.maxRegistrations() + " clients registered within " + this.limits.window().toSeconds()
						+ " s; try again in " + seconds + " s (" + RegistrationLimits.CONFIG_PREFIX
						+ ".max-registrations)"));
		}
		try {
			return ResponseEntity.status(HttpStatus.CREATED)
				.cacheControl(CacheControl.noStore())
				.header(HttpHeaders.PRAGMA, "no-cache")
				.body(register(parse(body)));
		}
		catch (RegistrationException ex) {
			this.rate.release();
			return error(HttpStatus.BAD_REQUEST, ex);
		}
	}

	private static ResponseEntity<Object> error(HttpStatus status, RegistrationException ex) {
		return ResponseEntity.status(status)
			.cacheControl(CacheControl.noStore())
			.body(new ClientRegistrationError(ex.error, String.valueOf(ex.getMessage())));
	}

	/**
	 * Reads the body, at most {@code max-body-size} bytes of it: a larger one is refused
	 * before it is read (by its {@code Content-Length}) or as soon as it passes the limit.
	 */
	private String readBody(HttpServletRequest request) throws IOException {
		long max = this.limits.maxBodySize().toBytes();
		if (request.getContentLengthLong() > max) {
			throw tooLarge(request.getContentLengthLong() + " bytes");
		}
		byte[] body = request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
		if (body.length > max) {
			throw tooLarge("more than " + max + " bytes");
		}
		return new String(body, StandardCharsets.UTF_8);
	}

	private RegistrationException tooLarge(String size) {
		return new RegistrationException(ClientRegistrationError.INVALID_CLIENT_METADATA, "The client metadata is "
				+ size + "; at most " + this.limits.maxBodySize().toBytes() + " bytes are accepted ("
				+ RegistrationLimits.CONFIG_PREFIX + ".max-body-size)");
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
		checkLengths(request);
		List<String> redirectUris = redirectUris(request.redirectUris());
		if (request.tokenEndpointAuthMethod() != null
				&& !AUTH_METHODS_REPLACED_BY_NONE.contains(request.tokenEndpointAuthMethod())) {
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
	 * No field longer than {@code max-field-length}: every redirect URI, grant type and
	 * response type, the client name, the scope and the authentication method.
	 */
	private void checkLengths(ClientRegistrationRequest request) {
		int max = this.limits.maxFieldLength();
		if (request.redirectUris() != null) {
			if (request.redirectUris().size() > this.limits.maxRedirectUris()) {
				throw new RegistrationException(ClientRegistrationError.INVALID_REDIRECT_URI,
						request.redirectUris().size() + " redirect URIs; at most " + this.limits.maxRedirectUris()
								+ " are accepted (" + RegistrationLimits.CONFIG_PREFIX + ".max-redirect-uris)");
			}
			for (String redirectUri : request.redirectUris()) {
				if (redirectUri != null && redirectUri.length() > max) {
					throw new RegistrationException(ClientRegistrationError.INVALID_REDIRECT_URI, "A redirect URI of "
							+ redirectUri.length() + " characters; at most " + max + " are accepted ("
							+ RegistrationLimits.CONFIG_PREFIX + ".max-field-length)");
				}
			}
		}
		checkLength("client_name", request.clientName());
		checkLength("scope", request.scope());
		checkLength("token_endpoint_auth_method", request.tokenEndpointAuthMethod());
		checkLengths("grant_types", request.grantTypes());
		checkLengths("response_types", request.responseTypes());
	}

	private void checkLengths(String field, @Nullable List<String> values) {
		if (values != null) {
			values.forEach((value) -> checkLength(field, value));
		}
	}

	private void checkLength(String field, @Nullable String value) {
		int max = this.limits.maxFieldLength();
		if (value != null && value.length() > max) {
			throw new RegistrationException(ClientRegistrationError.INVALID_CLIENT_METADATA, field + " is "
					+ value.length() + " characters long; at most " + max + " are accepted ("
					+ RegistrationLimits.CONFIG_PREFIX + ".max-field-length)");
		}
	}

	/**
	 * Loopback redirect URIs on {@code 127.0.0.1} only: {@code http://127.0.0.1[:port]/...}
	 * (any port is then accepted at the authorization endpoint, RFC 8252 §7.3).
	 * {@code localhost} is refused: it may resolve to another address, or be served by
	 * another program (RFC 8252 §8.3).
	 */
	private static List<String> redirectUris(@Nullable List<String> requested) {
		if (requested == null || requested.isEmpty()) {
			throw new RegistrationException(ClientRegistrationError.INVALID_REDIRECT_URI,
					"redirect_uris is required");
		}
		for (String redirectUri : requested) {
			URI uri = parseUri(redirectUri);
			if (uri != null && "localhost".equalsIgnoreCase(uri.getHost())) {
				throw new RegistrationException(ClientRegistrationError.INVALID_REDIRECT_URI, "Use http://127.0.0.1"
						+ ((uri.getPort() != -1) ? ":" + uri.getPort() : "") + "/... instead of " + redirectUri
						+ ": a loopback redirect URI names the IP address, not localhost (RFC 8252 §8.3)");
			}
			if (uri == null || !"http".equals(uri.getScheme()) || !LOOPBACK_HOST.equals(uri.getHost())
					|| uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
				throw new RegistrationException(ClientRegistrationError.INVALID_REDIRECT_URI,
						"Only loopback redirect URIs such as http://127.0.0.1:<port>/callback are accepted, not "
								+ redirectUri);
			}
		}
		return List.copyOf(new LinkedHashSet<>(requested));
	}

	private static @Nullable URI parseUri(@Nullable String value) {
		if (value == null) {
			return null;
		}
		try {
			return new URI(value);
		}
		catch (URISyntaxException ex) {
			return null;
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
		return StringUtils.hasText(requested) ? requested.strip() : null;
	}

	private static final class RegistrationException extends RuntimeException {

		private final String error;

		RegistrationException(String error, String description) {
			super(description);
			this.error = error;
		}

	}

}
