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
 * Discovery of protected-resource metadata (RFC 9728) and authorization-server metadata
 * (RFC 8414, OpenID Connect Discovery).
 *
 * <p>The engine discovers by itself; {@link io.github.mcpoauth.discovery.MetadataDiscoverer}
 * can also be used on its own, with the challenge of a 401:
 * <pre>{@code
 * // The 401's WWW-Authenticate header may name the protected-resource metadata (RFC 9728 §5.1):
 * BearerChallenge challenge = BearerChallenge.parse(wwwAuthenticate).orElse(null);
 * Logger log = LoggerFactory.getLogger("discovery");
 * MetadataDiscoverer discoverer = new MetadataDiscoverer(backChannel);
 * Mono<DiscoveredServer> discovered = discoverer.discover(URI.create("http://127.0.0.1:9003/mcp"), challenge, null)
 *     .doOnNext((server) -> log.info("{} at {}", server.resource(), server.authorizationServer().issuer()));
 * }</pre>
 *
 * <p>The example is compiled, and run where it needs no server, by
 * {@code io.github.mcpoauth.JavadocExamplesTests} in the library's tests: change both
 * together.
 */
@NullMarked
package io.github.mcpoauth.discovery;

import org.jspecify.annotations.NullMarked;
