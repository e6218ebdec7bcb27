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

import org.springframework.util.Assert;

/**
 * What the builders of the stores that derive their key from a password
 * ({@link EncryptedFileTokenStore.Builder}, {@link PostgresTokenStore.Builder}) share: the
 * password and where it came from.
 *
 * @param <B> the builder
 */
abstract class PasswordKeyedStoreBuilder<B extends PasswordKeyedStoreBuilder<B>> {

	char @Nullable [] password;

	String passwordSource = "the configured password";

	/**
	 * The password the key is derived from (PBKDF2-HMAC-SHA256, NIST SP 800-132). A shared
	 * store (the database) needs the same on every instance. The array is copied; the caller
	 * may clear its own.
	 * @param password the password, not empty
	 * @return this builder
	 */
	public B password(char[] password) {
		Assert.notNull(password, "password cannot be null");
		Assert.isTrue(password.length > 0, "password cannot be empty");
		this.password = password.clone();
		return self();
	}

	/**
	 * Names where the password comes from, for messages ("the password in environment
	 * variable MCP_OAUTH_STORE_PASSWORD"). Never the password itself.
	 * @param passwordSource the description
	 * @return this builder
	 */
	public B passwordSource(String passwordSource) {
		Assert.hasText(passwordSource, "passwordSource cannot be empty");
		this.passwordSource = passwordSource;
		return self();
	}

	@SuppressWarnings("unchecked")
	private B self() {
		return (B) this;
	}

}
