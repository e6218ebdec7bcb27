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

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import io.github.mcpoauth.core.McpOAuthErrorCode;
import io.github.mcpoauth.core.McpOAuthException;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.vault.VaultException;
import org.springframework.vault.core.VaultOperations;
import org.springframework.vault.support.VaultResponse;

/**
 * The {@link TokenRefreshLock} of the Vault store: a lease entry per server and principal
 * ({@code <prefix>/locks/<server>/<principal>}) created with KV v2 check-and-set
 * ({@code options.cas = 0}: only if absent), so exactly one process holds it. The entry
 * records when the lease ends; a process that finds a lease past its end (its holder
 * crashed) takes it over with {@code cas} = the entry's version, so again only one
 * process wins. The holder deletes the entry when its refresh is done.
 *
 * <p>Waiting happens on {@code Schedulers.boundedElastic()}, never on an event-loop thread.
 *
 * @see <a href="https://developer.hashicorp.com/vault/api-docs/secret/kv/kv-v2#create-update-secret">Vault KV v2: cas</a>
 */
final class VaultRefreshLock implements TokenRefreshLock {

	private static final long POLL_MILLIS = 50;

	private final VaultOperations vault;

	private final String mount;

	private final String prefix;

	private final Duration lease;

	private final Duration timeout;

	private final Clock clock;

	VaultRefreshLock(VaultOperations vault, String mount, String prefix, Duration lease, Duration timeout, Clock clock) {
		this.vault = vault;
		this.mount = mount;
		this.prefix = prefix;
		this.lease = lease;
		this.timeout = timeout;
		this.clock = clock;
	}

	@Override
	public <T> Mono<T> withLock(TokenKey key, Mono<T> work) {
		String path = (this.prefix.isEmpty() ? "" : this.prefix + "/") + "locks/" + StoreKeys.escape(key.serverName())
				+ "/" + StoreKeys.escape(key.principal());
		return Mono.usingWhen(Mono.fromCallable(() -> acquire(path)).subscribeOn(Schedulers.boundedElastic()),
				(holder) -> work,
				(holder) -> Mono.fromRunnable(() -> release(path)).subscribeOn(Schedulers.boundedElastic()));
	}

	private String acquire(String path) {
		String holder = UUID.randomUUID().toString();
		long deadline = System.nanoTime() + this.timeout.toNanos();
		while (true) {
			Map<String, Object> current = read(path);
			int version = 0;
			if (current != null) {
				Instant end = (current.get("data") instanceof Map<?, ?> lease && lease.get("expires_at") instanceof String text)
						? Instant.parse(text) : Instant.EPOCH;
				version = end.isAfter(this.clock.instant()) ? -1 /* held by a live holder */ : version(current);
			}
			if (version >= 0 && write(path, holder, version)) {
				return holder;
			}
			if (System.nanoTime() > deadline) {
				throw new McpOAuthException(McpOAuthErrorCode.STORAGE_FAILED, "Another process has been refreshing for more "
						+ "than " + this.timeout.toSeconds() + " s (Vault lease " + this.mount + "/" + path
						+ "); its lease ends by itself after " + this.lease.toSeconds() + " s");
			}
			try {
				Thread.sleep(POLL_MILLIS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new McpOAuthException(McpOAuthErrorCode.STORAGE_FAILED, "Interrupted while waiting for the Vault "
						+ "lease " + this.mount + "/" + path, ex);
			}
		}
	}

	/** Writes the lease with check-and-set; {@code false} when another process won. */
	private boolean write(String path, String holder, int cas) {
		Map<String, Object> body = Map.of("options", Map.of("cas", cas), "data",
				Map.of("holder", holder, "expires_at", this.clock.instant().plus(this.lease).toString()));
		try {
			this.vault.write(this.mount + "/data/" + path, body);
			return true;
		}
		catch (VaultException ex) {
			if (ex.getMessage() != null && ex.getMessage().contains("check-and-set")) {
				return false;
			}
			throw failed(path, ex);
		}
	}

	/** The KV v2 read response's {@code data}: the entry's {@code data} and {@code metadata}. */
	private @Nullable Map<String, Object> read(String path) {
		try {
			VaultResponse response = this.vault.read(this.mount + "/data/" + path);
			return (response != null) ? response.getData() : null;
		}
		catch (VaultException ex) {
			throw failed(path, ex);
		}
	}

	private void release(String path) {
		try {
			this.vault.delete(this.mount + "/metadata/" + path);
		}
		catch (VaultException ex) {
			// the lease ends by itself
		}
	}

	private static int version(Map<String, Object> entry) {
		return (entry.get("metadata") instanceof Map<?, ?> metadata && metadata.get("version") instanceof Number number)
				? number.intValue() : 0;
	}

	private McpOAuthException failed(String path, VaultException ex) {
		return new McpOAuthException(McpOAuthErrorCode.STORAGE_FAILED, "Could not use the Vault lease " + this.mount + "/"
				+ path + " (" + ex.getMessage() + "); check that the policy allows the 'locks' path", ex);
	}

}
