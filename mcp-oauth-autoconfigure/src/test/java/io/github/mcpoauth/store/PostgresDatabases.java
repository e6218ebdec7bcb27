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

import io.github.mcpoauth.testsupport.PostgresServer;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import io.r2dbc.spi.ConnectionFactory;

/**
 * R2DBC connection factories and {@link PostgresTokenStore}s on the test cluster of
 * {@link PostgresServer}, as an application would configure them: a pool
 * ({@code r2dbc-pool}, as Spring Boot's {@code spring.r2dbc.pool}) over the PostgreSQL driver.
 */
final class PostgresDatabases {

	/** The password the stores' key is derived from. */
	static final String STORE_PASSWORD = "fleet store password";

	/** Low for speed: only the instance that creates the key row chooses the count. */
	static final int TEST_ITERATIONS = 1_000;

	private PostgresDatabases() {
	}

	static PostgresqlConnectionFactory connections(String host, int port, String database) {
		return connections(host, port, database, PostgresServer.USER, PostgresServer.PASSWORD);
	}

	static PostgresqlConnectionFactory connections(String host, int port, String database, String username,
			String password) {
		return new PostgresqlConnectionFactory(PostgresqlConnectionConfiguration.builder()
			.host(host)
			.port(port)
			.database(database)
			.username(username)
			.password(password)
			.connectTimeout(Duration.ofSeconds(5))
			.build());
	}

	static ConnectionPool pool(PostgresServer postgres, String database) {
		return pool(connections(postgres.host(), postgres.port(), database));
	}

	static ConnectionPool pool(ConnectionFactory connections) {
		return new ConnectionPool(ConnectionPoolConfiguration.builder(connections)
			.initialSize(0)
			.maxSize(10)
			.maxAcquireTime(Duration.ofSeconds(10))
			.build());
	}

	static PostgresTokenStore.Builder store(ConnectionFactory connectionFactory, Clock clock) {
		return PostgresTokenStore.builder(connectionFactory)
			.password(STORE_PASSWORD.toCharArray())
			.passwordSource("the test password")
			.pbkdf2Iterations(TEST_ITERATIONS)
			.clock(clock);
	}

}
