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

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.mcpoauth.core.McpOAuthErrorCode;
import io.github.mcpoauth.testsupport.PostgresServer;
import io.github.mcpoauth.token.OAuthToken;
import io.r2dbc.pool.ConnectionPool;
import io.github.mcpoauth.testsupport.McpOAuthAssertions;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link PostgresTokenStore} against a real PostgreSQL ({@link PostgresServer}): the store
 * contract, encryption at rest, the schema (created, migrated from version 1, checked,
 * refused when newer), a wrong password, and a database that is unreachable at start-up or
 * goes away and comes back.
 */
class PostgresTokenStoreTests extends TokenStoreContractTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	@RegisterExtension
	static final PostgresServer postgres = new PostgresServer();

	private static String database;

	private static ConnectionPool pool;

	private final List<ConnectionPool> pools = new ArrayList<>();

	@BeforeAll
	static void createDatabase() {
		database = postgres.createDatabase("mcp_oauth_store_tests");
		pool = PostgresDatabases.pool(postgres, database);
	}

	@AfterAll
	static void closePool() {
		pool.dispose();
	}

	@Override
	PostgresTokenStore createStore() {
		dropSchema(database);
		return PostgresDatabases.store(pool, TestTokens.CLOCK).location(postgres.r2dbcUrl(database)).build();
	}

	@Test
	void backendNameIsDatabase() {
		assertThat(createStore().backendName()).isEqualTo("database");
	}

	@Test
	void saveTokenThenTheDatabaseHoldsNoSecretInClear() {
		McpOAuthStore store = createStore();
		store.saveToken(ALICE, TestTokens.token("alpha")).block(TIMEOUT);
		store.saveRegistration("alpha", TestTokens.registration("alpha", TestTokens.ISSUER)).block(TIMEOUT);

		String tokens = dump("SELECT server_name, principal, encode(value, 'escape') FROM mcp_oauth_token");
		String registrations = dump("SELECT server_name, issuer, encode(value, 'escape') FROM mcp_oauth_registration");
		assertThat(tokens).contains("alpha", "alice").doesNotContain("SECRET", "read", "mcp.example.com");
		assertThat(registrations).contains("alpha", TestTokens.ISSUER).doesNotContain("SECRET", "client-alpha");
		assertThat(postgres.query(database, "SELECT kdf, iterations FROM mcp_oauth_key"))
			.containsExactly(List.of(PostgresTokenStore.KDF, PostgresDatabases.TEST_ITERATIONS));
	}

	@Test
	void loadTokenWhenAnotherPrincipalsValueWasCopiedIntoTheRowThenIntegrityCheckFails() {
		McpOAuthStore store = createStore();
		store.saveToken(ALICE, TestTokens.token("alice")).block(TIMEOUT);
		store.saveToken(BOB, TestTokens.token("bob")).block(TIMEOUT);
		postgres.execute(database, "UPDATE mcp_oauth_token SET value = (SELECT value FROM mcp_oauth_token"
				+ " WHERE principal = 'alice') WHERE principal = '" + BOB.principal() + "'");

		assertMcpOAuthException(() -> store.loadToken(BOB).block(TIMEOUT), McpOAuthErrorCode.STORAGE_FAILED)
			.hasMessageContaining("integrity check")
			.hasMessageContaining("principal '" + BOB.principal() + "'");
		assertThat(store.loadToken(ALICE).block(TIMEOUT)).isEqualTo(TestTokens.token("alice"));
	}

	@Test
	void loadTokenWhenAnotherInstanceSavedItThenReadsIt() {
		McpOAuthStore first = createStore();
		PostgresTokenStore second = PostgresDatabases.store(PostgresDatabases.pool(postgres, database), TestTokens.CLOCK)
			.build();
		first.saveToken(ALICE, TestTokens.token("alice")).block(TIMEOUT);
		first.saveRegistration("alpha", TestTokens.registration("alpha", TestTokens.ISSUER)).block(TIMEOUT);

		assertThat(second.loadToken(ALICE).block(TIMEOUT)).isEqualTo(TestTokens.token("alice"));
		assertThat(second.loadRegistration("alpha", TestTokens.ISSUER).block(TIMEOUT))
			.isEqualTo(TestTokens.registration("alpha", TestTokens.ISSUER));
	}

	@Test
	void initializeWhenThePasswordIsNotTheOneTheDatabaseWasEncryptedWithThenSaysSo() {
		createStore().saveToken(ALICE, TestTokens.token("alice")).block(TIMEOUT);
		PostgresTokenStore wrong = PostgresTokenStore.builder(pool)
			.password("another password".toCharArray())
			.passwordSource("the password in environment variable MCP_OAUTH_DB_KEY")
			.build();

		assertMcpOAuthException(() -> wrong.initialize().block(TIMEOUT), McpOAuthErrorCode.STORAGE_FAILED)
			.hasMessageContaining("the password in environment variable MCP_OAUTH_DB_KEY is not the password it was"
					+ " encrypted with")
			.hasMessageNotContaining("another password");
	}

	@Test
	void initializeWhenManyInstancesStartAtOnceThenOneSchemaAndOneKey() {
		dropSchema(database);
		List<PostgresTokenStore> stores = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			stores.add(PostgresDatabases.store(pool(), TestTokens.CLOCK).build());
		}
		Flux.fromIterable(stores).flatMap(PostgresTokenStore::initialize).then().block(TIMEOUT);

		assertThat(postgres.query(database, "SELECT version FROM mcp_oauth_schema ORDER BY version"))
			.containsExactly(List.of(1), List.of(2));
		assertThat(postgres.query(database, "SELECT count(*) FROM mcp_oauth_key")).containsExactly(List.of(1L));
		stores.get(0).saveToken(ALICE, TestTokens.token("alice")).block(TIMEOUT);
		assertThat(stores.get(3).loadToken(ALICE).block(TIMEOUT)).isEqualTo(TestTokens.token("alice"));
	}

	@Test
	void initializeWhenTheSchemaIsOfVersion1ThenMigratesItAndKeepsEveryRow() {
		// rows written by a store into a version-1 schema: copied, without the columns of version 2
		McpOAuthStore current = createStore();
		current.saveToken(ALICE, TestTokens.token("alice")).block(TIMEOUT);
		current.saveToken(TokenKey.of("stale"), TestTokens.expiredWithoutRefresh("stale")).block(TIMEOUT);
		current.saveRegistration("alpha", TestTokens.registration("alpha", TestTokens.ISSUER)).block(TIMEOUT);
		String old = postgres.createDatabase("mcp_oauth_store_v1");
		postgres.execute(old, PostgresSchema.script(1));
		copy("SELECT id, kdf, iterations, salt, key_check FROM mcp_oauth_key", old,
				"INSERT INTO mcp_oauth_key (id, kdf, iterations, salt, key_check) VALUES (?, ?, ?, ?, ?)");
		copy("SELECT server_name, principal, version, value, updated_at FROM mcp_oauth_token", old,
				"INSERT INTO mcp_oauth_token (server_name, principal, version, value, updated_at) VALUES (?, ?, ?, ?, ?)");
		copy("SELECT server_name, issuer, version, value, updated_at FROM mcp_oauth_registration", old,
				"INSERT INTO mcp_oauth_registration (server_name, issuer, version, value, updated_at)"
						+ " VALUES (?, ?, ?, ?, ?)");
		ConnectionPool oldPool = pool(old);

		PostgresTokenStore checking = PostgresDatabases.store(oldPool, TestTokens.CLOCK).initializeSchema(false).build();
		assertMcpOAuthException(() -> checking.initialize().block(TIMEOUT), McpOAuthErrorCode.STORAGE_FAILED)
			.hasMessageContaining("is at version 1; this mcp-oauth needs version 2")
			.hasMessageContaining("Run schema-v2.sql")
			.hasMessageContaining("initialize-schema=true");

		PostgresTokenStore migrating = PostgresDatabases.store(oldPool, TestTokens.CLOCK).build();
		migrating.initialize().block(TIMEOUT);
		assertThat(postgres.query(old, "SELECT version FROM mcp_oauth_schema ORDER BY version")).containsExactly(List.of(1),
				List.of(2));
		assertThat(migrating.tokenKeys().collectList().block(TIMEOUT)).as("the expired token is purged on listing")
			.containsExactly(ALICE);
		assertThat(migrating.loadToken(ALICE).block(TIMEOUT)).isEqualTo(TestTokens.token("alice"));
		assertThat(migrating.loadRegistration("alpha", TestTokens.ISSUER).block(TIMEOUT))
			.isEqualTo(TestTokens.registration("alpha", TestTokens.ISSUER));
		migrating.saveToken(ALICE, TestTokens.token("alice-2")).block(TIMEOUT);
		assertThat(postgres.query(old, "SELECT refreshable, expires_at IS NOT NULL FROM mcp_oauth_token"))
			.containsExactly(List.of(true, true));
	}

	@Test
	void initializeWhenTheSchemaIsNewerThanThisLibraryThenRefusesIt() {
		createStore().initialize().block(TIMEOUT);
		postgres.execute(database, "INSERT INTO mcp_oauth_schema (version, description) VALUES (99, 'from the future')");

		PostgresTokenStore store = PostgresDatabases.store(pool, TestTokens.CLOCK).build();
		assertMcpOAuthException(() -> store.initialize().block(TIMEOUT), McpOAuthErrorCode.STORAGE_FAILED)
			.hasMessageContaining("at version 99, written by a newer mcp-oauth")
			.hasMessageContaining("reads up to version " + PostgresTokenStore.SCHEMA_VERSION);
	}

	@Test
	void initializeWhenTheDatabaseCannotBeReachedThenStorageFailedNamingIt() throws Exception {
		int closed;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closed = socket.getLocalPort();
		}
		PostgresqlConnectionFactory nowhere = PostgresDatabases.connections("127.0.0.1", closed, "nowhere");
		PostgresTokenStore store = PostgresDatabases.store(nowhere, TestTokens.CLOCK)
			.location("r2dbc:postgresql://app@127.0.0.1:" + closed + "/nowhere")
			.build();

		assertMcpOAuthException(() -> store.initialize().block(TIMEOUT), McpOAuthErrorCode.STORAGE_FAILED)
			.hasMessageContaining("Could not open the token store in r2dbc:postgresql://app@127.0.0.1:" + closed
					+ "/nowhere")
			.hasMessageContaining("check that PostgreSQL is up");
	}

	@Test
	void operationsWhenTheDatabaseGoesAwayThenFailTypedAndWorkAgainWhenItIsBackWithNothingLost() {
		McpOAuthStore store = createStore();
		store.saveToken(ALICE, TestTokens.token("alice")).block(TIMEOUT);
		store.saveRegistration("alpha", TestTokens.registration("alpha", TestTokens.ISSUER)).block(TIMEOUT);

		postgres.stop();
		try {
			assertMcpOAuthException(() -> store.loadToken(ALICE).block(TIMEOUT), McpOAuthErrorCode.STORAGE_FAILED)
				.hasMessageContaining("Could not read the token of server 'alpha', principal 'alice'")
				.hasMessageContaining("check that PostgreSQL is up");
			assertMcpOAuthException(() -> store.saveToken(BOB, TestTokens.token("bob")).block(TIMEOUT),
					McpOAuthErrorCode.STORAGE_FAILED);
			assertMcpOAuthException(() -> ((TokenRefreshLock) store).withLock(ALICE, Mono.just(1)).block(TIMEOUT),
					McpOAuthErrorCode.STORAGE_FAILED)
				.hasMessageContaining("refresh lock");
		}
		finally {
			postgres.start();
		}

		assertThat(store.loadToken(ALICE).block(TIMEOUT)).isEqualTo(TestTokens.token("alice"));
		assertThat(store.loadRegistration("alpha", TestTokens.ISSUER).block(TIMEOUT))
			.isEqualTo(TestTokens.registration("alpha", TestTokens.ISSUER));
		store.saveToken(BOB, TestTokens.token("bob")).block(TIMEOUT);
		assertThat(store.tokenKeys().collectList().block(TIMEOUT)).containsExactly(ALICE, BOB);
	}

	@Test
	void lockConnectionsUnderAPoolAreThePooledFactorysOwn() {
		PostgresqlConnectionFactory connections = PostgresDatabases.connections("127.0.0.1", postgres.port(), database);
		assertThat(PostgresTokenStore.lockConnections(PostgresDatabases.pool(connections))).isSameAs(connections);
		assertThat(PostgresTokenStore.lockConnections(connections)).isSameAs(connections);
	}

	@Test
	void toStringNamesTheDatabaseAndThePasswordSourceOnly() {
		PostgresTokenStore store = PostgresDatabases.store(pool, TestTokens.CLOCK)
			.location("r2dbc:postgresql://app@db.example.com/tokens")
			.build();
		assertThat(store.toString()).contains("r2dbc:postgresql://app@db.example.com/tokens", "the test password")
			.doesNotContain(PostgresDatabases.STORE_PASSWORD);
	}

	/** A compare-and-delete never removes the token another instance stored since. */
	@Test
	void deleteTokenWithExpectedWhenAnotherInstanceReplacedItThenKeepsTheirs() {
		McpOAuthStore mine = createStore();
		PostgresTokenStore theirs = PostgresDatabases.store(pool, TestTokens.CLOCK).build();
		OAuthToken refused = TestTokens.token("alpha");
		mine.saveToken(ALPHA, refused).block(TIMEOUT);
		theirs.saveToken(ALPHA, TestTokens.token("alpha-refreshed")).block(TIMEOUT);

		assertThat(mine.deleteToken(ALPHA, refused).block(TIMEOUT)).isFalse();
		assertThat(mine.loadToken(ALPHA).block(TIMEOUT)).isEqualTo(TestTokens.token("alpha-refreshed"));
	}

	static AbstractThrowableAssert<?, ? extends Throwable> assertMcpOAuthException(ThrowingCallable callable,
			McpOAuthErrorCode code) {
		return assertThat(McpOAuthAssertions.expectThrown(callable, code));
	}

	private ConnectionPool pool() {
		return pool(database);
	}

	private ConnectionPool pool(String name) {
		ConnectionPool created = PostgresDatabases.pool(postgres, name);
		this.pools.add(created);
		return created;
	}

	@AfterEach
	void disposePools() {
		this.pools.forEach(ConnectionPool::dispose);
	}

	private static void dropSchema(String name) {
		postgres.execute(name,
				"DROP TABLE IF EXISTS mcp_oauth_token, mcp_oauth_registration, mcp_oauth_key, mcp_oauth_schema");
	}

	private static String dump(String sql) {
		StringBuilder text = new StringBuilder();
		postgres.query(database, sql).forEach((row) -> text.append(row).append('\n'));
		return text.toString();
	}

	/** Copies rows of {@link #database} into another database of the cluster. */
	private static void copy(String select, String target, String insert) {
		for (List<Object> row : postgres.query(database, select)) {
			StringBuilder values = new StringBuilder();
			StringBuilder sql = new StringBuilder();
			int i = 0;
			for (char c : insert.toCharArray()) {
				if (c == '?') {
					Object value = row.get(i++);
					sql.append(literal(value));
				}
				else {
					sql.append(c);
				}
			}
			values.append(sql);
			postgres.execute(target, values.toString());
		}
	}

	private static String literal(Object value) {
		if (value instanceof byte[] bytes) {
			return "'\\x" + java.util.HexFormat.of().formatHex(bytes) + "'::bytea";
		}
		if (value instanceof Number) {
			return value.toString();
		}
		return "'" + String.valueOf(value).replace("'", "''") + "'";
	}

}
