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
