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

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import io.github.mcpoauth.sample.server.McpScopes;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.util.Assert;

/**
 * The registered clients, plus the clients described by an OAuth Client ID Metadata
 * Document: a client whose {@code client_id} is an {@code https} URL with a path is
 * described by the JSON document at that URL, which this server fetches when the client
 * first shows up (and again after {@value #CACHE_MINUTES} minutes). The document must name
 * that URL as its {@code client_id}, list its {@code redirect_uris}, and use no shared
 * secret ({@code token_endpoint_auth_method} {@code none}); such a client is a public client
 * with PKCE, for the authorization-code and refresh-token grants and the server's scopes.
 * The authorization server metadata says so with
 * {@code client_id_metadata_document_supported: true}.
 * <p>
 * Relaxed for local development: the server fetches any such document it is given (from a
 * loopback-only server by default), with a 5-second timeout and a 5 KB limit, and does not
 * check the document's host against anything.
 *
 * @see <a href="https://datatracker.ietf.org/doc/draft-ietf-oauth-client-id-metadata-document/">OAuth
 * Client ID Metadata Document</a>
 * @see <a href="https://modelcontextprotocol.io/specification/2026-07-28/basic/authorization/client-registration">MCP
 * 2026-07-28: Client Registration</a>
 */
public final class ClientIdMetadataDocuments implements RegisteredClientRepository {

	/** The authorization server metadata entry that advertises these documents. */
	public static final String SUPPORTED = "client_id_metadata_document_supported";

	/** How long a fetched document is used before it is fetched again. */
	static final long CACHE_MINUTES = 5;

	/** The largest document accepted, in bytes. */
	static final int MAX_DOCUMENT_BYTES = 5 * 1024;

	private static final Log logger = LogFactory.getLog(ClientIdMetadataDocuments.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Set<String> GRANT_TYPES = Set.of(AuthorizationGrantType.AUTHORIZATION_CODE.getValue(),
			AuthorizationGrantType.REFRESH_TOKEN.getValue());

	private final RegisteredClientRepository registered;

	private final Function<URI, @Nullable String> fetcher;

	private final Duration accessTokenTtl;

	private final Clock clock;

	private final Map<String, Cached> documents = new ConcurrentHashMap<>();

	/**
	 * @param registered the clients registered with the server (statically or at run time)
	 * @param accessTokenTtl the lifetime of the access tokens of document clients
	 */
	public ClientIdMetadataDocuments(RegisteredClientRepository registered, Duration accessTokenTtl) {
		this(registered, accessTokenTtl, ClientIdMetadataDocuments::fetch, Clock.systemUTC());
	}

	ClientIdMetadataDocuments(RegisteredClientRepository registered, Duration accessTokenTtl,
			Function<URI, @Nullable String> fetcher, Clock clock) {
		Assert.notNull(registered, "registered cannot be null");
		Assert.notNull(accessTokenTtl, "accessTokenTtl cannot be null");
		Assert.notNull(fetcher, "fetcher cannot be null");
		Assert.notNull(clock, "clock cannot be null");
		this.registered = registered;
		this.accessTokenTtl = accessTokenTtl;
		this.fetcher = fetcher;
		this.clock = clock;
	}

	@Override
	public void save(RegisteredClient registeredClient) {
		this.registered.save(registeredClient);
	}

	@Override
	public @Nullable RegisteredClient findById(String id) {
		RegisteredClient client = this.registered.findById(id);
		return (client != null) ? client : findByClientId(id); // a document client's id is its URL
	}

	@Override
	public @Nullable RegisteredClient findByClientId(String clientId) {
		RegisteredClient client = this.registered.findByClientId(clientId);
		if (client != null || !isDocumentUrl(clientId)) {
			return client;
		}
		Instant now = this.clock.instant();
		Cached cached = this.documents.get(clientId);
		if (cached != null && now.isBefore(cached.expiresAt())) {
			return cached.client();
		}
		RegisteredClient described = describe(clientId);
		if (described == null) {
			this.documents.remove(clientId);
			return null;
		}
		this.documents.put(clientId, new Cached(described, now.plus(Duration.ofMinutes(CACHE_MINUTES))));
		return described;
	}

	/**
	 * An {@code https} URL with a path other than {@code /}, no fragment, no user info and
	 * no dot segments.
	 */
	static boolean isDocumentUrl(String clientId) {
		if (!clientId.regionMatches(true, 0, "https://", 0, 8)) {
			return false;
		}
		try {
			URI uri = new URI(clientId);
			String path = uri.getRawPath();
			return uri.getHost() != null && uri.getRawFragment() == null && uri.getRawUserInfo() == null
					&& path != null && path.length() > 1 && !path.contains("/./") && !path.contains("/../")
					&& !path.endsWith("/.") && !path.endsWith("/..");
		}
		catch (java.net.URISyntaxException ex) {
			return false;
		}
	}

	private @Nullable RegisteredClient describe(String clientId) {
		String document;
		try {
			document = this.fetcher.apply(URI.create(clientId));
		}
		catch (RuntimeException ex) {
			logger.warn("Cannot fetch the client metadata document " + clientId + ": " + ex.getMessage());
			return null;
		}
		if (document == null) {
			return null;
		}
		try {
			Map<?, ?> metadata = JSON.readValue(document, Map.class);
			return client(clientId, metadata);
		}
		catch (JacksonException | IllegalArgumentException ex) {
			logger.warn("Refusing the client metadata document " + clientId + ": " + ex.getMessage());
			return null;
		}
	}

	private RegisteredClient client(String clientId, Map<?, ?> metadata) {
		Assert.isTrue(clientId.equals(metadata.get("client_id")), "its client_id is not " + clientId);
		List<String> redirectUris = strings(metadata.get("redirect_uris"), "redirect_uris");
		Assert.isTrue(!redirectUris.isEmpty(), "it lists no redirect_uris");
		Object authMethod = metadata.get("token_endpoint_auth_method");
		Assert.isTrue(authMethod == null || "none".equals(authMethod),
				"token_endpoint_auth_method " + authMethod + " is not 'none' (a document client has no shared secret)");
		List<String> grantTypes = (metadata.get("grant_types") != null)
				? strings(metadata.get("grant_types"), "grant_types")
				: List.of(AuthorizationGrantType.AUTHORIZATION_CODE.getValue());
		List<AuthorizationGrantType> grants = new ArrayList<>();
		for (String grantType : grantTypes) {
			if (GRANT_TYPES.contains(grantType)) {
				grants.add(new AuthorizationGrantType(grantType));
			}
		}
		Assert.isTrue(grants.contains(AuthorizationGrantType.AUTHORIZATION_CODE),
				"grant_types " + grantTypes + " lacks authorization_code");
		Object name = metadata.get("client_name");
		RegisteredClient client = RegisteredClients.publicClient((name instanceof String text) ? text : null,
				redirectUris, grants, McpScopes.ALL, this.accessTokenTtl, this.clock.instant());
		return RegisteredClient.from(client)
			.id(clientId)
			.clientId(clientId)
			.build();
	}

	private static List<String> strings(@Nullable Object value, String name) {
		Assert.isTrue(value instanceof Collection<?>, name + " is not an array");
		List<String> strings = new ArrayList<>();
		for (Object element : (Collection<?>) value) {
			Assert.isTrue(element instanceof String, name + " holds a value that is not a string");
			strings.add((String) element);
		}
		return strings;
	}

	private static @Nullable String fetch(URI url) {
		HttpClient http = HttpClient.newBuilder()
			.connectTimeout(Duration.ofSeconds(5))
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		HttpRequest request = HttpRequest.newBuilder(url)
			.timeout(Duration.ofSeconds(5))
			.header("Accept", "application/json")
			.GET()
			.build();
		try {
			HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
			String contentType = response.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
			if (response.statusCode() != 200 || !contentType.startsWith("application/json")
					|| response.body().length > MAX_DOCUMENT_BYTES) {
				logger.warn("Refusing the client metadata document " + url + ": HTTP " + response.statusCode() + ", "
						+ contentType + ", " + response.body().length + " bytes");
				return null;
			}
			return new String(response.body(), java.nio.charset.StandardCharsets.UTF_8);
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
	}

	private record Cached(RegisteredClient client, Instant expiresAt) {
	}

}
