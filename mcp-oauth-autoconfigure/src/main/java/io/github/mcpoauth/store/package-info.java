/**
 * Storage of tokens (keyed by MCP server name and principal) and client registrations (keyed by MCP server name and authorization-server issuer).
 */
@NullMarked
package io.github.mcpoauth.store;

import org.jspecify.annotations.NullMarked;
