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
import java.security.GeneralSecurityException;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-256-GCM as every encrypting store uses it: the encrypted file (one sealed file whose
 * header is the additional authenticated data) and PostgreSQL (one sealed value per row,
 * bound to its row by the additional data). Keys come from {@link EncryptedFileFormat}
 * (PBKDF2-HMAC-SHA256 and the key separation); this class only seals and opens.
 *
 * <p>A sealed value ({@link #seal(SecretKey, byte[], byte[])}) is laid out as
 * {@code version (1 byte, 1) || IV (12 bytes, random per value) || ciphertext || tag (16 bytes)}.
 * A 96-bit random IV per value stays far below the 2<sup>32</sup> invocations per key that
 * NIST SP 800-38D §8.3 allows for random IVs.
 *
 * @see <a href="https://csrc.nist.gov/pubs/sp/800/38/d/final">NIST SP 800-38D</a>
 */
final class StoreCrypto {

	/** The layout version of a sealed value. */
	static final int SEALED_VALUE_VERSION = 1;

	private StoreCrypto() {
	}

	/**
	 * Encrypts with AES-GCM and a 128-bit tag.
	 * @param key the AES-256 key
	 * @param iv the 96-bit nonce, never reused with the same key
	 * @param aad the additional authenticated data
	 * @param plaintext the plaintext
	 * @return the ciphertext followed by the tag
	 * @throws GeneralSecurityException on a JRE without AES-GCM
	 */
	static byte[] encrypt(SecretKey key, byte[] iv, byte[] aad, byte[] plaintext) throws GeneralSecurityException {
		Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
		cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(EncryptedFileFormat.TAG_LENGTH * 8, iv));
		cipher.updateAAD(aad);
		return cipher.doFinal(plaintext);
	}

	/**
	 * Decrypts and verifies AES-GCM.
	 * @param key the AES-256 key
	 * @param iv the nonce
	 * @param aad the additional authenticated data
	 * @param input holds the ciphertext and the tag
	 * @param offset where they start
	 * @param length their length
	 * @return the plaintext
	 * @throws AEADBadTagException when the ciphertext, tag or additional data were changed
	 * @throws GeneralSecurityException on a JRE without AES-GCM
	 */
	static byte[] decrypt(SecretKey key, byte[] iv, byte[] aad, byte[] input, int offset, int length)
			throws GeneralSecurityException {
		Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
		cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(EncryptedFileFormat.TAG_LENGTH * 8, iv));
		cipher.updateAAD(aad);
		return cipher.doFinal(input, offset, length);
	}

	/**
	 * Seals one value: a fresh random IV, AES-GCM over the plaintext with {@code aad}.
	 * @param key the AES-256 key
	 * @param aad what the value is bound to (its row), not stored in the result
	 * @param plaintext the value
	 * @return {@code version || IV || ciphertext || tag}
	 * @throws GeneralSecurityException on a JRE without AES-GCM
	 */
	static byte[] seal(SecretKey key, byte[] aad, byte[] plaintext) throws GeneralSecurityException {
		byte[] iv = EncryptedFileFormat.randomBytes(EncryptedFileFormat.IV_LENGTH);
		byte[] ciphertext = encrypt(key, iv, aad, plaintext);
		return ByteBuffer.allocate(1 + iv.length + ciphertext.length)
			.put((byte) SEALED_VALUE_VERSION)
			.put(iv)
			.put(ciphertext)
			.array();
	}

	/**
	 * Opens a value sealed with {@link #seal(SecretKey, byte[], byte[])}.
	 * @param key the AES-256 key
	 * @param aad the additional data it was sealed with
	 * @param sealed the sealed value
	 * @return the plaintext
	 * @throws AEADBadTagException when the value was changed, damaged, or moved to another row
	 * @throws GeneralSecurityException when the layout is unknown, or on a JRE without AES-GCM
	 */
	static byte[] open(SecretKey key, byte[] aad, byte[] sealed) throws GeneralSecurityException {
		int minimum = 1 + EncryptedFileFormat.IV_LENGTH + EncryptedFileFormat.TAG_LENGTH;
		if (sealed.length < minimum || (sealed[0] & 0xFF) != SEALED_VALUE_VERSION) {
			throw new AEADBadTagException("not a sealed value of version " + SEALED_VALUE_VERSION);
		}
		byte[] iv = new byte[EncryptedFileFormat.IV_LENGTH];
		System.arraycopy(sealed, 1, iv, 0, iv.length);
		int offset = 1 + iv.length;
		return decrypt(key, iv, aad, sealed, offset, sealed.length - offset);
	}

}
