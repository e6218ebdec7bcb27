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
