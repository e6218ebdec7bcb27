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

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

import io.github.mcpoauth.core.McpOAuthException;
import io.github.mcpoauth.registration.OAuthClientRegistration;
import io.github.mcpoauth.store.TokenStoreCodec.StoredIndex;
import io.github.mcpoauth.token.OAuthToken;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.util.Assert;

/**
 * A {@link TokenStore} and {@link io.github.mcpoauth.registration.ClientRegistrationStore}
 * in the operating system's keychain through java-keyring: the macOS Keychain, the Secret
 * Service on Linux (GNOME Keyring, KWallet) or the Windows Credential Manager. The
 * keychain encrypts the entries at rest with the user's login secret and releases them
 * only to that user's session.
 *
 * <p>Every entry is stored under the service name (default {@value #DEFAULT_SERVICE_NAME}),
 * one account per key: {@code tokens/<server>/<principal>} and
 * {@code registrations/<server>/<issuer>} (names escaped, see {@code docs/storage.md}),
 * holding the JSON of the shared codec. Keychains cannot list their entries, so an
 * {@value #INDEX_ACCOUNT} entry holds the token and registration keys (no secrets);
 * {@link #tokenKeys()} reads it and drops keys whose token has gone.
 *
 * <p>mcp-oauth 0.1.0 kept one token per server, as {@code tokens/<server>}, listed under
 * {@code servers} in the index. On its first operation a store moves each such token to
 * the {@link TokenKey#DEFAULT_PRINCIPAL default principal}'s account, and removes the old
 * entry only after the new one is written; a legacy entry missing from the index is moved
 * when the default principal's token of its server is first read. Registrations kept their
 * accounts.
 *
 * <p>Calls into the keychain block (D-Bus, Security framework, Win32); every operation runs
 * on {@link Schedulers#boundedElastic()}, never on the caller's thread. Operations of all
 * instances in one JVM are serialized by one lock, so
 * {@link #deleteToken(TokenKey, OAuthToken)} (read, compare, delete) is atomic within the
 * JVM; keychains offer no compare-and-delete, so across processes it is best effort: a
 * token another process stores between the read and the delete can be removed (its next
 * request then asks to authorize again). Two processes updating the index at the same
 * moment may lose one index update (a key then reappears at its next save), never a
 * token. Tokens that are expired and have no refresh token are dropped when loaded or
 * listed.
 *
 * <p>Close the store to release its keychain connection.
 */
public final class KeychainTokenStore implements McpOAuthStore, AutoCloseable {

	/** The default keychain service name. */
	public static final String DEFAULT_SERVICE_NAME = "mcp-oauth";

	/** The account holding the index of stored keys. */
	public static final String INDEX_ACCOUNT = "index";

	private static final Log logger = LogFactory.getLog(KeychainTokenStore.class);

	/** One lock for the JVM: keychain entries are shared by every instance. */
	private static final ReentrantLock LOCK = new ReentrantLock();

	private final Keychain keychain;

	private final Clock clock;

	private volatile boolean migrated;

	/**
	 * A store under the service name {@value #DEFAULT_SERVICE_NAME}.
	 */
	public KeychainTokenStore() {
		this(DEFAULT_SERVICE_NAME, Clock.systemUTC());
	}

	/**
	 * @param serviceName the keychain service name the entries are stored under
	 * @param clock the clock used to drop expired tokens
	 */
	public KeychainTokenStore(String serviceName, Clock clock) {
		this(new JavaKeyringKeychain(serviceName), clock);
	}

	KeychainTokenStore(Keychain keychain, Clock clock) {
		Assert.notNull(keychain, "keychain cannot be null");
		Assert.notNull(clock, "clock cannot be null");
		this.keychain = keychain;
		this.clock = clock;
	}

	@Override
	public Mono<Void> saveToken(TokenKey key, OAuthToken token) {
		Assert.notNull(key, "key cannot be null");
		Assert.notNull(token, "token cannot be null");
		return blocking(() -> {
			this.keychain.set(StoreKeys.token(key), json(TokenStoreCodec.writeToken(token)));
			updateIndex((index) -> index.tokens().add(pair(key)));
			return null;
		}).then();
	}

	@Override
	public Mono<OAuthToken> loadToken(TokenKey key) {
		Assert.notNull(key, "key cannot be null");
		return blocking(() -> loadUsableToken(key));
	}

	@Override
	public Mono<Boolean> deleteToken(TokenKey key) {
		Assert.notNull(key, "key cannot be null");
		return blocking(() -> {
			boolean existed = readToken(key) != null;
			if (existed) {
				this.keychain.delete(StoreKeys.token(key));
			}
			updateIndex((index) -> index.tokens().remove(pair(key)));
			return existed;
		});
	}

	/**
	 * {@inheritDoc}
	 * <p>Atomic within this JVM only: see the class description.
	 */
	@Override
	public Mono<Boolean> deleteToken(TokenKey key, OAuthToken expected) {
		Assert.notNull(key, "key cannot be null");
		Assert.notNull(expected, "expected cannot be null");
		return blocking(() -> {
			String json = readToken(key);
			if (json == null) {
				return false;
			}
			OAuthToken current = TokenStoreCodec.readToken(bytes(json), "keychain:" + StoreKeys.token(key));
			if (!Objects.equals(current.accessToken(), expected.accessToken())) {
				return false;
			}
			this.keychain.delete(StoreKeys.token(key));
			updateIndex((index) -> index.tokens().remove(pair(key)));
			return true;
		});
	}

	@Override
	public Flux<TokenKey> tokenKeys() {
		return blocking(() -> {
			List<TokenKey> usable = new ArrayList<>();
			for (List<String> pair : readIndex().tokens()) {
				TokenKey key = TokenKey.of(pair.get(0), pair.get(1));
				if (loadUsableToken(key) != null) {
					usable.add(key);
				}
				else {
					updateIndex((index) -> index.tokens().remove(pair));
				}
			}
			return usable;
		}).flatMapIterable(Function.identity());
	}

	@Override
	public Mono<Void> saveRegistration(String serverName, OAuthClientRegistration registration) {
		Assert.hasText(serverName, "serverName cannot be empty");
		Assert.notNull(registration, "registration cannot be null");
		return blocking(() -> {
			this.keychain.set(StoreKeys.registration(serverName, registration.issuer()),
					json(TokenStoreCodec.writeRegistration(registration)));
			updateIndex((index) -> index.registrations().add(List.of(serverName, registration.issuer())));
			return null;
		}).then();
	}

	@Override
	public Mono<OAuthClientRegistration> loadRegistration(String serverName, String issuer) {
		Assert.hasText(serverName, "serverName cannot be empty");
		Assert.notNull(issuer, "issuer cannot be null");
		return blocking(() -> {
			String account = StoreKeys.registration(serverName, issuer);
			String json = this.keychain.get(account);
			return (json != null) ? TokenStoreCodec.readRegistration(bytes(json), "keychain:" + account) : null;
		});
	}

	@Override
	public Mono<Boolean> deleteRegistration(String serverName, String issuer) {
		Assert.hasText(serverName, "serverName cannot be empty");
		Assert.notNull(issuer, "issuer cannot be null");
		return blocking(() -> {
			String account = StoreKeys.registration(serverName, issuer);
			boolean existed = this.keychain.get(account) != null;
			if (existed) {
				this.keychain.delete(account);
			}
			updateIndex((index) -> index.registrations().remove(List.of(serverName, issuer)));
			return existed;
		});
	}

	/**
	 * {@inheritDoc}
	 * <p>Read from the index, which a concurrent update of another process may have lost
	 * (see the class description).
	 */
	@Override
	public Flux<String> registrationIssuers(String serverName) {
		Assert.hasText(serverName, "serverName cannot be empty");
		return blocking(() -> readIndex().registrations()
			.stream()
			.filter((pair) -> pair.get(0).equals(serverName))
			.map((pair) -> pair.get(1))
			.toList()).flatMapIterable(Function.identity());
	}

	@Override
	public String backendName() {
		return "keychain";
	}

	/**
	 * Releases the keychain connection. The store opens a new one if used again.
	 */
	@Override
	public void close() {
		this.keychain.close();
	}

	/**
	 * Which keychain answers (for example {@code GNOME_KEYRING}). Blocking.
	 * @return the keychain type
	 */
	public String keychainType() {
		return this.keychain.description();
	}

	private @Nullable OAuthToken loadUsableToken(TokenKey key) {
		String json = readToken(key);
		if (json == null) {
			return null;
		}
		String account = StoreKeys.token(key);
		OAuthToken token = TokenStoreCodec.readToken(bytes(json), "keychain:" + account);
		if (StoreContents.isPurgeable(token, this.clock)) {
			this.keychain.delete(account);
			updateIndex((index) -> index.tokens().remove(pair(key)));
			return null;
		}
		return token;
	}

	/**
	 * Reads the JSON of a token; the default principal's falls back to a legacy entry of
	 * 0.1.0 the index did not list, and moves it.
	 */
	private @Nullable String readToken(TokenKey key) {
		String json = this.keychain.get(StoreKeys.token(key));
		if (json == null && TokenKey.DEFAULT_PRINCIPAL.equals(key.principal())
				&& this.keychain.get(StoreKeys.legacyToken(key.serverName())) != null) {
			migrateLegacyToken(key.serverName());
			json = this.keychain.get(StoreKeys.token(key));
		}
		return json;
	}

	/**
	 * Moves the tokens of 0.1.0 listed in the index to the default principal's accounts.
	 */
	private void migrateLegacyTokens() {
		List<String> legacy = List.copyOf(readIndex().legacyServers());
		for (String serverName : legacy) {
			migrateLegacyToken(serverName);
		}
		if (!legacy.isEmpty()) {
			logger.info("Moved the keychain tokens of " + legacy.size() + " server(s) stored by mcp-oauth 0.1.0 to"
					+ " the default principal");
		}
	}

	/**
	 * Copies {@code tokens/<server>} to the default principal's account unless that one
	 * exists and records it in the index; only then deletes the old entry, and finally
	 * drops the server from the index's legacy list (so an interrupted move is finished by
	 * the next store).
	 */
	private void migrateLegacyToken(String serverName) {
		String legacyAccount = StoreKeys.legacyToken(serverName);
		String json = this.keychain.get(legacyAccount);
		if (json != null) {
			TokenKey key = TokenKey.of(serverName);
			if (this.keychain.get(StoreKeys.token(key)) == null) {
				this.keychain.set(StoreKeys.token(key), json);
			}
			updateIndex((index) -> index.tokens().add(pair(key)));
			this.keychain.delete(legacyAccount);
		}
		updateIndex((index) -> index.legacyServers().remove(serverName));
	}

	private <T> Mono<T> blocking(Callable<@Nullable T> work) {
		return Mono.fromCallable(() -> {
			LOCK.lock();
			try {
				if (!this.migrated) {
					migrateLegacyTokens();
					this.migrated = true;
				}
				return work.call();
			}
			finally {
				LOCK.unlock();
			}
		}).subscribeOn(Schedulers.boundedElastic());
	}

	private void updateIndex(Function<Index, Boolean> change) {
		Index index = readIndex();
		if (change.apply(index)) {
			this.keychain.set(INDEX_ACCOUNT, json(TokenStoreCodec.writeIndex(index.toStored())));
		}
	}

	private Index readIndex() {
		String json = this.keychain.get(INDEX_ACCOUNT);
		if (json == null) {
			return Index.empty();
		}
		try {
			StoredIndex stored = TokenStoreCodec.readIndex(bytes(json), "keychain:" + INDEX_ACCOUNT);
			Index index = Index.empty();
			stored.tokenList().stream().filter(KeychainTokenStore::isPair).forEach(index.tokens()::add);
			stored.registrationList().stream().filter(KeychainTokenStore::isPair).forEach(index.registrations()::add);
			stored.legacyServerList().stream().filter(Objects::nonNull).forEach(index.legacyServers()::add);
			return index;
		}
		catch (McpOAuthException ex) {
			// the index holds no secret: rebuild it rather than fail every save
			logger.warn("The keychain index entry is unreadable and is rebuilt; keys saved before may"
					+ " not be listed until they are saved again");
			return Index.empty();
		}
	}

	private static boolean isPair(List<String> pair) {
		return pair.size() == 2 && pair.get(0) != null && pair.get(1) != null;
	}

	private static List<String> pair(TokenKey key) {
		return List.of(key.serverName(), key.principal());
	}

	private static int compare(List<String> left, List<String> right) {
		int first = left.get(0).compareTo(right.get(0));
		return (first != 0) ? first : left.get(1).compareTo(right.get(1));
	}

	private static String json(byte[] bytes) {
		return new String(bytes, StandardCharsets.UTF_8);
	}

	private static byte[] bytes(String json) {
		return json.getBytes(StandardCharsets.UTF_8);
	}

	@Override
	public String toString() {
		return "KeychainTokenStore[" + this.keychain + "]";
	}

	/**
	 * The index: token keys as (server, principal), registration keys as (server, issuer),
	 * and the servers whose token is still in the layout of 0.1.0 (until it is moved).
	 */
	private record Index(Set<List<String>> tokens, Set<List<String>> registrations, Set<String> legacyServers) {

		static Index empty() {
			return new Index(new TreeSet<>(KeychainTokenStore::compare), new TreeSet<>(KeychainTokenStore::compare),
					new TreeSet<>());
		}

		StoredIndex toStored() {
			return StoredIndex.of(this.legacyServers, this.tokens, this.registrations);
		}

	}

}
