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

import java.util.function.Function;

import io.github.mcpoauth.store.EncryptedFileFormat.Keys;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.Readable;
import io.r2dbc.spi.Statement;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Runs the SQL of the PostgreSQL store through the R2DBC SPI: bind parameters by position
 * ({@code $1}, {@code $2}, ...), {@link Null} for a typed SQL {@code NULL}.
 */
final class PostgresStatements {

	private PostgresStatements() {
	}

	/** The rows of a query, mapped. */
	static <T> Flux<T> many(Connection connection, String sql, Function<Readable, T> mapper, Object... parameters) {
		return Flux.from(bind(connection.createStatement(sql), parameters).execute())
			.concatMap((result) -> result.map(mapper::apply));
	}

	/** The first row of a query, mapped; empty when there is none. */
	static <T> Mono<T> one(Connection connection, String sql, Function<Readable, T> mapper, Object... parameters) {
		return many(connection, sql, mapper, parameters).next();
	}

	/**
	 * A column the schema declares {@code NOT NULL}.
	 * @throws IllegalStateException if the row holds null there (a damaged table)
	 */
	static <T> T required(Readable row, int index, Class<T> type) {
		T value = row.get(index, type);
		if (value == null) {
			throw new IllegalStateException("Column " + (index + 1) + " of the row is null");
		}
		return value;
	}

	/** The number of rows a statement changed. */
	static Mono<Long> update(Connection connection, String sql, Object... parameters) {
		return Flux.from(bind(connection.createStatement(sql), parameters).execute())
			.concatMap((result) -> result.getRowsUpdated())
			.reduce(0L, Long::sum);
	}

	/** Runs a statement without parameters (several statements, for a schema script). */
	static Mono<Void> execute(Connection connection, String sql) {
		return Flux.from(connection.createStatement(sql).execute()).concatMap((result) -> result.getRowsUpdated()).then();
	}

	private static Statement bind(Statement statement, Object... parameters) {
		for (int i = 0; i < parameters.length; i++) {
			if (parameters[i] instanceof Null type) {
				statement.bindNull(i, type.type());
			}
			else {
				statement.bind(i, parameters[i]);
			}
		}
		return statement;
	}

	/**
	 * A SQL {@code NULL} of a type.
	 * @param type the Java type of the column
	 */
	record Null(Class<?> type) {
	}

	/** Work on one connection with the store's keys. */
	@FunctionalInterface
	interface Work<T> {

		Mono<T> apply(Connection connection, Keys keys);

	}

}
