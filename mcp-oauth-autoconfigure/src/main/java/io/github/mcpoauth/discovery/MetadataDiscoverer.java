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

package io.github.mcpoauth.discovery;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.mcpoauth.core.EndpointSchemes;
import io.github.mcpoauth.core.McpOAuthErrorCode;
import io.github.mcpoauth.core.McpOAuthException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.util.Assert;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;

/**
 * Finds the authorization server of an MCP server, as the MCP authorization specification
 * orders it:
 * <ol>
 * <li>protected-resource metadata from the challenge's {@code resource_metadata}, else at
 * {@code /.well-known/oauth-protected-resource/<path>}, else at the root (RFC 9728 §3.1, §5);</li>
 * <li>its {@code resource} must cover the called URL, or discovery stops (RFC 9728 §3.3);</li>
 * <li>authorization-server metadata of the first listed issuer: for an issuer with a path the
 * OAuth document with the path appended, then OpenID Connect with the path appended, then
 * OpenID Connect with the path prepended; without a path the OAuth then the OpenID Connect
 * document at the root; its {@code issuer} must equal the issuer used (RFC 8414 §3.3);</li>
 * <li>a 2025-03-26 server without protected-resource metadata: authorization-server metadata
 * at the MCP server's origin, else the default endpoints {@code /authorize}, {@code /token},
 * {@code /register}.</li>
 * </ol>
 * Every URL is checked before it is fetched: it must be {@code https}, or {@code http} on a
 * loopback host ({@link EndpointSchemes}), the challenge's {@code resource_metadata} included;
 * any other stops discovery with {@code INSECURE_ENDPOINT} before a request is made. A
 * redirect is never followed: the engine's {@link WebClient} (see
 * {@link io.github.mcpoauth.http.BackChannel}) turns it into {@code REDIRECT_REFUSED}, which
 * stops discovery too. A URL that answers 4xx or 5xx, cannot be reached or does not answer
 * within the timeout is skipped for the next one.
 *
 * <p>Non-blocking: every fetch runs on the given {@link WebClient}.
 */
public final class MetadataDiscoverer {

	private static final Logger logger = LoggerFactory.getLogger(MetadataDiscoverer.class);

	private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT = new ParameterizedTypeReference<>() {
	};

	private final WebClient webClient;

	private Duration timeout = Duration.ofSeconds(10);

	public MetadataDiscoverer(WebClient webClient) {
		Assert.notNull(webClient, "webClient cannot be null");
		this.webClient = webClient;
	}

	/**
	 * @param timeout how long one metadata fetch may take
	 */
	public void setTimeout(Duration timeout) {
		Assert.notNull(timeout, "timeout cannot be null");
		this.timeout = timeout;
	}

	/**
	 * Discovers the metadata of an MCP server.
	 * @param serverUrl the MCP server URL
	 * @param challenge the 401 challenge the server answered with, if any
	 * @param resourceOverride the configured resource identifier, or {@code null} to use the
	 * metadata's (or the canonical server URL)
	 * @return the discovered server, or an error with code {@code DISCOVERY_FAILED},
	 * {@code RESOURCE_MISMATCH}, {@code ISSUER_MISMATCH}, {@code INVALID_METADATA},
	 * {@code INSECURE_ENDPOINT} or {@code REDIRECT_REFUSED}
	 */
	public Mono<DiscoveredServer> discover(URI serverUrl, @Nullable BearerChallenge challenge,
			@Nullable String resourceOverride) {
		return Mono.defer(() -> {
			AtomicBoolean answered = new AtomicBoolean(challenge != null);
			return discover(serverUrl, challenge, resourceOverride, answered);
		});
	}

	private Mono<DiscoveredServer> discover(URI serverUrl, @Nullable BearerChallenge challenge,
			@Nullable String resourceOverride, AtomicBoolean answered) {
		return protectedResourceMetadata(serverUrl, challenge, answered).flatMap((prm) -> {
			if (!ResourceUris.covers(prm.resource(), serverUrl)) {
				return Mono.error(new McpOAuthException(McpOAuthErrorCode.RESOURCE_MISMATCH, "The protected-resource "
						+ "metadata is for '" + prm.resource() + "', not for the called server " + serverUrl + "."));
			}
			String issuer = prm.authorizationServers().get(0);
			String resource = (resourceOverride != null) ? resourceOverride : prm.resource();
			return fetchAuthorizationServerMetadata(issuer)
				.switchIfEmpty(Mono.error(() -> new McpOAuthException(McpOAuthErrorCode.DISCOVERY_FAILED,
						"No authorization-server metadata found for issuer " + issuer + " (tried "
								+ authorizationServerMetadataUrls(issuer) + ").")))
				.map((as) -> new DiscoveredServer(serverUrl, resource, prm, as));
		}).switchIfEmpty(Mono.defer(() -> discoverLegacy(serverUrl, resourceOverride, answered)));
	}

	private Mono<DiscoveredServer> discoverLegacy(URI serverUrl, @Nullable String resourceOverride,
			AtomicBoolean answered) {
		String origin = ResourceUris.origin(serverUrl);
		String resource = (resourceOverride != null) ? resourceOverride : ResourceUris.canonicalResource(serverUrl);
		logger.debug("No protected-resource metadata for {}; trying 2025-03-26 discovery at {}", serverUrl, origin);
		// 2025-03-26 servers may publish an issuer with a path (".../oauth") at the origin's
		// well-known URL, so the RFC 8414 §3.3 issuer check does not apply to this fallback.
		// The default endpoints are for a server that answers but publishes no metadata, not
		// for one that cannot be reached at all.
		return firstDocument(authorizationServerMetadataUrls(origin), AuthorizationServerMetadata::from, answered)
			.switchIfEmpty(Mono.defer(() -> {
				if (!answered.get()) {
					return Mono.error(new McpOAuthException(McpOAuthErrorCode.DISCOVERY_FAILED,
							"The MCP server " + serverUrl + " did not answer any metadata request."));
				}
				return Mono.just(AuthorizationServerMetadata.legacyDefaults(origin));
			}))
			.map((as) -> new DiscoveredServer(serverUrl, resource, null, as));
	}

	/**
	 * Fetches protected-resource metadata: the challenge's URL first, then the path-aware
	 * and root well-known URLs (RFC 9728 §3.1).
	 * @param serverUrl the MCP server URL
	 * @param challenge the challenge, if any
	 * @return the metadata, or empty when none of the URLs serves it
	 */
	public Mono<ProtectedResourceMetadata> fetchProtectedResourceMetadata(URI serverUrl,
			@Nullable BearerChallenge challenge) {
		return protectedResourceMetadata(serverUrl, challenge, new AtomicBoolean());
	}

	private Mono<ProtectedResourceMetadata> protectedResourceMetadata(URI serverUrl,
			@Nullable BearerChallenge challenge, AtomicBoolean answered) {
		Set<URI> candidates = new LinkedHashSet<>();
		if (challenge != null && challenge.resourceMetadata() != null) {
			candidates.add(challenge.resourceMetadata());
		}
		candidates.add(ResourceUris.wellKnown(serverUrl, "oauth-protected-resource"));
		candidates.add(URI.create(ResourceUris.origin(serverUrl) + "/.well-known/oauth-protected-resource"));
		return firstDocument(List.copyOf(candidates), ProtectedResourceMetadata::from, answered);
	}

	/**
	 * Fetches authorization-server metadata in the order of the MCP specification and checks
	 * its issuer (RFC 8414 §3.3).
	 * @param issuer the issuer identifier
	 * @return the metadata, or empty when no document is found
	 */
	public Mono<AuthorizationServerMetadata> fetchAuthorizationServerMetadata(String issuer) {
		return firstDocument(authorizationServerMetadataUrls(issuer), AuthorizationServerMetadata::from,
				new AtomicBoolean())
			.flatMap((metadata) -> {
				if (!sameIssuer(metadata.issuer(), issuer)) {
					return Mono.error(new McpOAuthException(McpOAuthErrorCode.ISSUER_MISMATCH, "The authorization-server "
							+ "metadata for " + issuer + " names the issuer '" + metadata.issuer() + "' (RFC 8414 §3.3)."));
				}
				return Mono.just(metadata);
			});
	}

	static List<URI> authorizationServerMetadataUrls(String issuer) {
		URI issuerUri = URI.create(issuer);
		String origin = ResourceUris.origin(issuerUri);
		String path = ResourceUris.path(issuerUri);
		List<URI> urls = new ArrayList<>(3);
		if (path.isEmpty()) {
			urls.add(URI.create(origin + "/.well-known/oauth-authorization-server"));
			urls.add(URI.create(origin + "/.well-known/openid-configuration"));
		}
		else {
			urls.add(URI.create(origin + "/.well-known/oauth-authorization-server" + path));
			urls.add(URI.create(origin + "/.well-known/openid-configuration" + path));
			urls.add(URI.create(origin + path + "/.well-known/openid-configuration"));
		}
		return urls;
	}

	/** Issuers are compared as strings (RFC 8414 §3.3), ignoring only a trailing slash. */
	private static boolean sameIssuer(String published, String expected) {
		return stripSlash(published).equals(stripSlash(expected));
	}

	private static String stripSlash(String value) {
		return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
	}

	private <T> Mono<T> firstDocument(List<URI> urls, DocumentReader<T> reader, AtomicBoolean answered) {
		return Flux.fromIterable(urls)
			.concatMap((url) -> fetch(url, answered).map((json) -> reader.read(json, url)))
			.next();
	}

	/**
	 * GETs a JSON document; empty for 4xx answers and unreachable URLs (so the next candidate
	 * is tried), an error for a document that is not a JSON object. {@code answered} is set
	 * when the server sent any response.
	 */
	private Mono<Map<String, Object>> fetch(URI url, AtomicBoolean answered) {
		if (!EndpointSchemes.isAllowed(url)) {
			return Mono.error(EndpointSchemes.refused(url, "metadata URL"));
		}
		return this.webClient.get()
			.uri(url)
			.accept(MediaType.APPLICATION_JSON)
			.header("MCP-Protocol-Version", "2025-11-25")
			.exchangeToMono((response) -> {
				answered.set(true);
				if (response.statusCode().is2xxSuccessful()) {
					return response.bodyToMono(JSON_OBJECT)
						.onErrorMap((ex) -> !(ex instanceof McpOAuthException),
								(ex) -> new McpOAuthException(McpOAuthErrorCode.INVALID_METADATA,
										"The metadata document at " + url + " is not a JSON object.", ex));
				}
				logger.debug("Metadata not found at {} ({})", url, response.statusCode());
				return response.releaseBody().then(Mono.empty());
			})
			.timeout(this.timeout)
			.onErrorResume(MetadataDiscoverer::isSkippable, (ex) -> {
				logger.debug("Metadata unreachable at {}: {}", url, ex.toString());
				return Mono.empty();
			});
	}

	/** Unreachable, or no answer in time (this fetch's own timeout, or the back channel's). */
	private static boolean isSkippable(Throwable ex) {
		return ex instanceof WebClientRequestException || ex instanceof TimeoutException
				|| (ex instanceof McpOAuthException oauth && oauth.getErrorCode() == McpOAuthErrorCode.TIMEOUT);
	}

	@FunctionalInterface
	private interface DocumentReader<T> {

		T read(Map<String, Object> json, URI source);

	}

}
