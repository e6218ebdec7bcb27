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

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Objects;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.converter.RsaKeyConverters;

/**
 * With {@code --signing-key FILE}: access tokens are signed with the RSA key in that file
 * instead of one generated at start-up, so every instance of a fleet (and a restarted
 * instance) publishes the same JWK at {@code /jwks} and accepts the others' tokens. The key
 * id is the key's RFC 7638 thumbprint, the same on every instance.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7638">RFC 7638</a>
 */
@Configuration(proxyBeanMethods = false)
@Conditional(FleetConditions.SigningKey.class)
@EnableConfigurationProperties(FleetProperties.class)
public class SigningKeyConfiguration {

	/**
	 * The signing key from {@code --signing-key}.
	 * @param fleet the fleet settings
	 * @return the key source
	 */
	@Bean
	JWKSource<SecurityContext> jwkSource(FleetProperties fleet) {
		return new ImmutableJWKSet<>(new JWKSet(read(Objects.requireNonNull(fleet.signingKey(), "signing-key"))));
	}

	/**
	 * Reads an RSA private key in PKCS#8 PEM, with Spring Security's
	 * {@link RsaKeyConverters#pkcs8()}.
	 * @param file the file
	 * @return the key pair as a JWK, with its thumbprint as key id
	 */
	static RSAKey read(Path file) {
		RSAPrivateKey privateKey;
		try (InputStream in = Files.newInputStream(file)) {
			privateKey = RsaKeyConverters.pkcs8().convert(in);
		}
		catch (IOException ex) {
			throw new IllegalArgumentException("--signing-key: cannot read " + file + " (" + ex.getMessage() + ")", ex);
		}
		catch (RuntimeException ex) { // not PEM, not PKCS#8, not RSA
			throw notAKey(file, ex);
		}
		try {
			RSAPrivateCrtKey crt = (RSAPrivateCrtKey) Objects.requireNonNull(privateKey);
			RSAPublicKey publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA")
				.generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
			return new RSAKey.Builder(publicKey).privateKey(crt).keyIDFromThumbprint().build();
		}
		catch (ClassCastException | GeneralSecurityException | JOSEException ex) {
			throw notAKey(file, ex);
		}
	}

	private static IllegalArgumentException notAKey(Path file, @Nullable Exception cause) {
		return new IllegalArgumentException("--signing-key: " + file + " is not an RSA private key in PKCS#8 PEM"
				+ " (-----BEGIN PRIVATE KEY-----); create one with"
				+ " 'openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out signing-key.pem'", cause);
	}

}
