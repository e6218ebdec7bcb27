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
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import io.github.mcpoauth.core.McpOAuthErrorCode;
import io.github.mcpoauth.core.McpOAuthException;

/**
 * Mutual exclusion for a store file across threads and processes: a JVM-wide lock per lock
 * file (a {@link FileLock} is held by the whole JVM, so threads must be serialized first),
 * then an exclusive {@link FileLock} on the lock file. The operating system releases the
 * file lock when a process dies, so a crashed writer never blocks the others. The lock file
 * itself is never deleted: deleting a lock file lets two processes lock different files.
 */
final class StoreFileLock {

	private static final ConcurrentMap<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

	private static final long POLL_MILLIS = 5;

	private final Path lockFile;

	private final Duration timeout;

	StoreFileLock(Path lockFile, Duration timeout) {
		this.lockFile = lockFile.toAbsolutePath().normalize();
		this.timeout = timeout;
	}

	<T> T withLock(IoCallable<T> action) throws IOException {
		long deadline = System.nanoTime() + this.timeout.toNanos();
		ReentrantLock jvmLock = JVM_LOCKS.computeIfAbsent(this.lockFile, (path) -> new ReentrantLock());
		try {
			if (!jvmLock.tryLock(this.timeout.toNanos(), TimeUnit.NANOSECONDS)) {
				throw timedOut();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new McpOAuthException(McpOAuthErrorCode.STORAGE_FAILED,
					"Interrupted while waiting for the lock on " + this.lockFile, ex);
		}
		try (FileChannel channel = FileChannel.open(this.lockFile,
				EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE), FilePermissions.ownerOnlyFile())) {
			FileLock lock = acquire(channel, deadline);
			try {
				return action.call();
			}
			finally {
				lock.release();
			}
		}
		finally {
			jvmLock.unlock();
		}
	}

	private FileLock acquire(FileChannel channel, long deadline) throws IOException {
		while (true) {
			FileLock lock = channel.tryLock();
			if (lock != null) {
				return lock;
			}
			if (System.nanoTime() > deadline) {
				throw timedOut();
			}
			try {
				Thread.sleep(POLL_MILLIS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new McpOAuthException(McpOAuthErrorCode.STORAGE_FAILED,
						"Interrupted while waiting for the lock on " + this.lockFile, ex);
			}
		}
	}

	private McpOAuthException timedOut() {
		return new McpOAuthException(McpOAuthErrorCode.STORAGE_FAILED, "Another process has held the lock on "
				+ this.lockFile + " for more than " + this.timeout.toSeconds() + " s; check for a hung process");
	}

	@FunctionalInterface
	interface IoCallable<T> {

		T call() throws IOException;

	}

}
