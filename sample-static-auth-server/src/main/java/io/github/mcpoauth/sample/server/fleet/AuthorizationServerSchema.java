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

package io.github.mcpoauth.sample.server.fleet;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import javax.sql.DataSource;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;

/**
 * Creates Spring Authorization Server's tables in PostgreSQL when they are missing, from
 * the schema files inside its jar, adapted as those files ask for PostgreSQL ({@code blob}
 * becomes {@code text}, {@code timestamp} becomes {@code timestamptz}). Instances that start
 * at once take a transaction-scoped advisory lock first, so the tables are created once.
 */
final class AuthorizationServerSchema {

	private static final Log logger = LogFactory.getLog(AuthorizationServerSchema.class);

	/** The advisory lock key of the schema creation ("mcpstati" in ASCII). */
	private static final long LOCK = 0x6d63707374617469L;

	private static final List<String> SCRIPTS = List.of(
			"org/springframework/security/oauth2/server/authorization/client/oauth2-registered-client-schema.sql",
			"org/springframework/security/oauth2/server/authorization/oauth2-authorization-schema.sql",
			"org/springframework/security/oauth2/server/authorization/oauth2-authorization-consent-schema.sql");

	private AuthorizationServerSchema() {
	}

	/**
	 * Creates the missing tables.
	 * @param dataSource the database
	 * @throws SQLException when the database refuses
	 */
	static void create(DataSource dataSource) throws SQLException {
		try (Connection connection = dataSource.getConnection()) {
			connection.setAutoCommit(false);
			try (Statement statement = connection.createStatement()) {
				statement.execute("SELECT pg_advisory_xact_lock(" + LOCK + ")");
				int created = 0;
				for (String script : SCRIPTS) {
					String sql = postgres(read(script));
					String table = table(sql);
					if (!exists(statement, table)) {
						statement.execute(sql);
						created++;
					}
				}
				connection.commit();
				if (created > 0) {
					logger.info("Created " + created + " table(s) of Spring Authorization Server");
				}
			}
			catch (SQLException | RuntimeException ex) {
				connection.rollback();
				throw ex;
			}
		}
	}

	private static boolean exists(Statement statement, String table) throws SQLException {
		try (ResultSet result = statement.executeQuery("SELECT to_regclass('" + table + "') IS NOT NULL")) {
			return result.next() && result.getBoolean(1);
		}
	}

	/** The script without its comments, with the types PostgreSQL needs. */
	static String postgres(String script) {
		return script.replaceAll("(?s)/\\*.*?\\*/", "")
			.replaceAll("\\bblob\\b", "text")
			.replaceAll("\\btimestamp\\b", "timestamptz")
			.strip();
	}

	private static String table(String sql) {
		String afterCreate = sql.substring(sql.indexOf("CREATE TABLE") + "CREATE TABLE".length()).strip();
		return afterCreate.substring(0, afterCreate.indexOf(' ')).strip();
	}

	private static String read(String resource) {
		try (InputStream in = OAuth2AuthorizationService.class.getClassLoader().getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalStateException("Spring Authorization Server's " + resource + " is missing");
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
