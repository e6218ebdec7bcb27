/**
 * The sample server as a fleet: Spring Authorization Server's JDBC services on PostgreSQL
 * ({@code --database-url}), a signing key shared by every instance ({@code --signing-key}),
 * and a short cache that keeps the database off the per-request path of {@code /mcp}.
 */
@NullMarked
package io.github.mcpoauth.sample.server.fleet;

import org.jspecify.annotations.NullMarked;
