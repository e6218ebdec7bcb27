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
 * Storage of tokens (keyed by MCP server name and principal, {@link io.github.mcpoauth.store.TokenKey})
 * and client registrations (keyed by MCP server name and authorization-server issuer): the OS
 * keychain, an encrypted file, HashiCorp Vault, PostgreSQL, or memory.
 *
 * <p>The starter picks the store from {@code mcp.oauth.storage.*}; in code,
 * {@link io.github.mcpoauth.store.TokenStores} builds one from settings:
 * <pre>{@code
 * // The encrypted file in a directory of your choice, with a random key file next to it:
 * McpOAuthStore store = TokenStores.create(TokenStoreSettings.defaults()
 *     .withType(TokenStoreSettings.Type.ENCRYPTED_FILE)
 *     .withFile(new FileSettings(directory, null, null)));
 * // TokenStoreSettings.Type.AUTO picks the OS keychain when one answers, else the file;
 * // new InMemoryTokenStore() keeps nothing across restarts (tests, short-lived processes).
 *
 * // Whose token for which server; the engine saves and refreshes, the store keeps.
 * Boolean usable = store.hasValidToken(TokenKey.of("sample", "alice"), Clock.systemUTC(), Duration.ofSeconds(60))
 *     .block();
 * List<TokenKey> stored = store.tokenKeys().collectList().block();
 * }</pre>
 *
 * <p>Give the store to the engine with {@code McpOAuthClient.builder().tokenStore(store)}, or
 * declare it as a bean; close it when it is {@link java.lang.AutoCloseable}.
 *
 * <p>The example is compiled, and run where it needs no server, by
 * {@code io.github.mcpoauth.JavadocExamplesTests} in the library's tests: change both
 * together.
 */
@NullMarked
package io.github.mcpoauth.store;

import org.jspecify.annotations.NullMarked;
