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
 * Client registration: pre-registered credentials, Client ID Metadata Documents and RFC 7591
 * dynamic registration.
 *
 * <p>The engine registers by itself; {@link io.github.mcpoauth.registration.ClientRegistrar} does
 * it for a discovered authorization server, and keeps what it registered in the store:
 * <pre>{@code
 * // Pre-registered (client-id), else a Client ID Metadata Document (client-metadata-url),
 * // else a registration stored earlier for this issuer, else RFC 7591 dynamic registration:
 * ClientRegistrar registrar = new ClientRegistrar(backChannel, store, Clock.systemUTC());
 * Mono<OAuthClientRegistration> registration = registrar.registration(server, discovered.authorizationServer(),
 *         redirectUri);
 * }</pre>
 *
 * <p>The example is compiled, and run where it needs no server, by
 * {@code io.github.mcpoauth.JavadocExamplesTests} in the library's tests: change both
 * together.
 */
@NullMarked
package io.github.mcpoauth.registration;

import org.jspecify.annotations.NullMarked;
