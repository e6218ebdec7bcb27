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

package io.github.mcpoauth.authorization;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Pkce} (RFC 7636).
 */
class PkceTests {

	@Test
	void challengeOfWhenRfc7636AppendixBVerifierThenMatchesTheRfcChallenge() {
		assertThat(Pkce.challengeOf("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"))
			.isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
	}

	@Test
	void generateThenVerifierIs43UnreservedCharactersAndChallengeIsItsS256() {
		Pkce pkce = Pkce.generate();

		assertThat(pkce.codeVerifier()).hasSize(43).matches("[A-Za-z0-9_-]{43}");
		assertThat(pkce.codeChallenge()).isEqualTo(Pkce.challengeOf(pkce.codeVerifier()))
			.matches("[A-Za-z0-9_-]{43}");
		assertThat(Pkce.METHOD).isEqualTo("S256");
	}

	@Test
	void generateThenEveryVerifierIsFresh() {
		Set<String> verifiers = new HashSet<>();
		for (int i = 0; i < 100; i++) {
			verifiers.add(Pkce.generate().codeVerifier());
		}

		assertThat(verifiers).hasSize(100);
	}

	@Test
	void randomUrlSafeThenIsUnpaddedBase64UrlOfTheRequestedBytes() {
		assertThat(Pkce.randomUrlSafe(32)).hasSize(43).doesNotContain("=", "+", "/");
		assertThat(Pkce.randomUrlSafe(16)).hasSize(22);
	}

	@Test
	void toStringThenHidesTheVerifier() {
		Pkce pkce = Pkce.generate();

		assertThat(pkce.toString()).doesNotContain(pkce.codeVerifier()).doesNotContain(pkce.codeChallenge());
	}

}
