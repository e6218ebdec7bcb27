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

package io.github.mcpoauth.registration;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Keeps client registrations across restarts, per MCP server and authorization-server
 * issuer: a registration is only ever used with the authorization server that issued it
 * (MCP authorization 2026-07-28, SEP-2352). Tokens are kept apart, in a
 * {@link io.github.mcpoauth.store.TokenStore}; every backend of this project implements
 * both.
 *
 * <p>Implementations that do blocking I/O subscribe on {@code Schedulers.boundedElastic()}.
 */
public interface ClientRegistrationStore {

	/**
	 * Stores a registration under its {@link OAuthClientRegistration#issuer() issuer},
	 * replacing any earlier one for that server and issuer.
	 * @param serverName the configured name of the MCP server
	 * @param registration the registration
	 * @return completion
	 */
	Mono<Void> saveRegistration(String serverName, OAuthClientRegistration registration);

	/**
	 * @param serverName the configured name of the MCP server
	 * @param issuer the authorization-server issuer
	 * @return the registration for exactly that issuer (compared as plain strings), or empty
	 */
	Mono<OAuthClientRegistration> loadRegistration(String serverName, String issuer);

	/**
	 * @param serverName the configured name of the MCP server
	 * @param issuer the authorization-server issuer
	 * @return whether a registration was removed
	 */
	Mono<Boolean> deleteRegistration(String serverName, String issuer);

	/**
	 * @param serverName the configured name of the MCP server
	 * @return the issuers the server has a stored registration with, sorted
	 */
	Flux<String> registrationIssuers(String serverName);

}
