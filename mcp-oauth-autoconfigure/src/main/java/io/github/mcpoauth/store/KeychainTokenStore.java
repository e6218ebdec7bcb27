package io.github.mcpoauth.store;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
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
 * A {@link TokenStore} in the operating system's keychain through java-keyring: the macOS
 * Keychain, the Secret Service on Linux (GNOME Keyring, KWallet) or the Windows Credential
 * Manager. The keychain encrypts the entries at rest with the user's login secret and
 * releases them only to that user's session.
 *
 * <p>Every entry is stored under the service name (default {@value #DEFAULT_SERVICE_NAME}),
 * one account per key: {@code tokens/<server>} and
 * {@code registrations/<server>/<issuer>} (names escaped, see {@code docs/storage.md}),
 * holding the JSON of the shared codec. Keychains cannot list their entries, so an
 * {@value #INDEX_ACCOUNT} entry holds the server names and registration keys (no secrets);
 * {@link #serverNames()} reads it and drops names whose token has gone.
 *
 * <p>Calls into the keychain block (D-Bus, Security framework, Win32); every operation runs
 * on {@link Schedulers#boundedElastic()}, never on the caller's thread. Operations of one
 * instance are serialized; two processes updating the index at the same moment may lose one
 * index update (a name then reappears at that server's next save), never a token. Tokens
 * that are expired and have no refresh token are dropped when loaded or listed.
 *
 * <p>Close the store to release its keychain connection.
 */
public final class KeychainTokenStore implements TokenStore, AutoCloseable {

	/** The default keychain service name. */
	public static final String DEFAULT_SERVICE_NAME = "mcp-oauth";

	/** The account holding the index of stored keys. */
	public static final String INDEX_ACCOUNT = "index";

	private static final Log logger = LogFactory.getLog(KeychainTokenStore.class);

	private final Keychain keychain;

	private final Clock clock;

	private final ReentrantLock lock = new ReentrantLock();

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
	public Mono<Void> saveToken(String serverName, OAuthToken token) {
		Assert.hasText(serverName, "serverName cannot be empty");
		Assert.notNull(token, "token cannot be null");
		return blocking(() -> {
			this.keychain.set(StoreKeys.token(serverName), json(TokenStoreCodec.writeToken(token)));
			updateIndex((index) -> index.servers().add(serverName));
			return null;
		}).then();
	}

	@Override
	public Mono<OAuthToken> loadToken(String serverName) {
		Assert.hasText(serverName, "serverName cannot be empty");
		return blocking(() -> loadUsableToken(serverName));
	}

	@Override
	public Mono<Boolean> deleteToken(String serverName) {
		Assert.hasText(serverName, "serverName cannot be empty");
		return blocking(() -> {
			String account = StoreKeys.token(serverName);
			boolean existed = this.keychain.get(account) != null;
			if (existed) {
				this.keychain.delete(account);
			}
			updateIndex((index) -> index.servers().remove(serverName));
			return existed;
		});
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

	@Override
	public Flux<String> serverNames() {
		return blocking(() -> {
			List<String> usable = new ArrayList<>();
			for (String serverName : readIndex().servers()) {
				if (loadUsableToken(serverName) != null) {
					usable.add(serverName);
				}
				else {
					updateIndex((index) -> index.servers().remove(serverName));
				}
			}
			return usable;
		}).flatMapIterable(Function.identity());
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

	private @Nullable OAuthToken loadUsableToken(String serverName) {
		String account = StoreKeys.token(serverName);
		String json = this.keychain.get(account);
		if (json == null) {
			return null;
		}
		OAuthToken token = TokenStoreCodec.readToken(bytes(json), "keychain:" + account);
		if (StoreContents.isPurgeable(token, this.clock)) {
			this.keychain.delete(account);
			updateIndex((index) -> index.servers().remove(serverName));
			return null;
		}
		return token;
	}

	private <T> Mono<T> blocking(Callable<@Nullable T> work) {
		return Mono.fromCallable(() -> {
			this.lock.lock();
			try {
				return work.call();
			}
			finally {
				this.lock.unlock();
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
			return new Index(new TreeSet<>(), new TreeSet<>(KeychainTokenStore::compare));
		}
		try {
			StoredIndex stored = TokenStoreCodec.readIndex(bytes(json), "keychain:" + INDEX_ACCOUNT);
			Set<List<String>> registrations = new TreeSet<>(KeychainTokenStore::compare);
			stored.registrationList().stream().filter((pair) -> pair.size() == 2).forEach(registrations::add);
			return new Index(new TreeSet<>(stored.serverList()), registrations);
		}
		catch (McpOAuthException ex) {
			// the index holds no secret: rebuild it rather than fail every save
			logger.warn("The keychain index entry is unreadable and is rebuilt; server names saved before may"
					+ " not be listed until they are saved again");
			return new Index(new TreeSet<>(), new TreeSet<>(KeychainTokenStore::compare));
		}
	}

	private static int compare(List<String> left, List<String> right) {
		int byServer = left.get(0).compareTo(right.get(0));
		return (byServer != 0) ? byServer : left.get(1).compareTo(right.get(1));
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

	private record Index(Set<String> servers, Set<List<String>> registrations) {

		StoredIndex toStored() {
			return StoredIndex.of(this.servers, this.registrations);
		}

	}

}
