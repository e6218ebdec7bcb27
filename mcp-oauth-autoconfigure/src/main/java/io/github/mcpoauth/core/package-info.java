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
 * Values and errors shared by every part of the MCP OAuth client: the server definition, the
 * registry that matches request URLs to servers, and the typed exception
 * ({@link io.github.mcpoauth.core.McpOAuthException} with a stable
 * {@link io.github.mcpoauth.core.McpOAuthErrorCode}).
 *
 * <p>A server in code (the starter builds them from {@code mcp.oauth.servers.*}), and a
 * failure read by its code:
 * <pre>{@code
 * McpServerDefinition server = McpServerDefinition.builder("sample", URI.create("http://127.0.0.1:9003/mcp"))
 *     .clientId("static-mcp-client-001")
 *     .clientSecret(System.getenv("SAMPLE_CLIENT_SECRET"))
 *     .scopes(Set.of("mcp:tools"))
 *     .build();
 * McpServerRegistry servers = new McpServerRegistry(List.of(server));
 * // A request URL is authorized with the server whose URL it starts with (path at a "/" boundary):
 * McpServerDefinition matched = servers.match(URI.create("http://127.0.0.1:9003/mcp/tools"));
 *
 * try {
 *     String header = engine.authorizationHeader(server).block();
 * }
 * catch (McpOAuthException ex) {
 *     // A stable code, and a message that says what is wrong and what to do.
 *     if (ex.getErrorCode() != McpOAuthErrorCode.INTERACTION_REQUIRED) {
 *         throw ex;
 *     }
 * }
 * }</pre>
 *
 * <p>The example is compiled, and run where it needs no server, by
 * {@code io.github.mcpoauth.JavadocExamplesTests} in the library's tests: change both
 * together.
 */
@NullMarked
package io.github.mcpoauth.core;

import org.jspecify.annotations.NullMarked;
