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
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.mcpoauth.core.McpOAuthErrorCode;
import io.github.mcpoauth.testsupport.PostgresServer;
import io.r2dbc.pool.ConnectionPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The refresh lock of {@link PostgresTokenStore} between two stores (two instances of an
 * application) on one database: waiting, a hung holder's lease, the compare-and-set of a
 * holder that outlived its lease, the wait timeout and a waiter that gives up.
 */
class PostgresRefreshLockTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final TokenKey KEY = TokenKey.of("alpha", "alice");

	@RegisterExtension
	static final PostgresServer postgres = new PostgresServer();

	private static String database;

	private static ConnectionPool pool;

	@BeforeAll
	static void createDatabase() {
		database = postgres.createDatabase("mcp_oauth_lock_tests");
		pool = PostgresDatabases.pool(postgres, database);
	}

	@AfterAll
	static void closePool() {
		pool.dispose();
	}

	@BeforeEach
	void emptyTables() {
		store(Duration.ofSeconds(30), Duration.ofSeconds(30)).initialize().block(TIMEOUT);
		postgres.execute(database, "DELETE FROM mcp_oauth_token");
	}

	@Test
	void withLockWhenAnotherInstanceHoldsItThenWaitsUntilItIsReleased() throws Exception {
		PostgresTokenStore first = store(Duration.ofSeconds(30), Duration.ofSeconds(30));
		PostgresTokenStore second = store(Duration.ofSeconds(30), Duration.ofSeconds(30));
		List<String> events = new CopyOnWriteArrayList<>();
		CountDownLatch held = new CountDownLatch(1);
		Sinks.Empty<Void> release = Sinks.empty();

		Mono<Void> holder = first.withLock(KEY, Mono.fromRunnable(() -> {
			events.add("first holds");
			held.countDown();
		}).then(release.asMono()).doOnTerminate(() -> events.add("first done")));
		Disposable running = holder.subscribe();
		assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
		Mono<String> waiter = second.withLock(KEY, Mono.fromCallable(() -> {
			events.add("second holds");
			return "ok";
		}));
		var waited = waiter.toFuture();
		Thread.sleep(300);
		assertThat(waited).as("waits while the first holds the lock").isNotDone();
		release.tryEmitEmpty();

		assertThat(waited.get(10, TimeUnit.SECONDS)).isEqualTo("ok");
		assertThat(events).containsExactly("first holds", "first done", "second holds");
		running.dispose();
	}

	@Test
	void withLockWhenTheHolderHangsThenItsLeaseEndsAndAnotherInstanceTakesOver() {
		PostgresTokenStore hung = store(Duration.ofSeconds(1), Duration.ofSeconds(30));
		PostgresTokenStore other = store(Duration.ofSeconds(30), Duration.ofSeconds(30));
		CountDownLatch held = new CountDownLatch(1);
		Disposable hanging = hung.withLock(KEY, Mono.fromRunnable(held::countDown).then(Mono.never())).subscribe();
		try {
			assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
			long start = System.nanoTime();

			assertThat(other.withLock(KEY, Mono.just("taken over")).block(TIMEOUT)).isEqualTo("taken over");
			// the lease runs from the holder's last statement, a moment before the latch
			assertThat(Duration.ofNanos(System.nanoTime() - start)).as("not before the lease of 1 s ended")
				.isGreaterThan(Duration.ofMillis(400));
		}
		catch (InterruptedException ex) {
			throw new IllegalStateException(ex);
		}
		finally {
			hanging.dispose();
		}
	}

	@Test
	void saveTokenWhenTheHoldersLeaseEndedAndAnotherInstanceStoredATokenThenTheHolderDoesNotOverwriteIt()
			throws Exception {
		PostgresTokenStore slow = store(Duration.ofSeconds(1), Duration.ofSeconds(30));
		PostgresTokenStore other = store(Duration.ofSeconds(30), Duration.ofSeconds(30));
		slow.saveToken(KEY, TestTokens.token("original")).block(TIMEOUT);
		CountDownLatch held = new CountDownLatch(1);
		Sinks.Empty<Void> proceed = Sinks.empty();
		var slowRefresh = slow
			.withLock(KEY, Mono.fromRunnable(held::countDown)
				.then(proceed.asMono())
				.then(slow.saveToken(KEY, TestTokens.token("slow"))))
			.toFuture();
		assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();

		other.withLock(KEY, other.saveToken(KEY, TestTokens.token("other"))).block(TIMEOUT);
		proceed.tryEmitEmpty();
		slowRefresh.get(10, TimeUnit.SECONDS);

		assertThat(other.loadToken(KEY).block(TIMEOUT)).isEqualTo(TestTokens.token("other"));
		assertThat(postgres.query(database, "SELECT version FROM mcp_oauth_token")).containsExactly(List.of(2L));
	}

	@Test
	void saveTokenWhenTheHolderRemovedTheTokenUnderTheLockThenSavesTheNewOne() {
		PostgresTokenStore store = store(Duration.ofSeconds(30), Duration.ofSeconds(30));
		store.saveToken(KEY, TestTokens.token("refused")).block(TIMEOUT);

		store.withLock(KEY, store.deleteToken(KEY, TestTokens.token("refused"))
			.then(store.saveToken(KEY, TestTokens.token("new")))
			.then(store.saveToken(KEY, TestTokens.token("newer")))).block(TIMEOUT);

		assertThat(store.loadToken(KEY).block(TIMEOUT)).isEqualTo(TestTokens.token("newer"));
	}

	@Test
	void withLockWhenAnotherInstanceHoldsItLongerThanTheTimeoutThenStorageFailed() throws Exception {
		PostgresTokenStore holder = store(Duration.ofSeconds(30), Duration.ofSeconds(30));
		PostgresTokenStore impatient = store(Duration.ofSeconds(30), Duration.ofMillis(500));
		CountDownLatch held = new CountDownLatch(1);
		Disposable holding = holder.withLock(KEY, Mono.fromRunnable(held::countDown).then(Mono.never())).subscribe();
		try {
			assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();

			PostgresTokenStoreTests
				.assertMcpOAuthException(() -> impatient.withLock(KEY, Mono.just(1)).block(TIMEOUT),
						McpOAuthErrorCode.STORAGE_FAILED)
				.hasMessageContaining("Another instance has been refreshing the token of server 'alpha', principal"
						+ " 'alice' for more than 500 ms");
		}
		finally {
			holding.dispose();
		}
	}

	@Test
	void withLockWhenAWaiterGivesUpThenItNeverTakesTheLockLater() throws Exception {
		PostgresTokenStore holder = store(Duration.ofSeconds(30), Duration.ofSeconds(30));
		PostgresTokenStore quitter = store(Duration.ofSeconds(30), Duration.ofSeconds(30));
		PostgresTokenStore next = store(Duration.ofSeconds(30), Duration.ofSeconds(5));
		CountDownLatch held = new CountDownLatch(1);
		Sinks.Empty<Void> release = Sinks.empty();
		Disposable holding = holder.withLock(KEY, Mono.fromRunnable(held::countDown).then(release.asMono()))
			.subscribe();
		assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
		Disposable waiting = quitter.withLock(KEY, Mono.just("never")).subscribe();
		Thread.sleep(300);
		waiting.dispose();
		release.tryEmitEmpty();

		assertThat(next.withLock(KEY, Mono.just("free")).block(TIMEOUT)).isEqualTo("free");
		holding.dispose();
	}

	private static PostgresTokenStore store(Duration lease, Duration timeout) {
		return PostgresDatabases.store(pool, Clock.systemUTC()).refreshLockLease(lease).refreshLockTimeout(timeout).build();
	}

}
