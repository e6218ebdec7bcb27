/**
 * The sample command-line MCP client built on mcp-oauth.
 */
@NullMarked
package io.github.mcpoauth.sample.client;

import org.jspecify.annotations.NullMarked;
