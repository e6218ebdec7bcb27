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
 * The authorization-code flow with PKCE: authorization requests, user agents and the loopback
 * redirect listener.
 *
 * <p>A {@link io.github.mcpoauth.authorization.UserAgent} carries the authorization request to
 * the user ({@code mcp.oauth.user-agent.*} with the starter). To print the URL instead of opening a
 * browser:
 * <pre>{@code
 * // The redirect still comes back to a one-off listener on 127.0.0.1 (RFC 8252 §7.3).
 * Logger log = LoggerFactory.getLogger("sign-in");
 * LoopbackUserAgent userAgent = new LoopbackUserAgent(new PrintUrlLauncher((url) -> log.info("Open {}", url)));
 * userAgent.setTimeout(Duration.ofMinutes(2));
 * McpOAuthClient engine = McpOAuthClient.builder().userAgent(userAgent).build();
 * }</pre>
 *
 * <p>The example is compiled, and run where it needs no server, by
 * {@code io.github.mcpoauth.JavadocExamplesTests} in the library's tests: change both
 * together.
 */
@NullMarked
package io.github.mcpoauth.authorization;

import org.jspecify.annotations.NullMarked;
