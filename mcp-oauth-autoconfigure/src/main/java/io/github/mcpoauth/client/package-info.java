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
 * The authorization engine, {@link io.github.mcpoauth.client.McpOAuthClient}: it ties
 * discovery, registration, grants, token storage and refresh together per MCP server and
 * principal.
 *
 * <p>The starter builds one from {@code mcp.oauth.*} (change it with an
 * {@code McpOAuthClientBuilderCustomizer} bean); without Spring Boot, build it yourself:
 * <pre>{@code
 * McpOAuthClient engine = McpOAuthClient.builder()
 *     .userAgent(new LoopbackUserAgent(new SystemBrowserLauncher()))   // browser + 127.0.0.1 listener
 *     .tokenStore(store)
 *     .build();
 * McpServerDefinition server = McpServerDefinition.builder("sample", URI.create("http://127.0.0.1:9003/mcp"))
 *     .clientId("static-mcp-client-001")
 *     .build();
 * // The stored token, else a refreshed one, else a new authorization (the browser opens):
 * OAuthToken token = engine.ensureAuthenticated(server).block();
 * String header = engine.authorizationHeader(server).block();   // "Bearer ..." or "DPoP ..."
 * engine.clearTokens(server).block();                           // forget this principal's tokens
 * }</pre>
 *
 * <p>{@code block()} is for code outside an event loop, as here; reactive code composes the
 * {@code Mono}s instead. Transports call {@code handleUnauthorized} and {@code handleForbidden}
 * on a 401 or 403.
 *
 * <p>The example is compiled, and run where it needs no server, by
 * {@code io.github.mcpoauth.JavadocExamplesTests} in the library's tests: change both
 * together.
 */
@NullMarked
package io.github.mcpoauth.client;

import org.jspecify.annotations.NullMarked;
