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

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.mcpoauth.core.McpServerDefinition;
import io.github.mcpoauth.testsupport.PostgresServer;
import io.github.mcpoauth.testsupport.Engines;
import io.github.mcpoauth.testsupport.FakeAuthorizationServer;
import io.github.mcpoauth.token.OAuthToken;
import io.r2dbc.pool.ConnectionPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fleet of two application instances, two JVMs, sharing one PostgreSQL store, against one
 * authorization server and MCP server ({@link FakeAuthorizationServer}, rotating refresh
 * tokens). Each instance sends {@value #COUNT} concurrent requests through the WebClient
 * filter: while the stored token has expired, and (separately) while the MCP server answers
 * 401 to it. The authorization server sees exactly one token request, no request fails, and
 * every request of both instances ends with the token one of them stored. An instance killed
 * while it holds the refresh lock releases it at once; one that hangs loses it after its
 * lease, and the other instance refreshes.
 */
class PostgresFleetRefreshTests {

	private static final int COUNT = 500;

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	@RegisterExtension
	static final PostgresServer postgres = new PostgresServer();

	@RegisterExtension
	final FakeAuthorizationServer fake = FakeAuthorizationServer.startWithMetadata();

	private String database;

	private ConnectionPool pool;

	private PostgresTokenStore store;

	private McpServerDefinition server;

	private final CountDownLatch releaseHeldRefresh = new CountDownLatch(1);

	@BeforeEach
	void shareADatabase() {
		this.database = postgres.createDatabase("mcp_oauth_fleet");
		this.pool = PostgresDatabases.pool(postgres, this.database);
		this.store = PostgresDatabases.store(this.pool, Clock.systemUTC()).build();
		this.server = McpServerDefinition.builder("shared", this.fake.mcpUrl()).build();
	}

	@AfterEach
	void release() {
		this.releaseHeldRefresh.countDown();
		this.pool.dispose();
	}

	@Test
	void refreshWhenTwoInstancesFindTheStoredTokenExpiredThenOneTokenRequestServesBoth() throws Exception {
		OAuthToken issued = authorize();
		this.store.saveToken(TokenKey.of("shared"), expired(issued)).block(TIMEOUT);
		this.fake.clearRecordings();
		this.fake.tokenDelay(Duration.ofMillis(300)); // long enough for both instances to notice the expiry

		List<String> results = callFromBothInstances(Duration.ofSeconds(30));

		assertOneRefreshServedEveryRequest(issued, results);
	}

	@Test
	void refreshWhenTwoInstancesAreAnswered401ThenOneTokenRequestServesBoth() throws Exception {
		OAuthToken issued = authorize();
		this.fake.revokeAccessTokens(); // the stored token has not expired, but the MCP server refuses it
		this.fake.clearRecordings();
		this.fake.tokenDelay(Duration.ofMillis(300));

		List<String> results = callFromBothInstances(Duration.ofSeconds(30));

		assertOneRefreshServedEveryRequest(issued, results);
		assertThat(this.fake.requests("/mcp")).as("requests sent with the refused token, each answered 401")
			.filteredOn((request) -> issued.accessToken().equals(request.bearerToken()))
			.isNotEmpty();
	}

	@Test
	void refreshWhenTheInstanceHoldingTheLockIsKilledThenTheOtherRefreshesAtOnce() throws Exception {
		OAuthToken issued = authorize();
		this.store.saveToken(TokenKey.of("shared"), expired(issued)).block(TIMEOUT);
		CountDownLatch otherIsRefreshing = holdTheFirstRefresh();
		Process other = startOtherInstance(1, Duration.ofSeconds(30));
		try {
			go(other);
			assertThat(otherIsRefreshing.await(30, TimeUnit.SECONDS)).as("the other instance sent its refresh").isTrue();
			other.destroyForcibly(); // SIGKILL, while it holds the lock
			assertThat(other.waitFor(30, TimeUnit.SECONDS)).isTrue();

			long start = System.nanoTime();
			List<String> results = callFromThisInstance(1);
			Duration waited = Duration.ofNanos(System.nanoTime() - start);

			OAuthToken stored = this.store.loadToken(TokenKey.of("shared")).block(TIMEOUT);
			assertThat(results).containsExactly("200 " + stored.accessToken());
			assertThat(stored.accessToken()).isNotEqualTo(issued.accessToken());
			assertThat(this.fake.tokenRequests("refresh_token")).as("the killed instance's and this one's").hasSize(2);
			assertThat(waited).as("PostgreSQL released the dead instance's lock at once, not after its 30 s lease")
				.isLessThan(Duration.ofSeconds(15));
		}
		finally {
			other.destroyForcibly();
		}
	}

	@Test
	void refreshWhenTheInstanceHoldingTheLockHangsThenTheOtherRefreshesAfterTheLease() throws Exception {
		OAuthToken issued = authorize();
		this.store.saveToken(TokenKey.of("shared"), expired(issued)).block(TIMEOUT);
		CountDownLatch otherIsRefreshing = holdTheFirstRefresh();
		Duration lease = Duration.ofSeconds(2);
		Process other = startOtherInstance(1, lease);
		try {
			go(other);
			assertThat(otherIsRefreshing.await(30, TimeUnit.SECONDS)).as("the other instance sent its refresh").isTrue();
			signal(other, "STOP"); // alive, connection open, lock held: hung

			long start = System.nanoTime();
			List<String> results = callFromThisInstance(1);
			Duration waited = Duration.ofNanos(System.nanoTime() - start);

			OAuthToken stored = this.store.loadToken(TokenKey.of("shared")).block(TIMEOUT);
			assertThat(results).containsExactly("200 " + stored.accessToken());
			assertThat(this.fake.tokenRequests("refresh_token")).as("the hung instance's and this one's").hasSize(2);
			// the lease runs from the hung instance's last statement, a moment before this test saw its
			// refresh arrive: without the lease ending the lock, this instance would wait for ever
			assertThat(waited).as("the lock was taken over only when the hung instance's lease of 2 s ended")
				.isGreaterThan(lease.dividedBy(2));
		}
		finally {
			signal(other, "CONT");
			other.destroyForcibly();
		}
	}

	@Test
	void requestWhenTheDatabaseIsDownAndTheTokenMustBeRefreshedThenFailsTypedAndSucceedsWhenItIsBack() {
		OAuthToken issued = authorize();
		this.store.saveToken(TokenKey.of("shared"), expired(issued)).block(TIMEOUT);
		PostgresTokenStore thisStore = PostgresDatabases.store(this.pool, Clock.systemUTC()).build();
		try (FleetInstance instance = new FleetInstance(thisStore, this.server)) {
			thisStore.initialize().block(TIMEOUT);
			postgres.stop();
			List<String> whileDown;
			try {
				whileDown = instance.call(1);
			}
			finally {
				postgres.start();
			}
			assertThat(whileDown).singleElement()
				.asString()
				.startsWith("ERROR io.github.mcpoauth.core.McpOAuthException")
				.contains("[STORAGE_FAILED]");

			List<String> whenBack = instance.call(1);
			OAuthToken stored = this.store.loadToken(TokenKey.of("shared")).block(TIMEOUT);
			assertThat(whenBack).containsExactly("200 " + stored.accessToken());
			assertThat(stored.refreshToken()).as("the rotated refresh token was stored").isNotEqualTo(issued.refreshToken());
		}
	}

	private void assertOneRefreshServedEveryRequest(OAuthToken issued, List<String> results) {
		OAuthToken stored = this.store.loadToken(TokenKey.of("shared")).block(TIMEOUT);
		assertThat(stored).isNotNull();
		assertThat(stored.accessToken()).isNotEqualTo(issued.accessToken());
		assertThat(this.fake.tokenRequests("refresh_token")).as("token requests at the authorization server").hasSize(1);
		assertThat(this.fake.tokenRequests("authorization_code")).isEmpty();
		assertThat(results).as("every request of both instances succeeded with the stored token")
			.hasSize(2 * COUNT)
			.containsOnly("200 " + stored.accessToken());
		assertThat(this.fake.requests("/mcp")).as("each request reached the MCP server once with the new token")
			.filteredOn((request) -> stored.accessToken().equals(request.bearerToken()))
			.hasSize(2 * COUNT);
	}

	/** This instance and the other (a JVM of its own) each send {@code COUNT} requests at once. */
	private List<String> callFromBothInstances(Duration lease) throws Exception {
		Process other = startOtherInstance(COUNT, lease);
		try (BufferedReader output = new BufferedReader(
				new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8))) {
			go(other);
			List<String> results = new ArrayList<>(callFromThisInstance(COUNT));
			List<String> lines = new ArrayList<>();
			String line;
			while ((line = output.readLine()) != null) {
				lines.add(line);
				if (line.startsWith("RESULT ")) {
					results.add(line.substring("RESULT ".length()));
				}
			}
			assertThat(other.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
			assertThat(other.exitValue()).as(String.join("\n", lines)).isZero();
			assertThat(lines).as(String.join("\n", lines)).contains("DONE");
			return results;
		}
		finally {
			other.destroyForcibly();
		}
	}

	private List<String> callFromThisInstance(int count) {
		PostgresTokenStore thisStore = PostgresDatabases.store(this.pool, Clock.systemUTC()).build();
		try (FleetInstance instance = new FleetInstance(thisStore, this.server)) {
			return instance.call(count);
		}
	}

	/** The first refresh request waits at the authorization server until the test ends. */
	private CountDownLatch holdTheFirstRefresh() {
		CountDownLatch arrived = new CountDownLatch(1);
		AtomicInteger refreshes = new AtomicInteger();
		this.fake.clearRecordings();
		this.fake.beforeTokenResponse((request) -> {
			if ("refresh_token".equals(request.form("grant_type")) && refreshes.incrementAndGet() == 1) {
				arrived.countDown();
				try {
					this.releaseHeldRefresh.await(60, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
		});
		return arrived;
	}

	private OAuthToken authorize() {
		return Engines.direct(this.store, Clock.systemUTC()).build().ensureAuthenticated(this.server).block(TIMEOUT);
	}

	private static OAuthToken expired(OAuthToken token) {
		return OAuthToken.builder()
			.accessToken(token.accessToken())
			.tokenType(token.tokenType())
			.refreshToken(token.refreshToken())
			.issuedAt(token.issuedAt().minus(Duration.ofHours(2)))
			.expiresAt(token.issuedAt().minus(Duration.ofHours(1)))
			.issuer(token.issuer())
			.resource(token.resource())
			.scopes(token.scopes())
			.build();
	}

	private Process startOtherInstance(int count, Duration lease) throws IOException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(FleetWorkerMain.class.getName());
		command.addAll(List.of(postgres.host(), String.valueOf(postgres.port()), this.database,
				this.fake.mcpUrl().toString(), String.valueOf(count), String.valueOf(lease.toMillis())));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
		String line;
		List<String> lines = new ArrayList<>();
		while ((line = output.readLine()) != null && !"READY".equals(line)) {
			lines.add(line);
		}
		assertThat(line).as(String.join("\n", lines)).isEqualTo("READY");
		return process;
	}

	private static void go(Process process) throws IOException {
		Writer input = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
		input.write("go\n");
		input.flush();
	}

	private static void signal(Process process, String signal) throws Exception {
		Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid())).inheritIO().start();
		assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
	}

}
