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
 * The back channel: how the engine's own requests to authorization servers (discovery,
 * registration, token and identity-assertion requests) are made safe from a hostile or stuck
 * server.
 *
 * <p>The engine derives its back channel itself ({@code McpOAuthClientBuilder.backChannelTimeout},
 * {@code mcp.oauth.http.timeout}); a component of your own that talks to authorization servers,
 * such as a {@code TokenEndpointClient} for a custom grant, takes the same:
 * <pre>{@code
 * // No redirects followed, https (or loopback http) only, 10 s for each exchange:
 * WebClient backChannel = BackChannel.webClient(WebClient.create(), Duration.ofSeconds(10));
 * }</pre>
 *
 * <p>The example is compiled, and run where it needs no server, by
 * {@code io.github.mcpoauth.JavadocExamplesTests} in the library's tests: change both
 * together.
 */
@NullMarked
package io.github.mcpoauth.http;

import org.jspecify.annotations.NullMarked;
