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

import java.net.URI;

import io.github.mcpoauth.core.McpOAuthErrorCode;
import io.github.mcpoauth.core.McpOAuthException;
import org.junit.jupiter.api.Test;

import static io.github.mcpoauth.testsupport.McpOAuthAssertions.expectThrown;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AuthorizationResponse}: RFC 6749 §4.1.2, the state check of RFC 6749
 * §10.12 and the issuer check of RFC 9207 §2.4.
 */
class AuthorizationResponseTests {

	private static final String ISSUER = "https://auth.example";

	private static final String STATE = "expected-state";

	@Test
	void fromWhenStateMatchesThenReturnsTheCode() {
		AuthorizationResponse response = from("code=the-code&state=" + STATE, false);

		assertThat(response.code()).isEqualTo("the-code");
		assertThat(response.state()).isEqualTo(STATE);
	}

	@Test
	void fromWhenValuesArePercentEncodedThenDecodesThem() {
		AuthorizationResponse response = AuthorizationResponse.from(
				URI.create("http://127.0.0.1/callback?code=a%2Bb%2Fc&state=s%20t"), "s t", ISSUER, false);

		assertThat(response.code()).isEqualTo("a+b/c");
	}

	@Test
	void fromWhenStateDiffersThenStateMismatch() {
		expectThrown(() -> from("code=c&state=forged", false), McpOAuthErrorCode.STATE_MISMATCH);
	}

	@Test
	void fromWhenStateIsMissingThenStateMismatch() {
		expectThrown(() -> from("code=c", false), McpOAuthErrorCode.STATE_MISMATCH);
	}

	@Test
	void fromWhenIssMatchesThenAcceptsIt() {
		assertThat(from("code=c&state=" + STATE + "&iss=" + ISSUER, true).code()).isEqualTo("c");
		assertThat(from("code=c&state=" + STATE + "&iss=" + ISSUER, false).code()).isEqualTo("c");
	}

	@Test
	void fromWhenIssDiffersThenIssuerResponseMismatch() {
		McpOAuthException ex = expectThrown(() -> from("code=c&state=" + STATE + "&iss=https://evil.example", false),
				McpOAuthErrorCode.ISSUER_RESPONSE_MISMATCH);

		assertThat(ex.getMessage()).contains("https://evil.example").contains(ISSUER);
	}

	@Test
	void fromWhenIssIsRequiredButAbsentThenIssuerResponseMismatch() {
		expectThrown(() -> from("code=c&state=" + STATE, true), McpOAuthErrorCode.ISSUER_RESPONSE_MISMATCH);
	}

	@Test
	void fromWhenIssIsNotRequiredAndAbsentThenAccepts() {
		assertThat(from("code=c&state=" + STATE, false).code()).isEqualTo("c");
	}

	@Test
	void fromWhenAccessDeniedThenAccessDeniedWithTheDescription() {
		McpOAuthException ex = expectThrown(
				() -> from("error=access_denied&error_description=User%20said%20no&state=" + STATE, false),
				McpOAuthErrorCode.ACCESS_DENIED);

		assertThat(ex.getOAuthError()).isEqualTo("access_denied");
		assertThat(ex.getMessage()).contains("User said no");
	}

	@Test
	void fromWhenOtherErrorThenAuthorizationFailed() {
		McpOAuthException ex = expectThrown(() -> from("error=invalid_scope&state=" + STATE, false),
				McpOAuthErrorCode.AUTHORIZATION_FAILED);

		assertThat(ex.getOAuthError()).isEqualTo("invalid_scope");
	}

	@Test
	void fromWhenErrorCarriesAnotherStateThenStateMismatch() {
		expectThrown(() -> from("error=access_denied&state=other", false), McpOAuthErrorCode.STATE_MISMATCH);
	}

	@Test
	void fromWhenCodeIsMissingThenAuthorizationFailed() {
		expectThrown(() -> from("state=" + STATE, false), McpOAuthErrorCode.AUTHORIZATION_FAILED);
		expectThrown(() -> from("code=&state=" + STATE, false), McpOAuthErrorCode.AUTHORIZATION_FAILED);
	}

	@Test
	void fromWhenNoQueryThenStateMismatch() {
		expectThrown(() -> AuthorizationResponse.from(URI.create("http://127.0.0.1/callback"), STATE, ISSUER, false),
				McpOAuthErrorCode.STATE_MISMATCH);
	}

	@Test
	void toStringThenHidesTheCode() {
		AuthorizationResponse response = from("code=SplxlOBeZQQYbYS6WxSbIA&state=" + STATE, false);

		assertThat(response.toString()).doesNotContain("SplxlOBeZQQYbYS6WxSbIA").contains("[redacted]");
	}

	@Test
	void errorsThenNeverContainTheCode() {
		McpOAuthException ex = expectThrown(
				() -> from("code=SplxlOBeZQQYbYS6WxSbIA&state=" + STATE + "&iss=https://evil.example", false),
				McpOAuthErrorCode.ISSUER_RESPONSE_MISMATCH);

		assertThat(ex.getMessage()).doesNotContain("SplxlOBeZQQYbYS6WxSbIA");
	}

	private static AuthorizationResponse from(String query, boolean issRequired) {
		return AuthorizationResponse.from(URI.create("http://127.0.0.1:8080/callback?" + query), STATE, ISSUER,
				issRequired);
	}

}
