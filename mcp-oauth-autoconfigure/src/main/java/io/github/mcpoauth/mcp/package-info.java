/**
 * Wiring of the authorization engine into the MCP Java SDK's client transports.
 */
@NullMarked
package io.github.mcpoauth.mcp;

import org.jspecify.annotations.NullMarked;
