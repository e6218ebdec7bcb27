/**
 * A sample MCP server protected by Spring Authorization Server with a statically registered client, on one port.
 */
@NullMarked
package io.github.mcpoauth.sample.server;

import org.jspecify.annotations.NullMarked;
