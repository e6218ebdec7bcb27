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

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.mcpoauth.core.McpOAuthErrorCode;
import io.github.mcpoauth.core.McpOAuthException;
import io.github.mcpoauth.dpop.DPoPKey;
import io.github.mcpoauth.token.OAuthToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.github.mcpoauth.testsupport.McpOAuthAssertions.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A token's DPoP key (RFC 9449) is part of its stored entry in every backend, protected as
 * the token is, and comes back as the same key.
 */
class TokenStoreCodecDPoPTests {

	private final DPoPKey key = DPoPKey.generate("ES256");

	private final OAuthToken token = OAuthToken.builder()
		.accessToken(TestTokens.accessToken("alpha"))
		.tokenType("DPoP")
		.refreshToken(TestTokens.refreshToken("alpha"))
		.issuedAt(TestTokens.NOW)
		.expiresAt(TestTokens.NOW.plusSeconds(3600))
		.issuer(TestTokens.ISSUER)
		.resource("https://mcp.example/mcp")
		.scopes(java.util.Set.of("read"))
		.dpopKey(this.key)
		.build();

	@TempDir
	Path temp;

	@Test
	void writeTokenThenHoldsThePrivateJwkUnderDpopKey() {
		String json = new String(TokenStoreCodec.writeToken(this.token), StandardCharsets.UTF_8);

		assertThat(json).contains("\"token_type\":\"DPoP\"", "\"dpop_key\":{", "\"d\":\"" + this.key.toJwk().get("d"));
		OAuthToken read = TokenStoreCodec.readToken(TokenStoreCodec.writeToken(this.token), "test");
		assertThat(read).isEqualTo(this.token);
		assertThat(read.dpopKey().toJwk()).isEqualTo(this.key.toJwk());
	}

	@Test
	void tokenMapForVaultHoldsTheKeyAsAJsonObject() {
		Map<String, Object> map = TokenStoreCodec.tokenToMap(this.token);

		assertThat(map.get("dpop_key")).isInstanceOf(Map.class);
		assertThat(TokenStoreCodec.tokenFromMap(map, "test").dpopKey()).isEqualTo(this.key);
	}

	@Test
	void tokenWithoutKeyIsWrittenWithoutTheField() {
		String json = new String(TokenStoreCodec.writeToken(TestTokens.token("alpha")), StandardCharsets.UTF_8);

		assertThat(json).doesNotContain("dpop_key");
	}

	@Test
	void readTokenWhenKeyIsUnusableThenFailsWithoutQuotingIt() {
		Map<String, Object> map = new LinkedHashMap<>(TokenStoreCodec.tokenToMap(this.token));
		Map<String, Object> publicOnly = this.key.publicJwk();
		map.put("dpop_key", publicOnly);

		assertThatExceptionOfType(McpOAuthException.class)
			.isThrownBy(() -> TokenStoreCodec.tokenFromMap(map, "entry-1"))
			.withMessageContaining("entry-1")
			.withMessageContaining("dpop_key")
			.withMessageNotContaining(String.valueOf(publicOnly.get("x")))
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(McpOAuthErrorCode.STORAGE_FAILED));
	}

	@Test
	void encryptedFileStoreKeepsTheKeyEncrypted() throws Exception {
		Path directory = this.temp.resolve("store");
		EncryptedFileTokenStore store = EncryptedFileTokenStoreTests.keyFileStore(directory);
		store.saveToken(TokenKey.of("alpha"), this.token).block(TIMEOUT);

		byte[] file = Files.readAllBytes(directory.resolve(EncryptedFileTokenStore.STORE_FILE_NAME));
		assertThat(new String(file, StandardCharsets.ISO_8859_1)).doesNotContain(String.valueOf(this.key.toJwk().get("d")))
			.doesNotContain("dpop_key");
		OAuthToken read = EncryptedFileTokenStoreTests.keyFileStore(directory).loadToken(TokenKey.of("alpha"))
			.block(TIMEOUT);
		assertThat(read.dpopKey()).isEqualTo(this.key);
	}

	@Test
	void keychainStoreKeepsTheKeyWithTheToken() {
		MapKeychain keychain = new MapKeychain();
		new KeychainTokenStore(keychain, TestTokens.CLOCK).saveToken(TokenKey.of("alpha"), this.token).block(TIMEOUT);

		OAuthToken read = new KeychainTokenStore(keychain, TestTokens.CLOCK).loadToken(TokenKey.of("alpha"))
			.block(TIMEOUT);

		assertThat(read.dpopKey()).isEqualTo(this.key);
	}

}
