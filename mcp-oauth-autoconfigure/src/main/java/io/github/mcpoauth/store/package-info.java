/**
 * Storage of tokens and client registrations, keyed by MCP server name and authorization-server issuer.
 */
@NullMarked
package io.github.mcpoauth.store;

import org.jspecify.annotations.NullMarked;
