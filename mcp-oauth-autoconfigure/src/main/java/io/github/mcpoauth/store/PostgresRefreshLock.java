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

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;

import io.github.mcpoauth.core.McpOAuthErrorCode;
import io.github.mcpoauth.core.McpOAuthException;
import io.github.mcpoauth.store.PostgresTokenStore.Hold;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.R2dbcException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * The {@link TokenRefreshLock} of {@link PostgresTokenStore}: per server and principal, a
 * transaction on a connection of its own that takes {@code pg_advisory_xact_lock(<hash>)}
 * and stays open, idle, while the refresh runs; committing (or rolling back) releases it.
 *
 * <ul>
 * <li>Waiting: the lock statement waits inside PostgreSQL, at most the timeout
 * ({@code SET LOCAL lock_timeout}); nothing blocks a thread of this JVM.</li>
 * <li>A crashed holder: its connection closes and PostgreSQL ends its session, which
 * releases the lock at once.</li>
 * <li>A hung holder (alive, connection open): PostgreSQL ends its session when it has been
 * idle in its transaction longer than the lease
 * ({@code SET LOCAL idle_in_transaction_session_timeout}), and the next instance takes the
 * lock.</li>
 * <li>Cancellation: the connection is closed, which ends the wait or releases the lock.</li>
 * </ul>
 *
 * @see <a href="https://www.postgresql.org/docs/15/functions-admin.html#FUNCTIONS-ADVISORY-LOCKS">PostgreSQL
 * advisory lock functions</a>
 * @see <a href="https://www.postgresql.org/docs/15/runtime-config-client.html">lock_timeout,
 * idle_in_transaction_session_timeout</a>
 */
final class PostgresRefreshLock implements TokenRefreshLock {

	private static final Logger logger = LoggerFactory.getLogger(PostgresRefreshLock.class);

	/** PostgreSQL's SQLSTATE for lock_timeout: lock_not_available. */
	private static final String LOCK_NOT_AVAILABLE = "55P03";

	private final ConnectionFactory connections;

	private final ConcurrentMap<TokenKey, Hold> holds;

	private final BiFunction<Connection, TokenKey, Mono<Long>> version;

	private final Duration lease;

	private final Duration timeout;

	private final String location;

	PostgresRefreshLock(ConnectionFactory connections, ConcurrentMap<TokenKey, Hold> holds,
			BiFunction<Connection, TokenKey, Mono<Long>> version, Duration lease, Duration timeout, String location) {
		this.connections = connections;
		this.holds = holds;
		this.version = version;
		this.lease = lease;
		this.timeout = timeout;
		this.location = location;
	}

	@Override
	public <T> Mono<T> withLock(TokenKey key, Mono<T> work) {
		return Mono.usingWhen(Mono.from(this.connections.create()).onErrorMap((ex) -> failed(key, ex)),
				(connection) -> lock(connection, key).flatMap((expected) -> {
					Hold hold = new Hold(expected);
					this.holds.put(key, hold);
					return work.doFinally((signal) -> this.holds.remove(key, hold));
				}), (connection) -> release(connection, key, true), (connection, ex) -> release(connection, key, false),
				(connection) -> release(connection, key, false));
	}

	/** Takes the lock; the version of the token row when taken (0: none). */
	private Mono<Long> lock(Connection connection, TokenKey key) {
		return Mono.from(connection.beginTransaction())
			.then(PostgresStatements.one(connection,
					"SELECT set_config('lock_timeout', $1, true), set_config('idle_in_transaction_session_timeout', $2, true)",
					(row) -> Boolean.TRUE, this.timeout.toMillis() + "ms", this.lease.toMillis() + "ms"))
			.then(PostgresStatements.one(connection, "SELECT pg_advisory_xact_lock($1)", (row) -> Boolean.TRUE,
					lockId(key)))
			.then(this.version.apply(connection, key))
			.timeout(this.timeout.plusSeconds(10))
			.onErrorMap((ex) -> failed(key, ex));
	}

	private Mono<Void> release(Connection connection, TokenKey key, boolean commit) {
		Mono<Void> end = Mono.from(commit ? connection.commitTransaction() : connection.rollbackTransaction());
		return end.onErrorResume((ex) -> {
			logger.warn("The refresh lock of server '{}', principal '{}' was lost before the refresh ended (it held the"
					+ " lock longer than its lease of {}, or the connection to {} broke): {}", key.serverName(),
					key.principal(), describe(this.lease), this.location, ex.getMessage());
			return Mono.empty();
		}).then(Mono.from(connection.close()).onErrorResume((ex) -> Mono.empty()));
	}

	private McpOAuthException failed(TokenKey key, Throwable ex) {
		if (ex instanceof McpOAuthException mcp) {
			return mcp;
		}
		String token = "the token of server '" + key.serverName() + "', principal '" + key.principal() + "'";
		if ((ex instanceof R2dbcException r2dbc && LOCK_NOT_AVAILABLE.equals(r2dbc.getSqlState()))
				|| ex instanceof TimeoutException) {
			return new McpOAuthException(McpOAuthErrorCode.STORAGE_FAILED, "Another instance has been refreshing " + token
					+ " for more than " + describe(this.timeout) + " (advisory lock in " + this.location
					+ "); if it hangs, PostgreSQL ends its lock after the lease of " + describe(this.lease), ex);
		}
		return new McpOAuthException(McpOAuthErrorCode.STORAGE_FAILED, "Could not take the refresh lock of " + token
				+ " in the token store " + this.location + " (" + ex.getMessage()
				+ "); check that PostgreSQL is up and reachable", ex);
	}

	static String describe(Duration duration) {
		return (duration.toMillis() % 1000 != 0) ? duration.toMillis() + " ms" : duration.toSeconds() + " s";
	}

	/**
	 * The advisory lock id of a token: the first 64 bits of SHA-256 over a label, the server
	 * and the principal. A collision only makes two refreshes wait for each other.
	 * @param key the server and principal
	 * @return the lock id
	 */
	static long lockId(TokenKey key) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(
					("mcp-oauth/refresh\n" + key.serverName() + '\n' + key.principal()).getBytes(StandardCharsets.UTF_8));
			return ByteBuffer.wrap(digest, 0, Long.BYTES).getLong();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
