/**
 * The authorization engine that ties discovery, registration, authorization, token storage and refresh together per MCP server.
 */
@NullMarked
package io.github.mcpoauth.client;

import org.jspecify.annotations.NullMarked;
