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

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * A {@link Keychain} in a map, for tests of {@link KeychainTokenStore}'s own logic.
 */
class MapKeychain implements Keychain {

	final Map<String, String> entries = new ConcurrentHashMap<>();

	volatile boolean closed;

	@Override
	public @Nullable String get(String account) {
		return this.entries.get(account);
	}

	@Override
	public void set(String account, String secret) {
		this.entries.put(account, secret);
	}

	@Override
	public void delete(String account) {
		this.entries.remove(account);
	}

	@Override
	public String description() {
		return "MAP";
	}

	@Override
	public void close() {
		this.closed = true;
	}

}
