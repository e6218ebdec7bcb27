/*
 * Copyright 2026-present the original author or authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

/**
 * Actuator support: a health contributor that reports, per MCP server, whether a usable token
 * is held.
 *
 * <p>The starter registers it as {@code mcpOAuth} ({@code management.health.mcp-oauth.enabled});
 * by hand:
 * <pre>{@code
 * McpOAuthHealthIndicator health = new McpOAuthHealthIndicator(servers, store, Clock.systemUTC(),
 *         Duration.ofSeconds(60));
 * Health report = health.health().block();   // UP; per server "valid", "refreshable", "expired" or "none"
 * }</pre>
 *
 * <p>The example is compiled, and run where it needs no server, by
 * {@code io.github.mcpoauth.JavadocExamplesTests} in the library's tests: change both
 * together.
 */
@NullMarked
package io.github.mcpoauth.actuate;

import org.jspecify.annotations.NullMarked;
