/**
 * The MCP Streamable HTTP endpoint and its tools, built with the MCP Java SDK.
 */
@NullMarked
package io.github.mcpoauth.sample.server.mcp;

import org.jspecify.annotations.NullMarked;
