/**
 * Spring Boot auto-configuration: {@code mcp.oauth} properties, the engine, the token store, the {@code WebClient} filter, MCP transports and observability.
 */
@NullMarked
package io.github.mcpoauth.autoconfigure;

import org.jspecify.annotations.NullMarked;
