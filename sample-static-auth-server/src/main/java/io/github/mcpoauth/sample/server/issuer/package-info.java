/**
 * The {@code authorization-server} role: the issuer of the combined sample without its
 * MCP endpoint, issuing tokens for other resource servers.
 */
@NullMarked
package io.github.mcpoauth.sample.server.issuer;

import org.jspecify.annotations.NullMarked;
