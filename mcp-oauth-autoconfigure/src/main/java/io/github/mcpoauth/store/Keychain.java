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

package io.github.mcpoauth.store;

import org.jspecify.annotations.Nullable;

/**
 * The few operations {@link KeychainTokenStore} needs from an OS keychain: one secret per
 * account name under a fixed service name. Blocking.
 */
interface Keychain extends AutoCloseable {

	/**
	 * @param account the account name
	 * @return the secret, or {@code null} when there is none
	 */
	@Nullable String get(String account);

	/**
	 * Creates or replaces a secret.
	 * @param account the account name
	 * @param secret the secret
	 */
	void set(String account, String secret);

	/**
	 * @param account the account name
	 */
	void delete(String account);

	/**
	 * @return which keychain this is, for logs ("GNOME_KEYRING", "OSX_KEYCHAIN", ...)
	 */
	String description();

	@Override
	void close();

}
