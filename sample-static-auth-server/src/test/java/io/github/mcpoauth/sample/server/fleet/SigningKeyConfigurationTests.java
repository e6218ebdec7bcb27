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

package io.github.mcpoauth.sample.server.fleet;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.Base64;

import com.nimbusds.jose.jwk.RSAKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link SigningKeyConfiguration#read(Path)}.
 */
class SigningKeyConfigurationTests {

	@TempDir
	Path temp;

	@Test
	void readWhenPkcs8PemThenKeyPairWithItsThumbprintAsKeyId() throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
			.encodeToString(generator.generateKeyPair().getPrivate().getEncoded());
		Path file = Files.writeString(this.temp.resolve("key.pem"),
				"-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n");

		RSAKey key = SigningKeyConfiguration.read(file);

		assertThat(key.isPrivate()).isTrue();
		assertThat(key.getKeyID()).isEqualTo(key.computeThumbprint().toString());
		assertThat(SigningKeyConfiguration.read(file).getKeyID()).isEqualTo(key.getKeyID());
	}

	@Test
	void readWhenNotAKeyThenMessageSaysHowToCreateOne() throws Exception {
		Path file = Files.writeString(this.temp.resolve("key.pem"), "not a key\n");

		assertThatIllegalArgumentException().isThrownBy(() -> SigningKeyConfiguration.read(file))
			.withMessageContaining("is not an RSA private key in PKCS#8 PEM")
			.withMessageContaining("openssl genpkey");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SigningKeyConfiguration.read(this.temp.resolve("missing.pem")))
			.withMessageContaining("cannot read");
	}

}
