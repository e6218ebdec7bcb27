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

package io.github.mcpoauth.store;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Function;

import io.github.mcpoauth.core.McpOAuthErrorCode;
import io.github.mcpoauth.core.McpOAuthException;
import io.github.mcpoauth.registration.OAuthClientRegistration;
import io.github.mcpoauth.token.OAuthToken;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.util.Assert;
import org.springframework.vault.VaultException;
import org.springframework.vault.core.VaultKeyValueMetadataOperations;
import org.springframework.vault.core.VaultKeyValueOperations;
import org.springframework.vault.core.VaultKeyValueOperationsSupport.KeyValueBackend;
import org.springframework.vault.core.VaultOperations;
import org.springframework.vault.support.VaultResponse;
import org.springframework.web.client.RestClientException;

/**
 * A {@link TokenStore} and {@link io.github.mcpoauth.registration.ClientRegistrationStore}
 * in a HashiCorp Vault KV version 2 secrets engine, through Spring Vault, for a fleet of
 * servers that share tokens and client registrations.
 *
 * <p>Each entry is its own secret under {@code <mount>/data/<prefix>/}:
 * {@code tokens/<server>/<principal>} and {@code registrations/<server>/<issuer>} (names
 * escaped, see {@code docs/storage.md}); the secret's data are the fields of the shared
 * codec. {@link #deleteToken(TokenKey)} and {@link #deleteRegistration(String, String)}
 * remove the secret's metadata and so every version ({@code DELETE <mount>/metadata/...}),
 * so no old token lingers in the version history. {@link #tokenKeys()} lists
 * {@code <prefix>/tokens/} and each server's folder under it
 * ({@code LIST <mount>/metadata/...}).
 *
 * <p>{@link #deleteToken(TokenKey, OAuthToken)} reads the secret with its version number
 * {@code N} and, when it still holds the expected access token, soft-deletes version
 * {@code N} only ({@code POST <mount>/delete/<path>} with {@code {"versions":[N]}}): a
 * version {@code N+1} another process wrote meanwhile stays current. An expired token
 * without a refresh token is dropped the same way. The policy must allow {@code update}
 * on {@code <mount>/delete/<prefix>/*}.
 *
 * <p>mcp-oauth 0.1.0 kept one token per server, as {@code tokens/<server>}. On its first
 * operation a store writes each such token to the {@link TokenKey#DEFAULT_PRINCIPAL
 * default principal}'s path (with {@code cas} 0, so a token stored there already wins),
 * and only then removes the old secret.
 *
 * <p>The {@link VaultOperations} decides the authentication (token, AppRole, ...);
 * {@link TokenStores} builds one from plain settings. Spring Vault's client blocks, so
 * every operation runs on {@link Schedulers#boundedElastic()}, never on the caller's
 * thread. Tokens that are expired and have no refresh token are dropped when loaded or
 * listed.
 *
 * @see <a href="https://developer.hashicorp.com/vault/api-docs/secret/kv/kv-v2">Vault KV v2 API</a>
 */
public final class VaultTokenStore implements McpOAuthStore, TokenRefreshLock, AutoCloseable {

	/** The default mount of the KV v2 engine (Vault's dev server mounts one there). */
	public static final String DEFAULT_MOUNT = "secret";

	/** The default path prefix under the mount. */
	public static final String DEFAULT_PATH_PREFIX = "mcp-oauth";

	private static final Log logger = LogFactory.getLog(VaultTokenStore.class);

	/** How long a refresh lease lasts when its holder never releases it (a crash). */
	static final Duration REFRESH_LEASE = Duration.ofSeconds(60);

	private final VaultOperations vaultOperations;

	private final VaultRefreshLock refreshLock;

	private final VaultKeyValueOperations keyValue;

	private final VaultKeyValueMetadataOperations metadata;

	private final String mount;

	private final String pathPrefix;

	private final Clock clock;

	private final @Nullable AutoCloseable resources;

	private volatile boolean migrated;

	/**
	 * @param vaultOperations the Vault client, authenticated; the caller keeps ownership
	 * @param mount the mount path of the KV v2 engine, for example {@code secret}
	 * @param pathPrefix the path under the mount, for example {@code mcp-oauth} (may be empty)
	 * @param clock the clock used to drop expired tokens
	 */
	public VaultTokenStore(VaultOperations vaultOperations, String mount, String pathPrefix, Clock clock) {
		this(vaultOperations, mount, pathPrefix, clock, null);
	}

	VaultTokenStore(VaultOperations vaultOperations, String mount, String pathPrefix, Clock clock,
			@Nullable AutoCloseable resources) {
		Assert.notNull(vaultOperations, "vaultOperations cannot be null");
		Assert.hasText(mount, "mount cannot be empty");
		Assert.notNull(pathPrefix, "pathPrefix cannot be null");
		Assert.notNull(clock, "clock cannot be null");
		this.vaultOperations = vaultOperations;
		this.mount = trimSlashes(mount);
		this.pathPrefix = trimSlashes(pathPrefix);
		this.keyValue = vaultOperations.opsForKeyValue(this.mount, KeyValueBackend.KV_2);
		this.metadata = vaultOperations.opsForVersionedKeyValue(this.mount).opsForKeyValueMetadata();
		this.clock = clock;
		this.resources = resources;
		this.refreshLock = new VaultRefreshLock(vaultOperations, this.mount, this.pathPrefix, REFRESH_LEASE,
				REFRESH_LEASE, clock);
	}

	@Override
	public Mono<Void> saveToken(TokenKey key, OAuthToken token) {
		Assert.notNull(key, "key cannot be null");
		Assert.notNull(token, "token cannot be null");
		String path = path(StoreKeys.token(key));
		return blocking("write", path, () -> {
			this.keyValue.put(path, TokenStoreCodec.tokenToMap(token));
			return null;
		}).then();
	}

	@Override
	public Mono<OAuthToken> loadToken(TokenKey key) {
		Assert.notNull(key, "key cannot be null");
		String path = path(StoreKeys.token(key));
		return blocking("read", path, () -> loadUsableToken(path));
	}

	@Override
	public Mono<Boolean> deleteToken(TokenKey key) {
		Assert.notNull(key, "key cannot be null");
		String path = path(StoreKeys.token(key));
		return blocking("delete", path, () -> deleteAllVersions(path));
	}

	@Override
	public Mono<Boolean> deleteToken(TokenKey key, OAuthToken expected) {
		Assert.notNull(key, "key cannot be null");
		Assert.notNull(expected, "expected cannot be null");
		String path = path(StoreKeys.token(key));
		return blocking("delete", path, () -> {
			VersionedData current = readVersioned(path);
			if (current == null) {
				return false;
			}
			OAuthToken token = TokenStoreCodec.tokenFromMap(current.data(), location(path));
			if (!Objects.equals(token.accessToken(), expected.accessToken())) {
				return false;
			}
			deleteVersion(path, current.version());
			return true;
		});
	}

	/** The keys under a folder; none when Vault has no such folder. */
	private List<String> keys(String folder) {
		List<String> keys = this.keyValue.list(folder);
		return (keys != null) ? keys : List.of();
	}

	@Override
	public Flux<TokenKey> tokenKeys() {
		String folder = path(StoreKeys.TOKENS) + "/";
		return blocking("list", folder, () -> {
			List<TokenKey> keys = new ArrayList<>();
			for (String serverFolder : keys(folder)) {
				if (!serverFolder.endsWith("/")) {
					continue; // a token of 0.1.0 that could not be moved
				}
				String serverName = StoreKeys.unescape(serverFolder.substring(0, serverFolder.length() - 1));
				for (String principal : keys(folder + serverFolder)) {
					if (principal.endsWith("/")) {
						continue;
					}
					TokenKey key = TokenKey.of(serverName, StoreKeys.unescape(principal));
					if (loadUsableToken(path(StoreKeys.token(key))) != null) {
						keys.add(key);
					}
				}
			}
			keys.sort(InMemoryTokenStore.KEY_ORDER);
			return keys;
		}).flatMapIterable(Function.identity());
	}

	@Override
	public Mono<Void> saveRegistration(String serverName, OAuthClientRegistration registration) {
		Assert.hasText(serverName, "serverName cannot be empty");
		Assert.notNull(registration, "registration cannot be null");
		String path = path(StoreKeys.registration(serverName, registration.issuer()));
		return blocking("write", path, () -> {
			this.keyValue.put(path, TokenStoreCodec.registrationToMap(registration));
			return null;
		}).then();
	}

	@Override
	public Mono<OAuthClientRegistration> loadRegistration(String serverName, String issuer) {
		Assert.hasText(serverName, "serverName cannot be empty");
		Assert.notNull(issuer, "issuer cannot be null");
		String path = path(StoreKeys.registration(serverName, issuer));
		return blocking("read", path, () -> {
			Map<String, Object> data = read(path);
			return (data != null) ? TokenStoreCodec.registrationFromMap(data, location(path)) : null;
		});
	}

	@Override
	public Mono<Boolean> deleteRegistration(String serverName, String issuer) {
		Assert.hasText(serverName, "serverName cannot be empty");
		Assert.notNull(issuer, "issuer cannot be null");
		String path = path(StoreKeys.registration(serverName, issuer));
		return blocking("delete", path, () -> deleteAllVersions(path));
	}

	@Override
	public Flux<String> registrationIssuers(String serverName) {
		Assert.hasText(serverName, "serverName cannot be empty");
		String folder = path("registrations/" + StoreKeys.escape(serverName)) + "/";
		return blocking("list", folder, () -> {
			List<String> issuers = new ArrayList<>();
			for (String key : keys(folder)) {
				if (!key.endsWith("/") && read(folder + key) != null) {
					issuers.add(StoreKeys.unescape(key));
				}
			}
			issuers.sort(null);
			return issuers;
		}).flatMapIterable(Function.identity());
	}

	/**
	 * Serializes refreshes of one token across the processes sharing this Vault path, with a
	 * lease entry per server and principal under {@code <prefix>/locks}, created with KV v2
	 * check-and-set.
	 */
	@Override
	public <T> Mono<T> withLock(TokenKey key, Mono<T> work) {
		return this.refreshLock.withLock(key, work);
	}

	@Override
	public String backendName() {
		return "vault";
	}

	/**
	 * Releases what the store created itself (the session of a store built by
	 * {@link TokenStores}: an AppRole token is revoked). A {@link VaultOperations} passed in
	 * by the caller is left alone.
	 */
	@Override
	public void close() {
		if (this.resources != null) {
			try {
				this.resources.close();
			}
			catch (Exception ex) {
				throw new McpOAuthException(McpOAuthErrorCode.STORAGE_FAILED,
						"Could not close the Vault session (" + ex.getMessage() + ")", ex);
			}
		}
	}

	private @Nullable OAuthToken loadUsableToken(String path) {
		VersionedData current = readVersioned(path);
		if (current == null) {
			return null;
		}
		OAuthToken token = TokenStoreCodec.tokenFromMap(current.data(), location(path));
		if (StoreContents.isPurgeable(token, this.clock)) {
			deleteVersion(path, current.version());
			return null;
		}
		return token;
	}

	private @Nullable Map<String, Object> read(String path) {
		VaultResponse response = this.keyValue.get(path);
		return (response != null) ? response.getData() : null;
	}

	/**
	 * Reads the latest version of a secret with its number ({@code GET <mount>/data/<path>}).
	 * @return the data and version, or {@code null} when there is no live latest version
	 */
	@SuppressWarnings("unchecked")
	private @Nullable VersionedData readVersioned(String path) {
		VaultResponse response = this.vaultOperations.read(this.mount + "/data/" + path);
		Map<String, Object> body = (response != null) ? response.getData() : null;
		if (body == null || !(body.get("data") instanceof Map<?, ?> data)
				|| !(body.get("metadata") instanceof Map<?, ?> versionMetadata)
				|| !(versionMetadata.get("version") instanceof Number version)) {
			return null;
		}
		return new VersionedData((Map<String, Object>) data, version.intValue());
	}

	/**
	 * Soft-deletes one version ({@code POST <mount>/delete/<path>}); a later version stays
	 * current.
	 */
	private void deleteVersion(String path, int version) {
		this.vaultOperations.write(this.mount + "/delete/" + path, Map.of("versions", List.of(version)));
	}

	private boolean deleteAllVersions(String path) {
		boolean existed = this.keyValue.get(path) != null;
		this.metadata.delete(path);
		return existed;
	}

	/**
	 * Moves every {@code tokens/<server>} of 0.1.0 to {@code tokens/<server>/default}: written
	 * with {@code cas} 0 (never over a token stored there already), then the old secret
	 * removed.
	 */
	private void migrateLegacyTokens() {
		String folder = path(StoreKeys.TOKENS) + "/";
		int moved = 0;
		for (String key : keys(folder)) {
			if (key.endsWith("/")) {
				continue;
			}
			String serverName = StoreKeys.unescape(key);
			String legacyPath = path(StoreKeys.legacyToken(serverName));
			Map<String, Object> data = read(legacyPath);
			if (data != null) {
				writeIfAbsent(path(StoreKeys.token(TokenKey.of(serverName))), data);
				moved++;
			}
			this.metadata.delete(legacyPath);
		}
		if (moved > 0) {
			logger.info("Moved the Vault tokens of " + moved + " server(s) stored by mcp-oauth 0.1.0 under "
					+ location(folder) + " to the default principal");
		}
	}

	private void writeIfAbsent(String path, Map<String, Object> data) {
		try {
			this.vaultOperations.write(this.mount + "/data/" + path, Map.of("data", data, "options", Map.of("cas", 0)));
		}
		catch (VaultException ex) {
			if (!String.valueOf(ex.getMessage()).contains("check-and-set")) {
				throw ex;
			}
			// a token is stored there already: it is newer than the one of 0.1.0
		}
	}

	private <T> Mono<T> blocking(String action, String path, Callable<@Nullable T> work) {
		return Mono.fromCallable(() -> {
			try {
				if (!this.migrated) {
					migrateLegacyTokens();
					this.migrated = true;
				}
				return work.call();
			}
			catch (VaultException | RestClientException ex) {
				throw new McpOAuthException(McpOAuthErrorCode.STORAGE_FAILED, "Could not " + action + " "
						+ location(path) + " in Vault (" + ex.getMessage() + "); check the Vault address, the token or"
						+ " AppRole credentials, and that the policy allows this path on a KV v2 mount", ex);
			}
		}).subscribeOn(Schedulers.boundedElastic());
	}

	private String path(String key) {
		return this.pathPrefix.isEmpty() ? key : this.pathPrefix + "/" + key;
	}

	private String location(String path) {
		return "vault:" + this.mount + "/" + path;
	}

	private static String trimSlashes(String path) {
		String trimmed = path.trim();
		while (trimmed.startsWith("/")) {
			trimmed = trimmed.substring(1);
		}
		while (trimmed.endsWith("/")) {
			trimmed = trimmed.substring(0, trimmed.length() - 1);
		}
		return trimmed;
	}

	@Override
	public String toString() {
		return "VaultTokenStore[mount=" + this.mount + ", pathPrefix=" + this.pathPrefix + "]";
	}

	private record VersionedData(Map<String, Object> data, int version) {

		@Override
		public String toString() {
			return "VersionedData[version=" + this.version + "]";
		}

	}

}
