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
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import javax.crypto.AEADBadTagException;

import io.github.mcpoauth.core.McpOAuthErrorCode;
import io.github.mcpoauth.core.McpOAuthException;
import io.github.mcpoauth.registration.OAuthClientRegistration;
import io.github.mcpoauth.store.EncryptedFileFormat.Keys;
import io.github.mcpoauth.token.OAuthToken;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.R2dbcException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.util.Assert;

/**
 * A {@link TokenStore}, {@link io.github.mcpoauth.registration.ClientRegistrationStore} and
 * {@link TokenRefreshLock} in PostgreSQL, reached through R2DBC (the application's
 * {@link ConnectionFactory}), for a fleet of application instances that share tokens and
 * make one refresh per token between them.
 *
 * <p><b>Tables.</b> {@code mcp_oauth_token} (one row per server and principal),
 * {@code mcp_oauth_registration} (one row per server and issuer), {@code mcp_oauth_key}
 * (the salt of the key) and {@code mcp_oauth_schema} (the applied schema versions). The
 * schema ships with the library ({@code io/github/mcpoauth/store/postgresql/schema-vN.sql})
 * and is created or migrated by {@link #initialize()} when allowed; see
 * {@code docs/storage.md}.
 *
 * <p><b>Encryption at rest.</b> Each token and registration is the shared codec's JSON,
 * sealed with AES-256-GCM (a fresh random IV per value) under a key derived with
 * PBKDF2-HMAC-SHA256 (NIST SP 800-132) from a password and the database's salt; the
 * additional authenticated data is the row's identity, so a value copied to another row
 * (another principal's) fails its integrity check. Only server names, principals, issuers,
 * expiry times and versions are stored in clear. The salt and a key check live in
 * {@code mcp_oauth_key}: every instance with the same password derives the same key, and a
 * wrong password is reported as such.
 *
 * <p><b>Concurrency.</b> Every row has a {@code version} that grows on each write.
 * {@link #deleteToken(TokenKey, OAuthToken)} reads the row, compares the access token and
 * deletes with {@code WHERE version = <read>}, so a token another instance stored meanwhile
 * is never removed. {@link #withLock(TokenKey, Mono)} holds a transaction-scoped advisory
 * lock ({@code pg_advisory_xact_lock}) per server and principal on a connection of its own
 * for the duration of a refresh: a holder that dies releases it at once (PostgreSQL ends
 * the session), one that hangs loses it after the lease
 * ({@code idle_in_transaction_session_timeout}). While a lock is held, a save of that token
 * by this store is a compare-and-set against the version read when the lock was taken: a
 * holder whose lease ran out and whose token another instance replaced meanwhile does not
 * overwrite it.
 *
 * <p>Every operation is non-blocking (R2DBC); only the one-time key derivation runs on
 * {@link Schedulers#boundedElastic()}. Database failures become
 * {@link McpOAuthErrorCode#STORAGE_FAILED}; nothing is cached, so the store works again as
 * soon as the database does. Tokens that are expired and have no refresh token are dropped
 * when they are loaded or listed.
 *
 * @see <a href="https://www.postgresql.org/docs/15/explicit-locking.html#ADVISORY-LOCKS">PostgreSQL:
 * advisory locks</a>
 * @see <a href="https://csrc.nist.gov/pubs/sp/800/132/final">NIST SP 800-132</a>
 * @see <a href="https://csrc.nist.gov/pubs/sp/800/38/d/final">NIST SP 800-38D</a>
 */
public final class PostgresTokenStore implements McpOAuthStore, TokenRefreshLock {

	/** The schema version this store reads and writes. */
	public static final int SCHEMA_VERSION = PostgresSchema.CURRENT_VERSION;

	/** How long a refresh may hold the lock before another instance may take it over. */
	public static final Duration DEFAULT_REFRESH_LOCK_LEASE = Duration.ofSeconds(30);

	/** How long a refresh waits for another instance's refresh of the same token. */
	public static final Duration DEFAULT_REFRESH_LOCK_TIMEOUT = Duration.ofSeconds(60);

	/** How long one read or write may take before it fails. */
	public static final Duration DEFAULT_OPERATION_TIMEOUT = Duration.ofSeconds(10);

	static final String KDF = "PBKDF2-HMAC-SHA256";

	private static final Logger logger = LoggerFactory.getLogger(PostgresTokenStore.class);

	private final ConnectionFactory connectionFactory;

	private final PostgresRefreshLock refreshLock;

	private final char[] password;

	private final String passwordSource;

	private final int iterations;

	private final Clock clock;

	private final boolean initializeSchema;

	private final Duration operationTimeout;

	private final String location;

	private final ConcurrentMap<TokenKey, Hold> holds = new ConcurrentHashMap<>();

	private final AtomicReference<@Nullable Mono<Keys>> initialization = new AtomicReference<>();

	private volatile @Nullable Keys keys;

	private PostgresTokenStore(Builder builder) {
		this.connectionFactory = builder.connectionFactory;
		this.password = Objects.requireNonNull(builder.password).clone();
		this.passwordSource = builder.passwordSource;
		this.iterations = builder.iterations;
		this.clock = builder.clock;
		this.initializeSchema = builder.initializeSchema;
		this.operationTimeout = builder.operationTimeout;
		this.location = builder.location;
		this.refreshLock = new PostgresRefreshLock(lockConnections(builder.connectionFactory), this.holds, this::version,
				builder.refreshLockLease, builder.refreshLockTimeout, this.location);
	}

	/**
	 * Starts a store on a connection factory (the application's, usually a pool).
	 * @param connectionFactory the R2DBC connection factory of a PostgreSQL database
	 * @return a builder; {@link Builder#password(char[])} is required
	 */
	public static Builder builder(ConnectionFactory connectionFactory) {
		return new Builder(connectionFactory);
	}

	/**
	 * Creates or migrates the schema (when allowed, otherwise checks it), and derives the key
	 * from the password and the database's salt, creating the salt on first use. Idempotent;
	 * every operation runs it first if it has not succeeded yet, and the auto-configuration
	 * runs it at start-up so that a database that cannot be reached, a schema that is too
	 * old, or a wrong password stop the application with a clear message.
	 * @return completion
	 */
	public Mono<Void> initialize() {
		return keys().then();
	}

	@Override
	public Mono<Void> saveToken(TokenKey key, OAuthToken token) {
		Assert.notNull(key, "key cannot be null");
		Assert.notNull(token, "token cannot be null");
		return operation("write the token of " + describe(key), (connection, keys) -> {
			byte[] value = seal(keys, tokenAad(key), TokenStoreCodec.writeToken(token));
			Hold hold = this.holds.get(key);
			if (hold == null) {
				return PostgresStatements.one(connection, UPSERT_TOKEN, (row) -> PostgresStatements.required(row, 0, Long.class), key.serverName(),
						key.principal(), value, this.clock.instant(), nullable(token.expiresAt(), Instant.class),
						token.hasRefreshToken())
					.then();
			}
			long expected = hold.expected;
			Mono<Long> written = (expected == 0)
					? PostgresStatements.one(connection, INSERT_TOKEN_IF_ABSENT, (row) -> PostgresStatements.required(row, 0, Long.class),
							key.serverName(), key.principal(), value, this.clock.instant(),
							nullable(token.expiresAt(), Instant.class), token.hasRefreshToken())
					: PostgresStatements.one(connection, UPDATE_TOKEN_IF_VERSION, (row) -> PostgresStatements.required(row, 0, Long.class),
							key.serverName(), key.principal(), value, this.clock.instant(),
							nullable(token.expiresAt(), Instant.class), token.hasRefreshToken(), expected);
			return written.doOnNext((version) -> hold.expected = version)
				.switchIfEmpty(Mono.fromRunnable(() -> logger.warn("The token of {} changed in the database while this"
						+ " instance held its refresh lock (the lock outlived its lease, or the token was removed): the"
						+ " stored state is kept, and this instance's new token is used by this instance only (raise"
						+ " mcp.oauth.storage.database.refresh-lock-lease if refreshes take that long)", describe(key))))
				.then();
		});
	}

	@Override
	public Mono<OAuthToken> loadToken(TokenKey key) {
		Assert.notNull(key, "key cannot be null");
		return operation("read the token of " + describe(key),
				(connection, keys) -> PostgresStatements
					.one(connection, SELECT_TOKEN, (row) -> new StoredRow(PostgresStatements.required(row, 0, Long.class), PostgresStatements.required(row, 1, byte[].class)),
							key.serverName(), key.principal())
					.flatMap((stored) -> {
						OAuthToken token = openToken(keys, key, stored.value());
						if (StoreContents.isPurgeable(token, this.clock)) {
							return deleteVersion(connection, key, stored.version()).then(Mono.empty());
						}
						return Mono.just(token);
					}));
	}

	@Override
	public Mono<Boolean> deleteToken(TokenKey key) {
		Assert.notNull(key, "key cannot be null");
		return operation("delete the token of " + describe(key),
				(connection, keys) -> PostgresStatements
					.update(connection, DELETE_TOKEN, key.serverName(), key.principal())
					.map((count) -> {
						forgetHeldVersion(key);
						return count > 0;
					}));
	}

	/**
	 * {@inheritDoc}
	 * <p>Reads the row, compares the access token and deletes with
	 * {@code WHERE version = <the version read>}: a token another instance stored in between
	 * has another version and stays.
	 */
	@Override
	public Mono<Boolean> deleteToken(TokenKey key, OAuthToken expected) {
		Assert.notNull(key, "key cannot be null");
		Assert.notNull(expected, "expected cannot be null");
		return operation("delete the token of " + describe(key),
				(connection, keys) -> PostgresStatements
					.one(connection, SELECT_TOKEN, (row) -> new StoredRow(PostgresStatements.required(row, 0, Long.class), PostgresStatements.required(row, 1, byte[].class)),
							key.serverName(), key.principal())
					.flatMap((stored) -> {
						OAuthToken current = openToken(keys, key, stored.value());
						if (!current.accessToken().equals(expected.accessToken())) {
							return Mono.just(false);
						}
						return deleteVersion(connection, key, stored.version()).doOnNext((deleted) -> {
							if (deleted) {
								forgetHeldVersion(key);
							}
						});
					})
					.defaultIfEmpty(false));
	}

	@Override
	public Flux<TokenKey> tokenKeys() {
		return operation("list the tokens", (connection, keys) -> PostgresStatements
			.many(connection, SELECT_TOKEN_KEYS,
					(row) -> new ListedToken(TokenKey.of(PostgresStatements.required(row, 0, String.class), PostgresStatements.required(row, 1, String.class)),
							PostgresStatements.required(row, 2, Long.class), PostgresStatements.required(row, 3, byte[].class), row.get(4, Instant.class),
							row.get(5, Boolean.class)))
			.concatMap((listed) -> {
				if (!isPurgeable(keys, listed)) {
					return Mono.just(listed.key());
				}
				return deleteVersion(connection, listed.key(), listed.version()).then(Mono.<TokenKey>empty());
			})
			.collectList()
			.map((list) -> {
				List<TokenKey> sorted = new ArrayList<>(list);
				sorted.sort(InMemoryTokenStore.KEY_ORDER);
				return sorted;
			})).flatMapIterable(Function.identity());
	}

	@Override
	public Mono<Void> saveRegistration(String serverName, OAuthClientRegistration registration) {
		Assert.hasText(serverName, "serverName cannot be empty");
		Assert.notNull(registration, "registration cannot be null");
		return operation("write the client registration of server '" + serverName + "'", (connection, keys) -> {
			byte[] value = seal(keys, registrationAad(serverName, registration.issuer()),
					TokenStoreCodec.writeRegistration(registration));
			return PostgresStatements
				.update(connection, UPSERT_REGISTRATION, serverName, registration.issuer(), value, this.clock.instant())
				.then();
		});
	}

	@Override
	public Mono<OAuthClientRegistration> loadRegistration(String serverName, String issuer) {
		Assert.hasText(serverName, "serverName cannot be empty");
		Assert.notNull(issuer, "issuer cannot be null");
		return operation("read the client registration of server '" + serverName + "'",
				(connection, keys) -> PostgresStatements
					.one(connection, SELECT_REGISTRATION, (row) -> PostgresStatements.required(row, 0, byte[].class), serverName, issuer)
					.map((value) -> TokenStoreCodec.readRegistration(
							open(keys, registrationAad(serverName, issuer), value, "the client registration of server '"
									+ serverName + "' with " + issuer),
							where("mcp_oauth_registration", serverName, issuer))));
	}

	@Override
	public Mono<Boolean> deleteRegistration(String serverName, String issuer) {
		Assert.hasText(serverName, "serverName cannot be empty");
		Assert.notNull(issuer, "issuer cannot be null");
		return operation("delete the client registration of server '" + serverName + "'",
				(connection, keys) -> PostgresStatements.update(connection, DELETE_REGISTRATION, serverName, issuer)
					.map((count) -> count > 0));
	}

	@Override
	public Flux<String> registrationIssuers(String serverName) {
		Assert.hasText(serverName, "serverName cannot be empty");
		return operation("list the client registrations of server '" + serverName + "'",
				(connection, keys) -> PostgresStatements
					.many(connection, SELECT_REGISTRATION_ISSUERS, (row) -> PostgresStatements.required(row, 0, String.class), serverName)
					.collectSortedList())
			.flatMapIterable(Function.identity());
	}

	/**
	 * Serializes the refreshes of one token across every instance sharing this database: a
	 * transaction-scoped advisory lock per server and principal, on a connection of its own
	 * (not one of the application's pool), held until the refresh is done or the lease ends.
	 */
	@Override
	public <T> Mono<T> withLock(TokenKey key, Mono<T> work) {
		return keys().then(this.refreshLock.withLock(key, work));
	}

	@Override
	public String backendName() {
		return "database";
	}

	/**
	 * @return where the store is, for messages: the database URL without its password
	 */
	public String location() {
		return this.location;
	}

	@Override
	public String toString() {
		return "PostgresTokenStore[database=" + this.location + ", key=password (" + this.passwordSource + ")]";
	}

	// ---------------------------------------------------------------- initialization

	private Mono<Keys> keys() {
		Keys current = this.keys;
		if (current != null) {
			return Mono.just(current);
		}
		Mono<Keys> running = this.initialization.get();
		if (running != null) {
			return running;
		}
		Mono<Keys> created = Mono.defer(this::initializeOnce).doOnNext((derived) -> this.keys = derived).doOnError((ex) -> {
			this.initialization.set(null);
		}).cache();
		return this.initialization.compareAndSet(null, created) ? created
				: Objects.requireNonNull(this.initialization.get(), "initialization");
	}

	private Mono<Keys> initializeOnce() {
		Mono<Keys> work = PostgresSchema.prepare(this.connectionFactory, this.initializeSchema, this.location)
			.then(Mono.usingWhen(Mono.from(this.connectionFactory.create()), this::keyRow, Connection::close,
					(connection, ex) -> connection.close(), Connection::close));
		return work.timeout(this.operationTimeout.plusSeconds(30))
			.onErrorMap((ex) -> !(ex instanceof McpOAuthException), (ex) -> failed("open the token store", ex));
	}

	private Mono<Keys> keyRow(Connection connection) {
		return readKeyRow(connection).switchIfEmpty(Mono.defer(() -> {
			byte[] salt = EncryptedFileFormat.randomBytes(EncryptedFileFormat.SALT_LENGTH);
			return derive(salt, this.iterations).flatMap((keys) -> PostgresStatements
				.update(connection, INSERT_KEY, KDF, this.iterations, salt, keys.check())
				.then(readKeyRow(connection)));
		})).flatMap((row) -> {
			if (!KDF.equals(row.kdf()) || row.iterations() < 1 || row.iterations() > EncryptedFileFormat.MAX_ITERATIONS) {
				return Mono.error(new McpOAuthException(McpOAuthErrorCode.STORAGE_FAILED, "The key row of the token store "
						+ this.location + " (mcp_oauth_key) names an unknown key derivation; it was not written by this"
						+ " version of mcp-oauth"));
			}
			return derive(row.salt(), row.iterations()).flatMap((keys) -> {
				if (!MessageDigest.isEqual(keys.check(), row.keyCheck())) {
					return Mono.error(new McpOAuthException(McpOAuthErrorCode.STORAGE_FAILED, "Cannot open the token store "
							+ this.location + ": " + this.passwordSource + " is not the password it was encrypted with."
							+ " Supply the right password (every instance of a fleet needs the same one), or empty the"
							+ " mcp_oauth_token, mcp_oauth_registration and mcp_oauth_key tables to start afresh (the"
							+ " servers will ask to authorize again)"));
				}
				return Mono.just(keys);
			});
		});
	}

	private Mono<KeyRow> readKeyRow(Connection connection) {
		return PostgresStatements.one(connection, SELECT_KEY, (row) -> new KeyRow(PostgresStatements.required(row, 0, String.class),
				Objects.requireNonNull(row.get(1, Integer.class)), PostgresStatements.required(row, 2, byte[].class), PostgresStatements.required(row, 3, byte[].class)));
	}

	private Mono<Keys> derive(byte[] salt, int rounds) {
		return Mono.fromCallable(() -> {
			byte[] master = EncryptedFileFormat.pbkdf2(this.password, salt, rounds);
			try {
				return EncryptedFileFormat.keys(master, salt);
			}
			finally {
				Arrays.fill(master, (byte) 0);
			}
		}).subscribeOn(Schedulers.boundedElastic());
	}

	// ---------------------------------------------------------------- operations

	private <T> Mono<T> operation(String action, PostgresStatements.Work<T> work) {
		return keys().flatMap((keys) -> Mono.usingWhen(Mono.from(this.connectionFactory.create()),
				(connection) -> work.apply(connection, keys), Connection::close, (connection, ex) -> connection.close(),
				Connection::close))
			.timeout(this.operationTimeout)
			.onErrorMap((ex) -> !(ex instanceof McpOAuthException), (ex) -> failed(action, ex));
	}

	private Mono<Boolean> deleteVersion(Connection connection, TokenKey key, long version) {
		return PostgresStatements.update(connection, DELETE_TOKEN_IF_VERSION, key.serverName(), key.principal(), version)
			.map((count) -> count > 0);
	}

	private void forgetHeldVersion(TokenKey key) {
		Hold hold = this.holds.get(key);
		if (hold != null) {
			hold.expected = 0;
		}
	}

	/** The version of the token row of {@code key} on a connection, 0 when there is none. */
	private Mono<Long> version(Connection connection, TokenKey key) {
		return PostgresStatements
			.one(connection, SELECT_TOKEN_VERSION, (row) -> PostgresStatements.required(row, 0, Long.class), key.serverName(), key.principal())
			.defaultIfEmpty(0L);
	}

	private boolean isPurgeable(Keys keys, ListedToken listed) {
		if (listed.expiresAt() != null && listed.refreshable() != null) {
			return !listed.refreshable() && !listed.expiresAt().isAfter(this.clock.instant());
		}
		// a row of schema version 1: decrypt it to decide
		return StoreContents.isPurgeable(openToken(keys, listed.key(), listed.value()), this.clock);
	}

	private OAuthToken openToken(Keys keys, TokenKey key, byte[] value) {
		return TokenStoreCodec.readToken(open(keys, tokenAad(key), value, "the token of " + describe(key)),
				where("mcp_oauth_token", key.serverName(), key.principal()));
	}

	private byte[] seal(Keys keys, byte[] aad, byte[] plaintext) {
		try {
			return StoreCrypto.seal(keys.encryption(), aad, plaintext);
		}
		catch (GeneralSecurityException ex) {
			throw new McpOAuthException(McpOAuthErrorCode.STORAGE_FAILED,
					"AES-GCM is not available in this JRE: " + ex.getMessage(), ex);
		}
		finally {
			Arrays.fill(plaintext, (byte) 0);
		}
	}

	private byte[] open(Keys keys, byte[] aad, byte[] value, String what) {
		try {
			return StoreCrypto.open(keys.encryption(), aad, value);
		}
		catch (AEADBadTagException ex) {
			throw new McpOAuthException(McpOAuthErrorCode.STORAGE_FAILED, "The stored value of " + what + " in "
					+ this.location + " failed its integrity check (AES-GCM): it was changed or damaged in the"
					+ " database, or copied from another row. Delete that row (the server will ask to authorize again)");
		}
		catch (GeneralSecurityException ex) {
			throw new McpOAuthException(McpOAuthErrorCode.STORAGE_FAILED,
					"AES-GCM is not available in this JRE: " + ex.getMessage(), ex);
		}
	}

	private McpOAuthException failed(String action, Throwable ex) {
		String reason;
		if (ex instanceof TimeoutException) {
			reason = "no answer within " + this.operationTimeout.toMillis() + " ms";
		}
		else if (ex instanceof R2dbcException r2dbc && r2dbc.getSqlState() != null) {
			reason = r2dbc.getMessage() + " [SQLSTATE " + r2dbc.getSqlState() + "]";
		}
		else {
			reason = String.valueOf(mostSpecific(ex).getMessage());
		}
		return new McpOAuthException(McpOAuthErrorCode.STORAGE_FAILED, "Could not " + action + " in "
				+ this.location + " (" + reason + "); check that PostgreSQL is up and reachable, and the R2DBC"
				+ " connection settings", ex);
	}

	private static Throwable mostSpecific(Throwable ex) {
		Throwable cause = ex;
		while (cause.getCause() != null && cause.getCause() != cause && cause.getMessage() == null) {
			cause = cause.getCause();
		}
		return cause;
	}

	/**
	 * The factory the lock connections come from: under a pool (r2dbc-pool's
	 * {@code ConnectionPool} is {@link io.r2dbc.spi.Wrapped}), the pooled factory itself, so
	 * that a refresh never waits for the pool it holds connections of, and a lock session that
	 * PostgreSQL ends at the lease never goes back to the pool.
	 */
	static ConnectionFactory lockConnections(ConnectionFactory connectionFactory) {
		ConnectionFactory current = connectionFactory;
		while (current instanceof io.r2dbc.spi.Wrapped<?> wrapped && wrapped.unwrap() instanceof ConnectionFactory inner
				&& inner != current) {
			current = inner;
		}
		return current;
	}

	static byte[] tokenAad(TokenKey key) {
		return ("mcp-oauth/postgresql/token\0" + key.serverName() + "\0" + key.principal())
			.getBytes(StandardCharsets.UTF_8);
	}

	static byte[] registrationAad(String serverName, String issuer) {
		return ("mcp-oauth/postgresql/registration\0" + serverName + "\0" + issuer).getBytes(StandardCharsets.UTF_8);
	}

	private String where(String table, String first, String second) {
		return this.location + " " + table + " (" + first + ", " + second + ")";
	}

	private static String describe(TokenKey key) {
		return "server '" + key.serverName() + "', principal '" + key.principal() + "'";
	}

	private static Object nullable(@Nullable Object value, Class<?> type) {
		return (value != null) ? value : new PostgresStatements.Null(type);
	}

	// ---------------------------------------------------------------- SQL

	private static final String TOKEN_COLUMNS = "server_name, principal, version, value, updated_at, expires_at, refreshable";

	static final String UPSERT_TOKEN = "INSERT INTO mcp_oauth_token (" + TOKEN_COLUMNS + ") VALUES ($1, $2, 1, $3, $4, $5, $6)"
			+ " ON CONFLICT (server_name, principal) DO UPDATE SET version = mcp_oauth_token.version + 1,"
			+ " value = EXCLUDED.value, updated_at = EXCLUDED.updated_at, expires_at = EXCLUDED.expires_at,"
			+ " refreshable = EXCLUDED.refreshable RETURNING version";

	private static final String INSERT_TOKEN_IF_ABSENT = "INSERT INTO mcp_oauth_token (" + TOKEN_COLUMNS
			+ ") VALUES ($1, $2, 1, $3, $4, $5, $6) ON CONFLICT (server_name, principal) DO NOTHING RETURNING version";

	private static final String UPDATE_TOKEN_IF_VERSION = "UPDATE mcp_oauth_token SET version = version + 1, value = $3,"
			+ " updated_at = $4, expires_at = $5, refreshable = $6 WHERE server_name = $1 AND principal = $2"
			+ " AND version = $7 RETURNING version";

	private static final String SELECT_TOKEN = "SELECT version, value FROM mcp_oauth_token WHERE server_name = $1"
			+ " AND principal = $2";

	private static final String SELECT_TOKEN_VERSION = "SELECT version FROM mcp_oauth_token WHERE server_name = $1"
			+ " AND principal = $2";

	private static final String SELECT_TOKEN_KEYS = "SELECT server_name, principal, version, value, expires_at,"
			+ " refreshable FROM mcp_oauth_token";

	private static final String DELETE_TOKEN = "DELETE FROM mcp_oauth_token WHERE server_name = $1 AND principal = $2";

	private static final String DELETE_TOKEN_IF_VERSION = "DELETE FROM mcp_oauth_token WHERE server_name = $1"
			+ " AND principal = $2 AND version = $3";

	private static final String UPSERT_REGISTRATION = "INSERT INTO mcp_oauth_registration (server_name, issuer, version,"
			+ " value, updated_at) VALUES ($1, $2, 1, $3, $4) ON CONFLICT (server_name, issuer) DO UPDATE SET"
			+ " version = mcp_oauth_registration.version + 1, value = EXCLUDED.value, updated_at = EXCLUDED.updated_at";

	private static final String SELECT_REGISTRATION = "SELECT value FROM mcp_oauth_registration WHERE server_name = $1"
			+ " AND issuer = $2";

	private static final String DELETE_REGISTRATION = "DELETE FROM mcp_oauth_registration WHERE server_name = $1"
			+ " AND issuer = $2";

	private static final String SELECT_REGISTRATION_ISSUERS = "SELECT issuer FROM mcp_oauth_registration"
			+ " WHERE server_name = $1";

	private static final String SELECT_KEY = "SELECT kdf, iterations, salt, key_check FROM mcp_oauth_key WHERE id = 1";

	private static final String INSERT_KEY = "INSERT INTO mcp_oauth_key (id, kdf, iterations, salt, key_check)"
			+ " VALUES (1, $1, $2, $3, $4) ON CONFLICT (id) DO NOTHING";

	// ---------------------------------------------------------------- values

	/**
	 * What this store knows of a token whose refresh lock it holds: the row version it expects
	 * to replace (0: no row).
	 */
	static final class Hold {

		volatile long expected;

		Hold(long expected) {
			this.expected = expected;
		}

	}

	private record StoredRow(long version, byte[] value) {

		@Override
		public String toString() {
			return "StoredRow[version=" + this.version + "]";
		}

	}

	private record ListedToken(TokenKey key, long version, byte[] value, @Nullable Instant expiresAt,
			@Nullable Boolean refreshable) {

		@Override
		public String toString() {
			return "ListedToken[" + this.key + "]";
		}

	}

	private record KeyRow(String kdf, int iterations, byte[] salt, byte[] keyCheck) {

		@Override
		public String toString() {
			return "KeyRow[kdf=" + this.kdf + ", iterations=" + this.iterations + "]";
		}

	}

	/**
	 * Builds a {@link PostgresTokenStore}.
	 */
	public static final class Builder extends PasswordKeyedStoreBuilder<Builder> {

		private final ConnectionFactory connectionFactory;

		private Clock clock = Clock.systemUTC();

		private boolean initializeSchema = true;

		private Duration refreshLockLease = DEFAULT_REFRESH_LOCK_LEASE;

		private Duration refreshLockTimeout = DEFAULT_REFRESH_LOCK_TIMEOUT;

		private Duration operationTimeout = DEFAULT_OPERATION_TIMEOUT;

		private int iterations = EncryptedFileTokenStore.DEFAULT_PBKDF2_ITERATIONS;

		private String location;

		private Builder(ConnectionFactory connectionFactory) {
			Assert.notNull(connectionFactory, "connectionFactory cannot be null");
			this.connectionFactory = connectionFactory;
			this.location = "PostgreSQL (" + connectionFactory.getMetadata().getName() + " connection factory)";
		}

		/**
		 * Where the database is, for messages: a URL without its password.
		 * @param location the description
		 * @return this builder
		 */
		public Builder location(String location) {
			Assert.hasText(location, "location cannot be empty");
			this.location = location;
			return this;
		}

		/**
		 * @param clock the clock used to drop expired tokens and to stamp writes
		 * @return this builder
		 */
		public Builder clock(Clock clock) {
			Assert.notNull(clock, "clock cannot be null");
			this.clock = clock;
			return this;
		}

		/**
		 * Whether {@link #initialize()} creates a missing schema and migrates an older one
		 * (default {@code true}); when {@code false} it only checks the version and fails
		 * with the scripts to run.
		 * @param initializeSchema whether to create and migrate
		 * @return this builder
		 */
		public Builder initializeSchema(boolean initializeSchema) {
			this.initializeSchema = initializeSchema;
			return this;
		}

		/**
		 * How long a refresh may hold the refresh lock while its connection is idle (default
		 * 30 s). PostgreSQL ends the session of a holder that exceeds it, which releases the
		 * lock to the next instance; a holder that crashes releases it at once.
		 * @param refreshLockLease the lease
		 * @return this builder
		 */
		public Builder refreshLockLease(Duration refreshLockLease) {
			this.refreshLockLease = positive(refreshLockLease, "refreshLockLease");
			return this;
		}

		/**
		 * How long a refresh waits for another instance's refresh of the same token before it
		 * fails with {@code STORAGE_FAILED} (default 60 s).
		 * @param refreshLockTimeout the timeout
		 * @return this builder
		 */
		public Builder refreshLockTimeout(Duration refreshLockTimeout) {
			this.refreshLockTimeout = positive(refreshLockTimeout, "refreshLockTimeout");
			return this;
		}

		/**
		 * How long one read or write may take before it fails with {@code STORAGE_FAILED}
		 * (default 10 s).
		 * @param operationTimeout the timeout
		 * @return this builder
		 */
		public Builder operationTimeout(Duration operationTimeout) {
			this.operationTimeout = positive(operationTimeout, "operationTimeout");
			return this;
		}

		/**
		 * Lowers the PBKDF2 iteration count for a new database. For tests only.
		 * @param iterations the iteration count
		 * @return this builder
		 */
		Builder pbkdf2Iterations(int iterations) {
			Assert.isTrue(iterations > 0 && iterations <= EncryptedFileFormat.MAX_ITERATIONS, "iterations out of range");
			this.iterations = iterations;
			return this;
		}

		public PostgresTokenStore build() {
			Assert.state(this.password != null, "a password is required: the store encrypts every value");
			return new PostgresTokenStore(this);
		}

		private static Duration positive(Duration value, String name) {
			Assert.notNull(value, name + " cannot be null");
			Assert.isTrue(!value.isNegative() && !value.isZero(), name + " must be positive");
			return value;
		}

	}

}
