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
