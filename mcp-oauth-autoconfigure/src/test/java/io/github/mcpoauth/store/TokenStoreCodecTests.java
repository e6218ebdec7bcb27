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
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.github.mcpoauth.core.McpOAuthException;
import io.github.mcpoauth.registration.OAuthClientRegistration;
import io.github.mcpoauth.token.OAuthToken;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class TokenStoreCodecTests {

	@Test
	void writeTokenThenSnakeCaseFieldsWithFormatVersionAndIsoInstants() {
		String json = new String(TokenStoreCodec.writeToken(TestTokens.token("alpha")), StandardCharsets.UTF_8);
		assertThat(json).contains("\"format_version\":1")
			.contains("\"access_token\":\"" + TestTokens.accessToken("alpha") + "\"")
			.contains("\"refresh_token\"")
			.contains("\"issued_at\":\"2026-01-01T10:00:00Z\"")
			.contains("\"expires_at\":\"2026-01-01T11:00:00Z\"")
			.contains("\"scopes\":[\"read\",\"write\"]");
	}

	@Test
	void readTokenWhenWrittenThenEqual() {
		OAuthToken token = TestTokens.token("alpha");
		assertThat(TokenStoreCodec.readToken(TokenStoreCodec.writeToken(token), "test")).isEqualTo(token);
		OAuthToken minimal = OAuthToken.builder()
			.accessToken("at")
			.issuedAt(Instant.EPOCH)
			.issuer("")
			.resource("")
			.build();
		assertThat(TokenStoreCodec.readToken(TokenStoreCodec.writeToken(minimal), "test")).isEqualTo(minimal);
	}

	@Test
	void readRegistrationWhenWrittenThenEqual() {
		OAuthClientRegistration registration = new OAuthClientRegistration("https://as", "client", null, "none",
				List.of("http://127.0.0.1/callback"), Instant.parse("2027-01-01T00:00:00Z"),
				OAuthClientRegistration.Source.PRE_REGISTERED);
		assertThat(TokenStoreCodec.readRegistration(TokenStoreCodec.writeRegistration(registration), "test"))
			.isEqualTo(registration);
	}

	@Test
	void tokenFromMapWhenConvertedToMapThenEqual() {
		OAuthToken token = TestTokens.token("alpha");
		Map<String, Object> map = TokenStoreCodec.tokenToMap(token);
		assertThat(map).containsEntry("access_token", TestTokens.accessToken("alpha")).containsEntry("format_version", 1);
		assertThat(TokenStoreCodec.tokenFromMap(map, "test")).isEqualTo(token);
	}

	@Test
	void readTokenWhenJsonBrokenThenFailsWithoutQuotingTheContent() {
		byte[] broken = "{\"access_token\":\"AT-SECRET-xyz\", oops".getBytes(StandardCharsets.UTF_8);
		assertThatExceptionOfType(McpOAuthException.class).isThrownBy(() -> TokenStoreCodec.readToken(broken, "here"))
			.withMessageContaining("here")
			.withMessageNotContaining("SECRET")
			.satisfies((ex) -> assertThat(ex.getCause()).isNull());
	}

	@Test
	void readTokenWhenRequiredFieldMissingThenFailsNamingTheEntry() {
		byte[] incomplete = "{\"format_version\":1,\"token_type\":\"Bearer\",\"issued_at\":\"2026-01-01T10:00:00Z\"}"
			.getBytes(StandardCharsets.UTF_8);
		assertThatExceptionOfType(McpOAuthException.class)
			.isThrownBy(() -> TokenStoreCodec.readToken(incomplete, "keychain:tokens/x"))
			.withMessageContaining("keychain:tokens/x")
			.withMessageContaining("incomplete");
	}

	@Test
	void readTokenWhenWrittenByNewerFormatThenFailsSayingUpgrade() {
		byte[] newer = "{\"format_version\":2,\"access_token\":\"a\"}".getBytes(StandardCharsets.UTF_8);
		assertThatExceptionOfType(McpOAuthException.class).isThrownBy(() -> TokenStoreCodec.readToken(newer, "x"))
			.withMessageContaining("format version 2")
			.withMessageContaining("upgrade");
	}

	@Test
	void readTokenWhenUnknownFieldsPresentThenIgnoresThem() {
		byte[] json = ("{\"format_version\":1,\"access_token\":\"a\",\"token_type\":\"Bearer\","
				+ "\"issued_at\":\"2026-01-01T10:00:00Z\",\"issuer\":\"i\",\"resource\":\"r\",\"added_later\":true}")
			.getBytes(StandardCharsets.UTF_8);
		assertThat(TokenStoreCodec.readToken(json, "x").accessToken()).isEqualTo("a");
	}

	@Test
	void readContentsWhenWrittenThenHoldsTokensAndRegistrationsPerIssuer() {
		StoreContents contents = new StoreContents();
		contents.putToken(TokenKey.of("alpha"), TestTokens.token("alpha"));
		contents.putToken(TokenKey.of("alpha", "alice"), TestTokens.token("alice"));
		contents.putRegistration("alpha", TestTokens.registration("alpha", "https://a"));
		contents.putRegistration("alpha", TestTokens.registration("alpha", "https://b"));
		StoreContents read = TokenStoreCodec.readContents(TokenStoreCodec.writeContents(contents), "file");
		assertThat(read.tokens()).isEqualTo(contents.tokens());
		assertThat(read.registrations()).isEqualTo(contents.registrations());
	}

}
