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
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.github.mcpoauth.core.McpServerDefinition;
import io.r2dbc.pool.ConnectionPool;

/**
 * The other instance of {@link PostgresFleetRefreshTests}, in its own JVM: a
 * {@link FleetInstance} on the shared PostgreSQL store that, on "go", sends many concurrent
 * requests through the WebClient filter and prints the result of each.
 *
 * <p>Arguments: {@code HOST PORT DATABASE MCP_URL COUNT LEASE_MILLIS}. The database and
 * store passwords are the test constants, never on the command line.
 */
public final class FleetWorkerMain {

	private FleetWorkerMain() {
	}

	public static void main(String[] args) throws Exception {
		ConnectionPool pool = PostgresDatabases.pool(PostgresDatabases.connections(args[0], Integer.parseInt(args[1]),
				args[2]));
		PostgresTokenStore store = PostgresDatabases.store(pool, Clock.systemUTC())
			.refreshLockLease(Duration.ofMillis(Long.parseLong(args[5])))
			.build();
		store.initialize().block(Duration.ofSeconds(30));
		McpServerDefinition server = McpServerDefinition.builder("shared", URI.create(args[3])).build();
		int count = Integer.parseInt(args[4]);
		try (FleetInstance instance = new FleetInstance(store, server)) {
			instance.warmUp();
			System.out.println("READY");
			BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
			if (!"go".equals(in.readLine())) {
				System.exit(2);
			}
			List<String> results = instance.call(count);
			results.forEach((result) -> System.out.println("RESULT " + result));
		}
		pool.dispose();
		System.out.println("DONE");
		System.exit(0);
	}

}
