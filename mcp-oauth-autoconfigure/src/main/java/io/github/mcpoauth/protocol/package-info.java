/**
 * A small MCP client that speaks the stateless revision 2026-07-28 over Streamable HTTP and falls back to the
 * initialize-and-session revision 2025-11-25; temporary, until the MCP Java SDK speaks 2026-07-28.
 */
@NullMarked
package io.github.mcpoauth.protocol;

import org.jspecify.annotations.NullMarked;
