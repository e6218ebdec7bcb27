/**
 * The high-level API: ensure a server's authorization, prepare its headers, and send authenticated MCP requests whose JSON or SSE answers are parsed.
 */
@NullMarked
package io.github.mcpoauth.handler;

import org.jspecify.annotations.NullMarked;
