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
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import javax.crypto.AEADBadTagException;

import io.github.mcpoauth.core.McpOAuthErrorCode;
import io.github.mcpoauth.core.McpOAuthException;
import io.github.mcpoauth.registration.OAuthClientRegistration;
import io.github.mcpoauth.store.EncryptedFileFormat.FormatException;
import io.github.mcpoauth.store.EncryptedFileFormat.Header;
import io.github.mcpoauth.store.EncryptedFileFormat.KeySource;
import io.github.mcpoauth.store.EncryptedFileFormat.Keys;
import io.github.mcpoauth.token.OAuthToken;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.util.Assert;

/**
 * A {@link TokenStore} and {@link io.github.mcpoauth.registration.ClientRegistrationStore}
 * that keeps every token (per server and principal) and registration (per server and
 * issuer) in one file encrypted with AES-256-GCM ({@value #STORE_FILE_NAME} in the store
 * directory), for a laptop or a single server without a keychain.
 *
 * <p>The key is either derived from a password with PBKDF2-HMAC-SHA256 and
 * {@value #DEFAULT_PBKDF2_ITERATIONS} iterations (NIST SP 800-132; the OWASP 2023
 * recommendation for PBKDF2-HMAC-SHA256), or 256 random bits kept in a key file
 * ({@value #KEY_FILE_NAME}, created on the first write) when no password is given. Each
 * store file has its own random salt that every later write keeps, so the expensive
 * derivation runs once per store instance and every load and save after it costs only
 * AES-GCM; each write uses a fresh random 96-bit IV (NIST SP 800-38D §8.2.2). The layout is
 * described in {@code docs/storage.md}.
 *
 * <p>Writes are read-modify-write under an exclusive lock ({@value #LOCK_FILE_NAME}, a
 * {@link java.nio.channels.FileLock}) so several threads and processes can share a store
 * without losing each other's entries. The new content is written to a temporary file in
 * the same directory, forced to disk, then renamed over the store file with
 * {@link StandardCopyOption#ATOMIC_MOVE}: a crash at any point leaves either the old or the
 * new file, never a mix. Temporary files left by a crashed process are ignored by readers
 * and removed by the next write. The directory is created 0700 and every file 0600 where
 * the file system has POSIX permissions.
 *
 * <p>{@link #deleteToken(TokenKey, OAuthToken)} compares and removes in one such locked
 * read-modify-write, so a token another process has just stored is never removed.
 *
 * <p>A file written by mcp-oauth 0.1.0 (contents {@code format_version} 1, one token per
 * server) is read as it is: its tokens are the {@link TokenKey#DEFAULT_PRINCIPAL default
 * principal}'s, its registrations keep their server and issuer. Reading never rewrites it;
 * the next write stores the whole file in the current layout (format 2), which 0.1.0 can
 * no longer read.
 *
 * <p>A wrong password, a wrong key file, or a file that was modified, truncated or damaged
 * fails with {@link McpOAuthErrorCode#STORAGE_FAILED} and a message saying what to do; the
 * file is never rewritten in that case.
 *
 * <p>Every operation does blocking file I/O and runs on {@link Schedulers#boundedElastic()},
 * never on the caller's (possibly event-loop) thread. Tokens that are expired and have no
 * refresh token are dropped when they are loaded or listed.
 *
 * @see <a href="https://csrc.nist.gov/pubs/sp/800/132/final">NIST SP 800-132, Recommendation for
 * Password-Based Key Derivation</a>
 * @see <a href="https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html#pbkdf2">OWASP
 * Password Storage Cheat Sheet (2023): PBKDF2-HMAC-SHA256, 600,000 iterations</a>
 * @see <a href="https://csrc.nist.gov/pubs/sp/800/38/d/final">NIST SP 800-38D, Galois/Counter Mode</a>
 */
public final class EncryptedFileTokenStore implements McpOAuthStore, TokenRefreshLock {

	/** The store file's name in the store directory. */
	public static final String STORE_FILE_NAME = "tokens.enc";

	/** The default key file's name in the store directory, used when no password is given. */
	public static final String KEY_FILE_NAME = "tokens.key";

	/** The lock file's name in the store directory. */
	public static final String LOCK_FILE_NAME = "tokens.lock";

	/** PBKDF2-HMAC-SHA256 iterations for new store files (OWASP Password Storage Cheat Sheet, 2023). */
	public static final int DEFAULT_PBKDF2_ITERATIONS = 600_000;

	static final String TEMP_PREFIX = STORE_FILE_NAME + ".";

	static final String TEMP_SUFFIX = ".tmp";

	private static final Log logger = LogFactory.getLog(EncryptedFileTokenStore.class);

	/** How long a refresh waits for another process's refresh of the same token. */
	static final Duration REFRESH_LOCK_TIMEOUT = Duration.ofSeconds(60);

	private final Path directory;

	private final FileRefreshLock refreshLock;

	private final Path storeFile;

	private final Path keyFile;

	private final char @Nullable [] password;

	private final String passwordSource;

	private final int iterations;

	private final Clock clock;

	private final StoreFileLock lock;

	private final Object derivationMonitor = new Object();

	private final AtomicBoolean permissionWarningLogged = new AtomicBoolean();

	private final AtomicBoolean legacyFormatLogged = new AtomicBoolean();

	private final AtomicInteger keyDerivations = new AtomicInteger();

	private volatile @Nullable CachedKeys cachedKeys;

	private volatile WriteHook beforeRename = (temporaryFile) -> {
	};

	private EncryptedFileTokenStore(Builder builder) {
		this.directory = builder.directory.toAbsolutePath().normalize();
		this.storeFile = this.directory.resolve(STORE_FILE_NAME);
		this.keyFile = (builder.keyFile != null) ? builder.keyFile.toAbsolutePath().normalize()
				: this.directory.resolve(KEY_FILE_NAME);
		this.password = (builder.password != null) ? builder.password.clone() : null;
		this.passwordSource = builder.passwordSource;
		this.iterations = builder.iterations;
		this.clock = builder.clock;
		this.lock = new StoreFileLock(this.directory.resolve(LOCK_FILE_NAME), builder.lockTimeout);
		this.refreshLock = new FileRefreshLock(this.directory, REFRESH_LOCK_TIMEOUT);
	}

	/**
	 * Starts a store in the given directory; without {@link Builder#password(char[])} it uses
	 * a key file.
	 * @param directory the store directory (created 0700 on the first write)
	 * @return a builder
	 */
	public static Builder builder(Path directory) {
		return new Builder(directory);
	}

	/**
	 * @return the store directory
	 */
	public Path getDirectory() {
		return this.directory;
	}

	/**
	 * @return the encrypted store file
	 */
	public Path getStoreFile() {
		return this.storeFile;
	}

	/**
	 * @return whether the key is derived from a password (otherwise it is read from a key file)
	 */
	public boolean isPasswordProtected() {
		return this.password != null;
	}

	@Override
	public Mono<Void> saveToken(TokenKey key, OAuthToken token) {
		Assert.notNull(key, "key cannot be null");
		Assert.notNull(token, "token cannot be null");
		return blocking(() -> update((contents) -> {
			contents.putToken(key, token);
			return Change.written();
		})).then();
	}

	@Override
	public Mono<OAuthToken> loadToken(TokenKey key) {
		Assert.notNull(key, "key cannot be null");
		return blocking(() -> {
			OAuthToken token = read().contents().token(key);
			if (token != null && StoreContents.isPurgeable(token, this.clock)) {
				purge();
				return null;
			}
			return token;
		});
	}

	@Override
	public Mono<Boolean> deleteToken(TokenKey key) {
		Assert.notNull(key, "key cannot be null");
		return blocking(() -> update((contents) -> Change.removal(contents.removeToken(key))));
	}

	/**
	 * {@inheritDoc}
	 * <p>The comparison and the removal run in one read-modify-write under the store's lock,
	 * so a token another process or thread saved meanwhile is never removed.
	 */
	@Override
	public Mono<Boolean> deleteToken(TokenKey key, OAuthToken expected) {
		Assert.notNull(key, "key cannot be null");
		Assert.notNull(expected, "expected cannot be null");
		return blocking(() -> update((contents) -> Change.removal(contents.removeToken(key, expected))));
	}

	@Override
	public Flux<TokenKey> tokenKeys() {
		return blocking(() -> {
			StoreContents contents = read().contents();
			if (contents.purgeExpired(this.clock)) {
				purge();
			}
			return contents.tokenKeys();
		}).flatMapIterable(Function.identity());
	}

	@Override
	public Mono<Void> saveRegistration(String serverName, OAuthClientRegistration registration) {
		Assert.hasText(serverName, "serverName cannot be empty");
		Assert.notNull(registration, "registration cannot be null");
		return blocking(() -> update((contents) -> {
			contents.putRegistration(serverName, registration);
			return Change.written();
		})).then();
	}

	@Override
	public Mono<OAuthClientRegistration> loadRegistration(String serverName, String issuer) {
		Assert.hasText(serverName, "serverName cannot be empty");
		Assert.notNull(issuer, "issuer cannot be null");
		return blocking(() -> read().contents().registration(serverName, issuer));
	}

	@Override
	public Mono<Boolean> deleteRegistration(String serverName, String issuer) {
		Assert.hasText(serverName, "serverName cannot be empty");
		Assert.notNull(issuer, "issuer cannot be null");
		return blocking(() -> update((contents) -> Change.removal(contents.removeRegistration(serverName, issuer))));
	}

	@Override
	public Flux<String> registrationIssuers(String serverName) {
		Assert.hasText(serverName, "serverName cannot be empty");
		return blocking(() -> read().contents().registrationIssuers(serverName)).flatMapIterable(Function.identity());
	}

	/**
	 * Serializes refreshes of one token across the processes sharing this file, with a lock
	 * file per server and principal ({@code refresh-<hash>.lock}) beside the store.
	 */
	@Override
	public <T> Mono<T> withLock(TokenKey key, Mono<T> work) {
		return this.refreshLock.withLock(key, work);
	}

	@Override
	public String backendName() {
		return "encrypted-file";
	}

	/**
	 * Test hook: runs after the temporary file is written and forced to disk, before it is
	 * renamed over the store file. Throwing (or halting the JVM) there simulates a crash.
	 * @param hook the hook
	 */
	void setBeforeRename(WriteHook hook) {
		this.beforeRename = hook;
	}

	/**
	 * @return how many times this instance has run PBKDF2 (for tests of the key cache)
	 */
	int keyDerivations() {
		return this.keyDerivations.get();
	}

	private <T> Mono<T> blocking(Callable<@Nullable T> work) {
		return Mono.fromCallable(work).subscribeOn(Schedulers.boundedElastic());
	}

	private void purge() {
		update((contents) -> Change.none());
	}

	@SuppressWarnings("NullAway") // a Change holds null only where its T may be null (a removal's answer)
	private <T> T update(Function<StoreContents, Change<T>> change) {
		if (!Files.exists(this.storeFile)) {
			// Nothing is stored yet: a change that writes nothing (a removal) needs no directory,
			// lock file or key file. The key file is made by the first write that has something to keep.
			Change<T> onEmpty = change.apply(new StoreContents());
			if (!onEmpty.changed()) {
				return onEmpty.value();
			}
		}
		try {
			ensureDirectory();
			return this.lock.withLock(() -> {
				deleteStrayTemporaryFiles();
				Loaded current = read();
				boolean purged = current.contents().purgeExpired(this.clock);
				Change<T> result = change.apply(current.contents());
				if (purged || result.changed()) {
					write(current.header(), current.contents());
				}
				return result.value();
			});
		}
		catch (IOException ex) {
			throw new McpOAuthException(McpOAuthErrorCode.STORAGE_FAILED,
					"Could not write the token store " + this.storeFile + " (" + ex + ")", ex);
		}
	}

	private Loaded read() {
		byte[] file;
		try {
			file = Files.readAllBytes(this.storeFile);
		}
		catch (NoSuchFileException ex) {
			return new Loaded(null, new StoreContents());
		}
		catch (IOException ex) {
			throw new McpOAuthException(McpOAuthErrorCode.STORAGE_FAILED,
					"Could not read the token store " + this.storeFile + " (" + ex + ")", ex);
		}
		Header header;
		try {
			header = Header.parse(file);
		}
		catch (FormatException ex) {
			throw unreadable(String.valueOf(ex.getMessage()));
		}
		Keys keys = keysFor(header);
		if (!EncryptedFileFormat.keyCheckMatches(header, keys)) {
			throw wrongKey();
		}
		byte[] plaintext;
		try {
			plaintext = EncryptedFileFormat.decrypt(file, header, keys);
		}
		catch (AEADBadTagException ex) {
			throw new McpOAuthException(McpOAuthErrorCode.STORAGE_FAILED, "The token store " + this.storeFile
					+ " failed its integrity check (AES-GCM authentication tag): it was modified or damaged after"
					+ " it was written. It was left untouched: restore it from a backup, or move it aside to start"
					+ " an empty store (the servers will ask to authorize again)");
		}
		catch (GeneralSecurityException ex) {
			throw new McpOAuthException(McpOAuthErrorCode.STORAGE_FAILED,
					"AES-GCM is not available in this JRE: " + ex.getMessage(), ex);
		}
		try {
			StoreContents contents = TokenStoreCodec.readContents(plaintext, this.storeFile.toString());
			if (contents.isLegacyFormat() && this.legacyFormatLogged.compareAndSet(false, true)) {
				logger.info("The token store " + this.storeFile + " was written by mcp-oauth 0.1.0: its tokens are"
						+ " read as the default principal's, and the next write stores it in the current format"
						+ " (keep a copy of the file to go back to 0.1.0)");
			}
			return new Loaded(header, contents);
		}
		finally {
			Arrays.fill(plaintext, (byte) 0);
		}
	}

	private void write(@Nullable Header current, StoreContents contents) throws IOException {
		Header header = (current != null && isReusable(current)) ? current : newHeader();
		Keys keys = keysFor(header);
		byte[] plaintext = TokenStoreCodec.writeContents(contents);
		byte[] file;
		try {
			file = EncryptedFileFormat.encrypt(header.withIv(EncryptedFileFormat.randomBytes(EncryptedFileFormat.IV_LENGTH)),
					keys, plaintext);
		}
		catch (GeneralSecurityException ex) {
			throw new McpOAuthException(McpOAuthErrorCode.STORAGE_FAILED,
					"AES-GCM is not available in this JRE: " + ex.getMessage(), ex);
		}
		finally {
			Arrays.fill(plaintext, (byte) 0);
		}
		writeAtomically(this.storeFile, TEMP_PREFIX, file, this.beforeRename);
	}

	/**
	 * A file's salt and key are kept across writes unless it was written with fewer
	 * iterations than configured now: then the next write upgrades it with a new salt.
	 */
	private boolean isReusable(Header header) {
		return header.keySource() == KeySource.KEY_FILE || header.iterations() >= this.iterations;
	}

	private Header newHeader() throws IOException {
		byte[] salt = EncryptedFileFormat.randomBytes(EncryptedFileFormat.SALT_LENGTH);
		byte[] noIv = new byte[EncryptedFileFormat.IV_LENGTH];
		byte[] noCheck = new byte[EncryptedFileFormat.KEY_CHECK_LENGTH];
		Header header = (this.password != null)
				? new Header(EncryptedFileFormat.VERSION, KeySource.PASSWORD, this.iterations, salt, noCheck, noIv)
				: new Header(EncryptedFileFormat.VERSION, KeySource.KEY_FILE, 0, salt, noCheck, noIv);
		if (header.keySource() == KeySource.KEY_FILE && !Files.exists(this.keyFile)) {
			createKeyFile();
		}
		Keys keys = keysFor(header);
		return new Header(header.version(), header.keySource(), header.iterations(), salt, keys.check(), noIv);
	}

	private Keys keysFor(Header header) {
		KeySource configured = (this.password != null) ? KeySource.PASSWORD : KeySource.KEY_FILE;
		if (header.keySource() != configured) {
			throw new McpOAuthException(McpOAuthErrorCode.STORAGE_FAILED, "The token store " + this.storeFile
					+ " was encrypted with " + header.keySource().description() + " but this store is configured with "
					+ configured.description() + ": configure the same kind of key it was written with, or move the"
					+ " file aside to start an empty store. The file was left untouched");
		}
		CachedKeys cached = this.cachedKeys;
		if (cached != null && cached.matches(header)) {
			return cached.keys();
		}
		synchronized (this.derivationMonitor) {
			cached = this.cachedKeys;
			if (cached != null && cached.matches(header)) {
				return cached.keys();
			}
			byte[] master;
			if (this.password != null) {
				master = EncryptedFileFormat.pbkdf2(this.password, header.salt(), header.iterations());
				this.keyDerivations.incrementAndGet();
			}
			else {
				master = readKeyFile();
			}
			try {
				Keys keys = EncryptedFileFormat.keys(master, header.salt());
				this.cachedKeys = new CachedKeys(header.keySource(), header.salt().clone(), header.iterations(), keys);
				return keys;
			}
			finally {
				Arrays.fill(master, (byte) 0);
			}
		}
	}

	private byte[] readKeyFile() {
		byte[] key;
		try {
			key = Files.readAllBytes(this.keyFile);
			if (FilePermissions.isAccessibleByOthers(this.keyFile)) {
				logger.warn("The token store key file " + this.keyFile
						+ " is readable by other users; restrict it with 'chmod 600'");
			}
		}
		catch (NoSuchFileException ex) {
			throw new McpOAuthException(McpOAuthErrorCode.STORAGE_FAILED,
					"The token store " + this.storeFile + " needs its key file " + this.keyFile
							+ ", which is missing: restore it, or move the store file aside to start an empty store."
							+ " The file was left untouched");
		}
		catch (IOException ex) {
			throw new McpOAuthException(McpOAuthErrorCode.STORAGE_FAILED,
					"Could not read the token store key file " + this.keyFile + " (" + ex + ")", ex);
		}
		if (key.length != EncryptedFileFormat.KEY_LENGTH) {
			Arrays.fill(key, (byte) 0);
			throw new McpOAuthException(McpOAuthErrorCode.STORAGE_FAILED,
					"The token store key file " + this.keyFile + " is damaged (" + EncryptedFileFormat.KEY_LENGTH
							+ " bytes expected): restore it, or move it and the store file aside to start an empty"
							+ " store");
		}
		return key;
	}

	private void createKeyFile() throws IOException {
		Path parent = this.keyFile.getParent();
		if (parent != null && !Files.isDirectory(parent)) {
			Files.createDirectories(parent, FilePermissions.ownerOnlyDirectory());
		}
		byte[] key = EncryptedFileFormat.randomBytes(EncryptedFileFormat.KEY_LENGTH);
		try {
			writeAtomically(this.keyFile, this.keyFile.getFileName() + ".", key, (temporaryFile) -> {
			});
		}
		finally {
			Arrays.fill(key, (byte) 0);
		}
		logger.info("Created the token store key file " + this.keyFile + " (256 random bits, owner-only)");
	}

	private void writeAtomically(Path target, String temporaryPrefix, byte[] content, WriteHook hook)
			throws IOException {
		Path directoryOfTarget = target.getParent();
		Path temporaryFile = Files.createTempFile(directoryOfTarget, temporaryPrefix, TEMP_SUFFIX,
				FilePermissions.ownerOnlyFile());
		boolean moved = false;
		try {
			FilePermissions.restrict(temporaryFile, false);
			try (FileChannel channel = FileChannel.open(temporaryFile, StandardOpenOption.WRITE)) {
				ByteBuffer buffer = ByteBuffer.wrap(content);
				while (buffer.hasRemaining()) {
					channel.write(buffer);
				}
				channel.force(true);
			}
			hook.afterTemporaryFileWritten(temporaryFile);
			try {
				Files.move(temporaryFile, target, StandardCopyOption.ATOMIC_MOVE);
			}
			catch (AtomicMoveNotSupportedException ex) {
				throw new McpOAuthException(McpOAuthErrorCode.STORAGE_FAILED, "The file system of " + target
						+ " cannot rename atomically; put the token store on a local file system", ex);
			}
			moved = true;
			if (directoryOfTarget != null) {
				syncDirectory(directoryOfTarget);
			}
		}
		finally {
			if (!moved) {
				Files.deleteIfExists(temporaryFile);
			}
		}
	}

	private void ensureDirectory() throws IOException {
		if (!Files.isDirectory(this.directory)) {
			Files.createDirectories(this.directory, FilePermissions.ownerOnlyDirectory());
			FilePermissions.restrict(this.directory, true);
		}
		else if (FilePermissions.isAccessibleByOthers(this.directory)
				&& this.permissionWarningLogged.compareAndSet(false, true)) {
			logger.warn("The token store directory " + this.directory
					+ " is accessible by other users; the store files are 0600, but restrict the directory with"
					+ " 'chmod 700'");
		}
	}

	private void deleteStrayTemporaryFiles() throws IOException {
		try (DirectoryStream<Path> stray = Files.newDirectoryStream(this.directory,
				TEMP_PREFIX + "*" + TEMP_SUFFIX)) {
			for (Path file : stray) {
				// writers create temporary files only while holding the lock we hold now
				Files.deleteIfExists(file);
				logger.info("Removed " + file + ", left by an interrupted write; the store itself is intact");
			}
		}
	}

	private static void syncDirectory(Path directory) {
		try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
			channel.force(true);
		}
		catch (IOException ex) {
			// not supported on every platform (Windows); the rename itself is atomic
		}
	}

	private McpOAuthException wrongKey() {
		if (this.password != null) {
			return new McpOAuthException(McpOAuthErrorCode.STORAGE_FAILED,
					"Cannot open the token store " + this.storeFile + ": " + this.passwordSource
							+ " is not the password it was encrypted with (or the file's header was damaged). Supply the"
							+ " right password, or move the file aside to start an empty store (the servers will ask to authorize again)."
							+ " The file was left untouched");
		}
		return new McpOAuthException(McpOAuthErrorCode.STORAGE_FAILED,
				"Cannot open the token store " + this.storeFile + ": the key file " + this.keyFile
						+ " is not the one it was encrypted with. Restore the original key file, or move the store"
						+ " file aside to start an empty store. The file was left untouched");
	}

	private McpOAuthException unreadable(String reason) {
		return new McpOAuthException(McpOAuthErrorCode.STORAGE_FAILED,
				"The token store " + this.storeFile + " cannot be read: " + reason
						+ ". It was left untouched: restore it from a backup, or move it aside to start an empty"
						+ " store (the servers will ask to authorize again)");
	}

	@Override
	public String toString() {
		return "EncryptedFileTokenStore[file=" + this.storeFile + ", key="
				+ ((this.password != null) ? "password (" + this.passwordSource + ")" : "key file " + this.keyFile)
				+ "]";
	}

	/** Test hook run between writing the temporary file and renaming it. */
	@FunctionalInterface
	interface WriteHook {

		void afterTemporaryFileWritten(Path temporaryFile) throws IOException;

	}

	private record Loaded(@Nullable Header header, StoreContents contents) {
	}

	/**
	 * What a change did: its result, and whether the store must be written.
	 */
	private record Change<T>(@Nullable T value, boolean changed) {

		static <T> Change<T> written() {
			return new Change<>(null, true);
		}

		static <T> Change<T> none() {
			return new Change<>(null, false);
		}

		static Change<Boolean> removal(boolean removed) {
			return new Change<>(removed, removed);
		}

	}

	private record CachedKeys(KeySource source, byte[] salt, int iterations, Keys keys) {

		boolean matches(Header header) {
			return header.keySource() == this.source && header.iterations() == this.iterations
					&& Arrays.equals(header.salt(), this.salt);
		}

		@Override
		public String toString() {
			return "CachedKeys[redacted]";
		}

	}

	/**
	 * Builds an {@link EncryptedFileTokenStore}.
	 */
	public static final class Builder extends PasswordKeyedStoreBuilder<Builder> {

		private final Path directory;

		private @Nullable Path keyFile;

		private Clock clock = Clock.systemUTC();

		private Duration lockTimeout = Duration.ofSeconds(30);

		private int iterations = DEFAULT_PBKDF2_ITERATIONS;

		private Builder(Path directory) {
			Assert.notNull(directory, "directory cannot be null");
			this.directory = directory;
		}

		/**
		 * The key file used when no password is given (default: {@value #KEY_FILE_NAME} in the
		 * store directory). Putting it elsewhere, for example on a mounted secret volume,
		 * keeps a copy of the store directory alone useless.
		 * @param keyFile the key file
		 * @return this builder
		 */
		public Builder keyFile(Path keyFile) {
			Assert.notNull(keyFile, "keyFile cannot be null");
			this.keyFile = keyFile;
			return this;
		}

		/**
		 * The clock used to drop expired tokens.
		 * @param clock the clock
		 * @return this builder
		 */
		public Builder clock(Clock clock) {
			Assert.notNull(clock, "clock cannot be null");
			this.clock = clock;
			return this;
		}

		/**
		 * How long a write waits for another process's lock before failing (default 30 s).
		 * @param lockTimeout the timeout
		 * @return this builder
		 */
		public Builder lockTimeout(Duration lockTimeout) {
			Assert.notNull(lockTimeout, "lockTimeout cannot be null");
			Assert.isTrue(!lockTimeout.isNegative() && !lockTimeout.isZero(), "lockTimeout must be positive");
			this.lockTimeout = lockTimeout;
			return this;
		}

		/**
		 * Lowers the PBKDF2 iteration count for new files. For tests only: production code
		 * always uses {@value #DEFAULT_PBKDF2_ITERATIONS}.
		 * @param iterations the iteration count
		 * @return this builder
		 */
		Builder pbkdf2Iterations(int iterations) {
			Assert.isTrue(iterations > 0 && iterations <= EncryptedFileFormat.MAX_ITERATIONS,
					"iterations out of range");
			this.iterations = iterations;
			return this;
		}

		public EncryptedFileTokenStore build() {
			return new EncryptedFileTokenStore(this);
		}

	}

}
