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

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import io.github.mcpoauth.core.McpOAuthErrorCode;
import io.github.mcpoauth.core.McpOAuthException;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The {@link TokenRefreshLock} of the encrypted-file store: one lock file per server and
 * principal beside the store ({@code refresh-<hash>.lock}), held with an exclusive
 * {@link FileLock} for the duration of a refresh. A JVM-wide semaphore per lock file comes
 * first, because a {@code FileLock} belongs to the whole JVM; unlike a thread-bound lock, it
 * can be released by whichever thread completes the refresh. The operating system releases
 * the file lock when a process dies, so a crashed refresher never blocks the others.
 *
 * <p>Waiting happens on {@code Schedulers.boundedElastic()}, never on an event-loop thread.
 */
final class FileRefreshLock implements TokenRefreshLock {

	private static final ConcurrentMap<Path, Semaphore> JVM_LOCKS = new ConcurrentHashMap<>();

	private static final long POLL_MILLIS = 10;

	private final Path directory;

	private final Duration timeout;

	FileRefreshLock(Path directory, Duration timeout) {
		this.directory = directory.toAbsolutePath().normalize();
		this.timeout = timeout;
	}

	@Override
	public <T> Mono<T> withLock(TokenKey key, Mono<T> work) {
		Path lockFile = this.directory.resolve("refresh-" + hash(key) + ".lock");
		return Mono.usingWhen(Mono.fromCallable(() -> acquire(lockFile)).subscribeOn(Schedulers.boundedElastic()),
				(held) -> work, (held) -> Mono.fromRunnable(held::release));
	}

	private Held acquire(Path lockFile) throws IOException {
		long deadline = System.nanoTime() + this.timeout.toNanos();
		Semaphore jvmLock = JVM_LOCKS.computeIfAbsent(lockFile, (path) -> new Semaphore(1));
		try {
			if (!jvmLock.tryAcquire(this.timeout.toNanos(), TimeUnit.NANOSECONDS)) {
				throw timedOut(lockFile);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new McpOAuthException(McpOAuthErrorCode.STORAGE_FAILED,
					"Interrupted while waiting for the refresh lock " + lockFile, ex);
		}
		FileChannel channel = null;
		try {
			Files.createDirectories(this.directory, FilePermissions.ownerOnlyDirectory());
			channel = FileChannel.open(lockFile, EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
					FilePermissions.ownerOnlyFile());
			while (true) {
				FileLock lock = channel.tryLock();
				if (lock != null) {
					return new Held(jvmLock, channel, lock);
				}
				if (System.nanoTime() > deadline) {
					throw timedOut(lockFile);
				}
				Thread.sleep(POLL_MILLIS);
			}
		}
		catch (IOException | RuntimeException ex) {
			close(channel);
			jvmLock.release();
			throw ex;
		}
		catch (InterruptedException ex) {
			close(channel);
			jvmLock.release();
			Thread.currentThread().interrupt();
			throw new McpOAuthException(McpOAuthErrorCode.STORAGE_FAILED,
					"Interrupted while waiting for the refresh lock " + lockFile, ex);
		}
	}

	private static void close(@Nullable FileChannel channel) {
		if (channel != null) {
			try {
				channel.close();
			}
			catch (IOException ex) {
				// nothing more to release
			}
		}
	}

	private McpOAuthException timedOut(Path lockFile) {
		return new McpOAuthException(McpOAuthErrorCode.STORAGE_FAILED, "Another process has been refreshing for more than "
				+ this.timeout.toSeconds() + " s (lock " + lockFile + "); check for a hung process");
	}

	/** A lock-file name that reveals neither the server nor the principal. */
	private static String hash(TokenKey key) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest((key.serverName() + '\n' + key.principal()).getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest, 0, 16);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private record Held(Semaphore jvmLock, FileChannel channel, FileLock lock) {

		void release() {
			try {
				this.lock.release();
			}
			catch (IOException ex) {
				// closing the channel below releases it too
			}
			close(this.channel);
			this.jvmLock.release();
		}

	}

}
