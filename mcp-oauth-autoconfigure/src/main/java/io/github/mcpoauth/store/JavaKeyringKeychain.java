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

import java.util.Locale;

import com.github.javakeyring.BackendNotSupportedException;
import com.github.javakeyring.Keyring;
import com.github.javakeyring.PasswordAccessException;
import io.github.mcpoauth.core.McpOAuthErrorCode;
import io.github.mcpoauth.core.McpOAuthException;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * A {@link Keychain} on java-keyring: the macOS Keychain, the Secret Service on Linux (GNOME
 * Keyring, KWallet 5.97+), or the Windows Credential Manager. One connection is opened on
 * first use and kept; after a failure it is closed and opened again on the next call, so a
 * restarted keyring daemon is picked up. Calls are serialized.
 *
 * <p>On Linux the Secret Service is reached over the D-Bus session bus named by the
 * {@code DBUS_SESSION_BUS_ADDRESS} system property or, without it, environment variable
 * (dbus-java).
 */
final class JavaKeyringKeychain implements Keychain {

	private final String serviceName;

	private @Nullable Keyring keyring;

	JavaKeyringKeychain(String serviceName) {
		Assert.hasText(serviceName, "serviceName cannot be empty");
		this.serviceName = serviceName;
	}

	@Override
	public synchronized @Nullable String get(String account) {
		Keyring current = keyring();
		try {
			return current.getPassword(this.serviceName, account);
		}
		catch (PasswordAccessException ex) {
			if (isNotFound(ex)) {
				return null;
			}
			throw failure("read", account, ex);
		}
		catch (RuntimeException ex) {
			throw failure("read", account, ex);
		}
	}

	@Override
	public synchronized void set(String account, String secret) {
		Keyring current = keyring();
		try {
			current.setPassword(this.serviceName, account, secret);
		}
		catch (PasswordAccessException | RuntimeException ex) {
			throw failure("write", account, ex);
		}
	}

	@Override
	public synchronized void delete(String account) {
		Keyring current = keyring();
		try {
			current.deletePassword(this.serviceName, account);
		}
		catch (PasswordAccessException ex) {
			if (!isNotFound(ex)) {
				throw failure("delete", account, ex);
			}
		}
		catch (RuntimeException ex) {
			throw failure("delete", account, ex);
		}
	}

	@Override
	public synchronized String description() {
		return keyring().getKeyringStorageType().name();
	}

	@Override
	public synchronized void close() {
		Keyring current = this.keyring;
		this.keyring = null;
		if (current != null) {
			try {
				current.close();
			}
			catch (Exception ex) {
				// closing a broken connection: nothing left to release
			}
		}
	}

	private Keyring keyring() {
		Keyring current = this.keyring;
		if (current == null) {
			try {
				current = Keyring.create();
			}
			catch (BackendNotSupportedException | RuntimeException | LinkageError ex) {
				throw new McpOAuthException(McpOAuthErrorCode.STORAGE_FAILED,
						"No OS keychain is reachable (" + ex.getMessage() + "); on Linux start a Secret Service"
								+ " (gnome-keyring) on the D-Bus session bus, or use the encrypted-file store",
						ex);
			}
			this.keyring = current;
		}
		return current;
	}

	private McpOAuthException failure(String action, String account, Exception ex) {
		close();
		return new McpOAuthException(McpOAuthErrorCode.STORAGE_FAILED, "Could not " + action + " the keychain entry "
				+ this.serviceName + "/" + account + " (" + ex.getMessage()
				+ "); check that the keychain is unlocked and reachable", ex);
	}

	/**
	 * java-keyring reports a missing entry with an exception whose message differs per
	 * backend: Secret Service and macOS "No stored credentials match", Windows "Password not
	 * Found" or error 1168 (ERROR_NOT_FOUND), KWallet "not in wallet", macOS delete "No
	 * password to delete".
	 */
	private static boolean isNotFound(PasswordAccessException ex) {
		String message = String.valueOf(ex.getMessage()).toLowerCase(Locale.ROOT);
		return message.contains("no stored credentials") || message.contains("not found")
				|| message.contains("not in wallet") || message.contains("no password to delete")
				|| message.contains("1168");
	}

	@Override
	public String toString() {
		return "JavaKeyringKeychain[service=" + this.serviceName + "]";
	}

}
