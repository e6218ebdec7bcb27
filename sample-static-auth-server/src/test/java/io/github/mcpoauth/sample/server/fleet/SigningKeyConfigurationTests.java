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
