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

package io.github.mcpoauth.token;

import java.time.Instant;
import java.util.Set;

import io.github.mcpoauth.dpop.DPoPKey;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * A DPoP-bound {@link OAuthToken}: its header scheme, its key, and what {@code toString()}
 * leaves out.
 */
class OAuthTokenDPoPTests {

	private static final Instant NOW = Instant.parse("2026-07-28T10:00:00Z");

	private final DPoPKey key = DPoPKey.generate("ES256");

	@Test
	void dpopTokenUsesTheDPoPScheme() {
		OAuthToken token = token("DPoP", this.key);

		assertThat(token.isDPoP()).isTrue();
		assertThat(token.authorizationHeader()).isEqualTo("DPoP at-1");
	}

	@Test
	void bearerTokenKeepsTheBearerSchemeEvenWithAKey() {
		OAuthToken token = token("Bearer", this.key);

		assertThat(token.isDPoP()).isFalse();
		assertThat(token.authorizationHeader()).isEqualTo("Bearer at-1");
	}

	@Test
	void dpopTokenWithoutKeyIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> token("DPoP", null));
	}

	@Test
	void copiesKeepTheKey() {
		OAuthToken token = token("DPoP", this.key);

		assertThat(token.withScopes(Set.of("b")).dpopKey()).isEqualTo(this.key);
		assertThat(token("Bearer", null).withDPoPKey(this.key).dpopKey()).isEqualTo(this.key);
	}

	@Test
	void toStringShowsTheThumbprintButNeitherTokenNorPrivateKey() {
		String d = String.valueOf(this.key.toJwk().get("d"));

		assertThat(token("DPoP", this.key).toString()).contains(this.key.thumbprint())
			.doesNotContain("at-1", "rt-1", d);
	}

	private static OAuthToken token(String type, DPoPKey key) {
		return OAuthToken.builder()
			.accessToken("at-1")
			.tokenType(type)
			.refreshToken("rt-1")
			.issuedAt(NOW)
			.expiresAt(NOW.plusSeconds(300))
			.issuer("https://as.example")
			.resource("https://mcp.example/mcp")
			.scopes(Set.of("a"))
			.dpopKey(key)
			.build();
	}

}
