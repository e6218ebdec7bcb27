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

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import io.github.mcpoauth.core.McpOAuthErrorCode;
import io.github.mcpoauth.core.McpOAuthException;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The schema of {@link PostgresTokenStore}: the scripts {@code schema-v1.sql} ...
 * {@code schema-vN.sql} beside this class's resources
 * ({@code io/github/mcpoauth/store/postgresql/}), each taking the schema from the previous
 * version to its own and recording it in {@code mcp_oauth_schema}.
 *
 * <p>{@link #prepare} reads the applied version and, when allowed, applies the missing
 * scripts in one transaction under a transaction-scoped advisory lock, so that instances
 * starting at once migrate once; PostgreSQL's transactional DDL leaves either the old or the
 * new schema, never a mix. A schema newer than this library is refused.
 */
final class PostgresSchema {

	/** The version the scripts lead to. */
	static final int CURRENT_VERSION = 2;

	/** The advisory lock key of migrations (any bigint; "mcpoauth" in ASCII). */
	static final long MIGRATION_LOCK = 0x6d63706f61757468L;

	static final String RESOURCE_PATH = "/io/github/mcpoauth/store/postgresql/";

	private static final Logger logger = LoggerFactory.getLogger(PostgresSchema.class);

	private PostgresSchema() {
	}

	/**
	 * Creates or migrates the schema (when {@code initialize}), or checks it.
	 * @param connectionFactory the database
	 * @param initialize whether scripts may be applied
	 * @param location the database, for messages
	 * @return completion; an {@link McpOAuthException} when the schema is unusable
	 */
	static Mono<Void> prepare(ConnectionFactory connectionFactory, boolean initialize, String location) {
		return Mono.usingWhen(Mono.from(connectionFactory.create()),
				(connection) -> initialize ? migrate(connection, location) : check(connection, location),
				Connection::close, (connection, ex) -> connection.close(), Connection::close);
	}

	private static Mono<Void> check(Connection connection, String location) {
		return appliedVersion(connection).flatMap((version) -> {
			if (version > CURRENT_VERSION) {
				return Mono.error(newer(version, location));
			}
			if (version < CURRENT_VERSION) {
				return Mono.error(new McpOAuthException(McpOAuthErrorCode.STORAGE_FAILED, "The token store schema in "
						+ location + " is at version " + version + "; this mcp-oauth needs version " + CURRENT_VERSION
						+ ". Run " + scripts(version) + " (in the library jar under " + RESOURCE_PATH.substring(1)
						+ "), or set mcp.oauth.storage.database.initialize-schema=true to let the application do it"));
			}
			return Mono.empty();
		});
	}

	private static Mono<Void> migrate(Connection connection, String location) {
		Mono<Void> work = PostgresStatements
			.one(connection, "SELECT pg_advisory_xact_lock($1)", (row) -> Boolean.TRUE, MIGRATION_LOCK)
			.then(appliedVersion(connection))
			.flatMap((version) -> {
				if (version > CURRENT_VERSION) {
					return Mono.error(newer(version, location));
				}
				if (version == CURRENT_VERSION) {
					return Mono.empty();
				}
				return Flux.range(version + 1, CURRENT_VERSION - version)
					.concatMap((next) -> PostgresStatements.execute(connection, script(next)))
					.then(Mono.fromRunnable(() -> {
						if (version == 0) {
							logger.info("Created the mcp-oauth token store schema (version {}) in {}", CURRENT_VERSION,
									location);
						}
						else {
							logger.info("Migrated the mcp-oauth token store schema in {} from version {} to {}", location,
									version, CURRENT_VERSION);
						}
					}));
			});
		return Mono.from(connection.beginTransaction())
			.then(work)
			.then(Mono.from(connection.commitTransaction()))
			.onErrorResume((ex) -> Mono.from(connection.rollbackTransaction())
				.onErrorResume((rollback) -> Mono.empty())
				.then(Mono.error(ex)));
	}

	/** The highest applied version, 0 when the schema does not exist yet. */
	static Mono<Integer> appliedVersion(Connection connection) {
		return PostgresStatements
			.one(connection, "SELECT to_regclass('mcp_oauth_schema') IS NOT NULL", (row) -> PostgresStatements.required(row, 0, Boolean.class))
			.flatMap((exists) -> Boolean.TRUE.equals(exists)
					? PostgresStatements.one(connection, "SELECT coalesce(max(version), 0) FROM mcp_oauth_schema",
							(row) -> PostgresStatements.required(row, 0, Integer.class))
					: Mono.just(0))
			.defaultIfEmpty(0);
	}

	/**
	 * The script that takes the schema to a version.
	 * @param version the version
	 * @return the SQL
	 */
	static String script(int version) {
		String name = RESOURCE_PATH + "schema-v" + version + ".sql";
		try (InputStream in = PostgresSchema.class.getResourceAsStream(name)) {
			if (in == null) {
				throw new IllegalStateException("The schema script " + name + " is missing from the library jar");
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String scripts(int from) {
		StringBuilder names = new StringBuilder();
		for (int version = from + 1; version <= CURRENT_VERSION; version++) {
			names.append((names.length() > 0) ? ", then " : "").append("schema-v").append(version).append(".sql");
		}
		return names.toString();
	}

	private static McpOAuthException newer(int version, String location) {
		return new McpOAuthException(McpOAuthErrorCode.STORAGE_FAILED, "The token store schema in " + location
				+ " is at version " + version + ", written by a newer mcp-oauth; this version reads up to version "
				+ CURRENT_VERSION + ": upgrade this application, or point it at another database");
	}

}
