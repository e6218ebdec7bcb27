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

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;

import javax.crypto.AEADBadTagException;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The binary layout and the cryptography of an encrypted store file, version 1. All integers
 * are big-endian.
 *
 * <pre>
 * offset  size  field
 *      0     4  magic "MCPT"
 *      4     1  format version (1)
 *      5     1  key source: 1 = password (PBKDF2-HMAC-SHA256), 2 = key file
 *      6     4  PBKDF2 iteration count (0 for a key file)
 *     10    16  salt, random per store file
 *     26    16  key check: lets a wrong password be told apart from a damaged file
 *     42    12  IV (GCM nonce), random per write
 *     54     n  AES-256-GCM ciphertext of the JSON contents, then the 16-byte tag
 * </pre>
 *
 * <p>Keys: the <em>master key</em> is PBKDF2-HMAC-SHA256(password, salt, iterations, 256 bits)
 * (NIST SP 800-132; 600,000 iterations as OWASP's 2023 Password Storage Cheat Sheet
 * recommends) or the 32 random bytes of the key file. The encryption key and the key check
 * are separated from it with HMAC-SHA256(master, label || salt) (a one-block NIST SP 800-108
 * KDF), so the key check reveals nothing about the encryption key. The 54 header bytes are
 * the GCM additional authenticated data, so any change to them is detected too (NIST SP
 * 800-38D). A 96-bit random IV per write stays far below the 2<sup>32</sup> invocations per
 * key that SP 800-38D §8.3 allows for random IVs.
 *
 * @see <a href="https://csrc.nist.gov/pubs/sp/800/132/final">NIST SP 800-132</a>
 * @see <a href="https://csrc.nist.gov/pubs/sp/800/38/d/final">NIST SP 800-38D</a>
 * @see <a href="https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html#pbkdf2">OWASP
 * Password Storage Cheat Sheet: PBKDF2</a>
 */
final class EncryptedFileFormat {

	static final byte[] MAGIC = { 'M', 'C', 'P', 'T' };

	static final int VERSION = 1;

	static final int SALT_LENGTH = 16;

	static final int KEY_CHECK_LENGTH = 16;

	static final int IV_LENGTH = 12;

	static final int TAG_LENGTH = 16;

	static final int HEADER_LENGTH = MAGIC.length + 1 + 1 + 4 + SALT_LENGTH + KEY_CHECK_LENGTH + IV_LENGTH;

	static final int MIN_LENGTH = HEADER_LENGTH + TAG_LENGTH;

	static final int KEY_LENGTH = 32;

	/** Above this a header is refused rather than spending hours deriving a key. */
	static final int MAX_ITERATIONS = 10_000_000;

	private static final SecureRandom RANDOM = new SecureRandom();

	private EncryptedFileFormat() {
	}

	static byte[] randomBytes(int length) {
		byte[] bytes = new byte[length];
		RANDOM.nextBytes(bytes);
		return bytes;
	}

	/**
	 * PBKDF2-HMAC-SHA256, 256-bit output (NIST SP 800-132 §5.3).
	 * @param password the password
	 * @param salt the salt (128 bits, SP 800-132 §5.1)
	 * @param iterations the iteration count
	 * @return the master key
	 */
	static byte[] pbkdf2(char[] password, byte[] salt, int iterations) {
		PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, KEY_LENGTH * 8);
		try {
			return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available in this JRE", ex);
		}
		finally {
			spec.clearPassword();
		}
	}

	/**
	 * Separates the encryption key and the key check from a master key.
	 * @param master the master key
	 * @param salt the file's salt
	 * @return the keys
	 */
	static Keys keys(byte[] master, byte[] salt) {
		byte[] encryption = hmac(master, "mcp-oauth/v1/encryption", salt);
		byte[] check = Arrays.copyOf(hmac(master, "mcp-oauth/v1/key-check", salt), KEY_CHECK_LENGTH);
		return new Keys(new SecretKeySpec(encryption, "AES"), check);
	}

	private static byte[] hmac(byte[] key, String label, byte[] salt) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			mac.update(label.getBytes(StandardCharsets.US_ASCII));
			mac.update((byte) 0);
			return mac.doFinal(salt);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available in this JRE", ex);
		}
	}

	static byte[] encrypt(Header header, Keys keys, byte[] plaintext) throws GeneralSecurityException {
		byte[] headerBytes = header.toBytes();
		byte[] ciphertext = StoreCrypto.encrypt(keys.encryption(), header.iv(), headerBytes, plaintext);
		return ByteBuffer.allocate(headerBytes.length + ciphertext.length).put(headerBytes).put(ciphertext).array();
	}

	/**
	 * @param file the whole file
	 * @param header its parsed header
	 * @param keys the keys for its salt
	 * @return the plaintext
	 * @throws AEADBadTagException when the file was modified or damaged
	 * @throws GeneralSecurityException on a JRE without AES-GCM
	 */
	static byte[] decrypt(byte[] file, Header header, Keys keys) throws GeneralSecurityException {
		return StoreCrypto.decrypt(keys.encryption(), header.iv(), Arrays.copyOf(file, HEADER_LENGTH), file,
				HEADER_LENGTH, file.length - HEADER_LENGTH);
	}

	static boolean keyCheckMatches(Header header, Keys keys) {
		return MessageDigest.isEqual(header.keyCheck(), keys.check());
	}

	/** Where the master key comes from. */
	enum KeySource {

		PASSWORD(1, "a password"), KEY_FILE(2, "a key file");

		private final int id;

		private final String description;

		KeySource(int id, String description) {
			this.id = id;
			this.description = description;
		}

		String description() {
			return this.description;
		}

		static KeySource of(int id) {
			for (KeySource source : values()) {
				if (source.id == id) {
					return source;
				}
			}
			throw new IllegalArgumentException("unknown key source " + id);
		}

	}

	/**
	 * The encryption key and the key check derived from one master key.
	 * @param encryption the AES-256 key
	 * @param check the key check written in the header
	 */
	record Keys(SecretKeySpec encryption, byte[] check) {

		@Override
		public String toString() {
			return "Keys[redacted]";
		}

	}

	/**
	 * The 54-byte header.
	 * @param version the format version
	 * @param keySource where the master key comes from
	 * @param iterations the PBKDF2 iteration count, 0 for a key file
	 * @param salt the salt
	 * @param keyCheck the key check
	 * @param iv the GCM nonce
	 */
	record Header(int version, KeySource keySource, int iterations, byte[] salt, byte[] keyCheck, byte[] iv) {

		/**
		 * A header for a new write: same salt and key, new IV.
		 * @param newIv the IV
		 * @return the header
		 */
		Header withIv(byte[] newIv) {
			return new Header(this.version, this.keySource, this.iterations, this.salt, this.keyCheck, newIv);
		}

		byte[] toBytes() {
			return ByteBuffer.allocate(HEADER_LENGTH)
				.put(MAGIC)
				.put((byte) this.version)
				.put((byte) this.keySource.id)
				.putInt(this.iterations)
				.put(this.salt)
				.put(this.keyCheck)
				.put(this.iv)
				.array();
		}

		/**
		 * Parses the header of a store file.
		 * @param file the whole file
		 * @return the header
		 * @throws FormatException when the file is not a store file of a known version
		 */
		static Header parse(byte[] file) throws FormatException {
			if (file.length >= MAGIC.length && !Arrays.equals(file, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
				throw new FormatException("it is not an mcp-oauth store file (unknown header)");
			}
			if (file.length > MAGIC.length && (file[MAGIC.length] & 0xFF) != VERSION) {
				throw new FormatException("it was written in format version " + (file[MAGIC.length] & 0xFF)
						+ "; this version of mcp-oauth reads version " + VERSION);
			}
			if (file.length < MIN_LENGTH) {
				throw new FormatException("it is truncated (" + file.length + " bytes, at least " + MIN_LENGTH
						+ " expected)");
			}
			ByteBuffer buffer = ByteBuffer.wrap(file);
			buffer.position(MAGIC.length + 1);
			KeySource keySource;
			try {
				keySource = KeySource.of(buffer.get() & 0xFF);
			}
			catch (IllegalArgumentException ex) {
				throw new FormatException("its header names an unknown key source");
			}
			int iterations = buffer.getInt();
			if (keySource == KeySource.PASSWORD && (iterations < 1 || iterations > MAX_ITERATIONS)) {
				throw new FormatException("its header has an implausible PBKDF2 iteration count");
			}
			byte[] salt = new byte[SALT_LENGTH];
			buffer.get(salt);
			byte[] keyCheck = new byte[KEY_CHECK_LENGTH];
			buffer.get(keyCheck);
			byte[] iv = new byte[IV_LENGTH];
			buffer.get(iv);
			return new Header(VERSION, keySource, iterations, salt, keyCheck, iv);
		}

		@Override
		public String toString() {
			return "Header[version=" + this.version + ", keySource=" + this.keySource + ", iterations="
					+ this.iterations + "]";
		}

	}

	/** The file is not a readable store file; the message says why, to follow "the file ...". */
	static final class FormatException extends Exception {

		FormatException(String message) {
			super(message);
		}

	}

}
