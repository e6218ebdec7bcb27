package io.github.mcpoauth.store;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;

import io.github.mcpoauth.core.McpOAuthErrorCode;
import io.github.mcpoauth.core.McpOAuthException;
import io.github.mcpoauth.registration.OAuthClientRegistration;
import io.github.mcpoauth.token.OAuthToken;
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
 * A {@link TokenStore} in a HashiCorp Vault KV version 2 secrets engine, through Spring
 * Vault, for a fleet of servers that share tokens and client registrations.
 *
 * <p>Each entry is its own secret under {@code <mount>/data/<prefix>/}:
 * {@code tokens/<server>} and {@code registrations/<server>/<issuer>} (names escaped, see
 * {@code docs/storage.md}); the secret's data are the fields of the shared codec. Deleting
 * removes the secret's metadata and so every version ({@code DELETE <mount>/metadata/...}),
 * so no old token lingers in the version history. {@link #serverNames()} lists
 * {@code <prefix>/tokens/} ({@code LIST <mount>/metadata/...}).
 *
 * <p>The {@link VaultOperations} decides the authentication (token, AppRole, ...);
 * {@link TokenStores} builds one from plain settings. Spring Vault's client blocks, so
 * every operation runs on {@link Schedulers#boundedElastic()}, never on the caller's
 * thread. Tokens that are expired and have no refresh token are dropped when loaded or
 * listed.
 *
 * @see <a href="https://developer.hashicorp.com/vault/api-docs/secret/kv/kv-v2">Vault KV v2 API</a>
 */
public final class VaultTokenStore implements TokenStore, AutoCloseable {

	/** The default mount of the KV v2 engine (Vault's dev server mounts one there). */
	public static final String DEFAULT_MOUNT = "secret";

	/** The default path prefix under the mount. */
	public static final String DEFAULT_PATH_PREFIX = "mcp-oauth";

	private final VaultKeyValueOperations keyValue;

	private final VaultKeyValueMetadataOperations metadata;

	private final String mount;

	private final String pathPrefix;

	private final Clock clock;

	private final @Nullable AutoCloseable resources;

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
		this.mount = trimSlashes(mount);
		this.pathPrefix = trimSlashes(pathPrefix);
		this.keyValue = vaultOperations.opsForKeyValue(this.mount, KeyValueBackend.KV_2);
		this.metadata = vaultOperations.opsForVersionedKeyValue(this.mount).opsForKeyValueMetadata();
		this.clock = clock;
		this.resources = resources;
	}

	@Override
	public Mono<Void> saveToken(String serverName, OAuthToken token) {
		Assert.hasText(serverName, "serverName cannot be empty");
		Assert.notNull(token, "token cannot be null");
		String path = path(StoreKeys.token(serverName));
		return blocking("write", path, () -> {
			this.keyValue.put(path, TokenStoreCodec.tokenToMap(token));
			return null;
		}).then();
	}

	@Override
	public Mono<OAuthToken> loadToken(String serverName) {
		Assert.hasText(serverName, "serverName cannot be empty");
		String path = path(StoreKeys.token(serverName));
		return blocking("read", path, () -> loadUsableToken(path));
	}

	@Override
	public Mono<Boolean> deleteToken(String serverName) {
		Assert.hasText(serverName, "serverName cannot be empty");
		String path = path(StoreKeys.token(serverName));
		return blocking("delete", path, () -> deleteAllVersions(path));
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
	public Flux<String> serverNames() {
		String folder = path("tokens") + "/";
		return blocking("list", folder, () -> {
			List<String> names = new ArrayList<>();
			for (String key : this.keyValue.list(folder)) {
				if (key.endsWith("/")) {
					continue;
				}
				String serverName = StoreKeys.unescape(key);
				if (loadUsableToken(path(StoreKeys.token(serverName))) != null) {
					names.add(serverName);
				}
			}
			names.sort(null);
			return names;
		}).flatMapIterable(Function.identity());
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
		Map<String, Object> data = read(path);
		if (data == null) {
			return null;
		}
		OAuthToken token = TokenStoreCodec.tokenFromMap(data, location(path));
		if (StoreContents.isPurgeable(token, this.clock)) {
			this.metadata.delete(path);
			return null;
		}
		return token;
	}

	private @Nullable Map<String, Object> read(String path) {
		VaultResponse response = this.keyValue.get(path);
		return (response != null) ? response.getData() : null;
	}

	private boolean deleteAllVersions(String path) {
		boolean existed = this.keyValue.get(path) != null;
		this.metadata.delete(path);
		return existed;
	}

	private <T> Mono<T> blocking(String action, String path, Callable<@Nullable T> work) {
		return Mono.fromCallable(() -> {
			try {
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

}
