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
 * Multi-user WebFlux applications: the authorization-code grant through the signed-in user's
 * own browser, with the authorization response received at the application's callback path
 * and the tokens stored for that user.
 *
 * <p>Handlers use {@link io.github.mcpoauth.web.McpConnections} for the signed-in user; a needed
 * sign-in fails with {@link io.github.mcpoauth.web.McpAuthorizationRequiredException}, which
 * {@link io.github.mcpoauth.web.McpAuthorizationWebFilter} turns into a redirect to the
 * authorization server and, after the callback, back to the page:
 * <pre>{@code
 * Mono<ServerResponse> connect(ServerRequest request) {
 *     return this.connections.connect("sample").then(ServerResponse.seeOther(URI.create("/")).build());
 * }
 *
 * Mono<ServerResponse> status(ServerRequest request) {
 *     return this.connections.isConnected("sample").flatMap((connected) -> ServerResponse.ok().bodyValue(connected));
 * }
 * }</pre>
 *
 * <p>The example is compiled, and run where it needs no server, by
 * {@code io.github.mcpoauth.JavadocExamplesTests} in the library's tests: change both
 * together.
 */
@NullMarked
package io.github.mcpoauth.web;

import org.jspecify.annotations.NullMarked;
