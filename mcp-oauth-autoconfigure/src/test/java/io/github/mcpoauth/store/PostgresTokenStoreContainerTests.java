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

import java.time.Duration;

import io.github.mcpoauth.token.OAuthToken;
import io.r2dbc.pool.ConnectionPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link PostgresTokenStore} against PostgreSQL in a container (the official image), for
 * hosts with Docker: the store contract and the refresh lock. Skipped, with Testcontainers'
 * reason, where no Docker engine is available (as on the project's own machines, where
 * {@link PostgresTokenStoreTests} runs the same contract against the Debian package).
 */
@Testcontainers(disabledWithoutDocker = true)
class PostgresTokenStoreContainerTests extends TokenStoreContractTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	@Container
	static final PostgreSQLContainer postgres = new PostgreSQLContainer(DockerImageName.parse("postgres:16-alpine"));

	private static ConnectionPool pool;

	@BeforeAll
	static void connect() {
		pool = PostgresDatabases.pool(PostgresDatabases.connections(postgres.getHost(), postgres.getFirstMappedPort(),
				postgres.getDatabaseName(), postgres.getUsername(), postgres.getPassword()));
	}

	@AfterAll
	static void disconnect() {
		if (pool != null) {
			pool.dispose();
		}
	}

	@Override
	PostgresTokenStore createStore() {
		PostgresTokenStore store = PostgresDatabases.store(pool, TestTokens.CLOCK).build();
		store.initialize().block(TIMEOUT);
		store.tokenKeys().flatMap(store::deleteToken).then().block(TIMEOUT);
		for (String server : new String[] { "alpha", "beta", "gamma" }) {
			store.registrationIssuers(server).flatMap((issuer) -> store.deleteRegistration(server, issuer)).then()
				.block(TIMEOUT);
		}
		return store;
	}

	@Test
	void withLockWhenTwoStoresRefreshOneTokenThenTheSecondSeesTheFirstsToken() {
		PostgresTokenStore first = createStore();
		PostgresTokenStore second = PostgresDatabases.store(pool, TestTokens.CLOCK).build();
		TokenKey key = TokenKey.of("alpha", "alice");
		OAuthToken refreshed = TestTokens.token("refreshed");

		first.withLock(key, first.saveToken(key, refreshed)).block(TIMEOUT);

		assertThat(second.withLock(key, second.loadToken(key)).block(TIMEOUT)).isEqualTo(refreshed);
		assertThat(second.withLock(key, Mono.just("free")).block(TIMEOUT)).isEqualTo("free");
	}

}
