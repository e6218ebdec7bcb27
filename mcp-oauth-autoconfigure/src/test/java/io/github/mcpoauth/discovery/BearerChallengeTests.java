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

package io.github.mcpoauth.discovery;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link BearerChallenge}: the {@code WWW-Authenticate} grammar of RFC 9110 §11.6.1
 * and the parameters of RFC 6750 §3 and RFC 9728 §5.1.
 */
class BearerChallengeTests {

	@Test
	void parseWhenQuotedStringHasEscapedQuotesAndCommasThenUnescapesThem() {
		BearerChallenge challenge = parse(
				"Bearer error=\"invalid_token\", error_description=\"the \\\"token\\\", it expired, sorry\", scope=\"a b\"");

		assertThat(challenge.error()).isEqualTo("invalid_token");
		assertThat(challenge.errorDescription()).isEqualTo("the \"token\", it expired, sorry");
		assertThat(challenge.scopes()).containsExactly("a", "b");
	}

	@Test
	void parseWhenSeveralParametersThenReadsEveryOneWithLowerCaseNames() {
		BearerChallenge challenge = parse("Bearer realm=\"mcp\", Error=\"insufficient_scope\", SCOPE=\"files:read files:write\", "
				+ "resource_metadata=\"https://rs.example/.well-known/oauth-protected-resource/mcp\"");

		assertThat(challenge.parameters()).containsOnlyKeys("realm", "error", "scope", "resource_metadata");
		assertThat(challenge.isInsufficientScope()).isTrue();
		assertThat(challenge.scopes()).containsExactly("files:read", "files:write");
		assertThat(challenge.resourceMetadata())
			.isEqualTo(URI.create("https://rs.example/.well-known/oauth-protected-resource/mcp"));
	}

	@Test
	void parseWhenSeveralChallengesInOneHeaderThenTakesTheBearerParametersOnly() {
		BearerChallenge challenge = parse(
				"Basic realm=\"x\", Bearer scope=\"a b\", resource_metadata=\"https://rs.example/.well-known/oauth-protected-resource\"");

		assertThat(challenge.parameters()).doesNotContainKey("realm");
		assertThat(challenge.scopes()).containsExactly("a", "b");
		assertThat(challenge.resourceMetadata())
			.isEqualTo(URI.create("https://rs.example/.well-known/oauth-protected-resource"));
	}

	@Test
	void parseWhenAnotherChallengeFollowsBearerThenItsParametersAreNotMixedIn() {
		BearerChallenge challenge = parse("Bearer realm=\"a\", error=\"invalid_token\", Basic realm=\"b\", charset=\"UTF-8\"");

		assertThat(challenge.parameters()).containsOnlyKeys("realm", "error");
		assertThat(challenge.parameters()).containsEntry("realm", "a");
	}

	@Test
	void parseWhenBearerIsInALaterHeaderValueThenFindsIt() {
		BearerChallenge challenge = BearerChallenge
			.parse(List.of("Basic realm=\"x\"", "DPoP algs=\"ES256\"", "Bearer error=\"invalid_token\""))
			.orElseThrow();

		assertThat(challenge.error()).isEqualTo("invalid_token");
	}

	@Test
	void parseWhenSchemeHasAnotherCaseThenStillMatches() {
		assertThat(parse("bEaReR scope=\"x\"").scopes()).containsExactly("x");
		assertThat(parse("BEARER error=\"e\"").error()).isEqualTo("e");
	}

	@Test
	void parseWhenToken68ChallengePrecedesBearerThenSkipsIt() {
		assertThat(parse("Negotiate abc==, Bearer error=\"x\"").parameters()).containsOnlyKeys("error")
			.containsEntry("error", "x");
		assertThat(parse("Negotiate abc=, Bearer error=\"x\"").error()).isEqualTo("x");
		assertThat(parse("Negotiate YWJjZGVm, Bearer error=\"x\"").error()).isEqualTo("x");
	}

	@Test
	void parseWhenValuesAreUnquotedThenReadsUpToTheNextCommaOrSpace() {
		BearerChallenge challenge = parse(
				"Bearer error=invalid_token, resource_metadata=https://rs.example/.well-known/oauth-protected-resource/mcp,scope=read");

		assertThat(challenge.error()).isEqualTo("invalid_token");
		assertThat(challenge.resourceMetadata())
			.isEqualTo(URI.create("https://rs.example/.well-known/oauth-protected-resource/mcp"));
		assertThat(challenge.scopes()).containsExactly("read");
	}

	@Test
	void parseWhenSpacesAroundEqualsThenStillReadsTheParameter() {
		assertThat(parse("Bearer error = \"x\" , scope= \"a\"").parameters()).containsEntry("error", "x")
			.containsEntry("scope", "a");
	}

	@Test
	void parseWhenBearerHasNoParametersThenReturnsAnEmptyChallenge() {
		BearerChallenge challenge = parse("Bearer");

		assertThat(challenge.parameters()).isEmpty();
		assertThat(challenge.scopes()).isEmpty();
		assertThat(challenge.resourceMetadata()).isNull();
		assertThat(challenge.error()).isNull();
	}

	@Test
	void parseWhenNoBearerChallengeThenEmpty() {
		assertThat(BearerChallenge.parse(List.of("Basic realm=\"x\"", "Negotiate abc=="))).isEmpty();
		assertThat(BearerChallenge.parse(List.of(""))).isEmpty();
		assertThat(BearerChallenge.parse(List.of())).isEmpty();
	}

	@Test
	void parseWhenSchemeOnlyStartsWithBearerThenDoesNotMatch() {
		assertThat(BearerChallenge.parse(List.of("BearerToken realm=\"x\""))).isEmpty();
	}

	@Test
	void parseWhenParameterRepeatsThenKeepsTheFirst() {
		assertThat(parse("Bearer scope=\"first\", scope=\"second\"").scopes()).containsExactly("first");
	}

	@Test
	void parseWhenQuotedStringIsUnterminatedThenKeepsWhatWasRead() {
		assertThat(parse("Bearer error=\"invalid_token").error()).isEqualTo("invalid_token");
	}

	@Test
	void resourceMetadataWhenNotAbsoluteOrNotAUriThenNull() {
		assertThat(parse("Bearer resource_metadata=\"/.well-known/oauth-protected-resource\"").resourceMetadata())
			.isNull();
		assertThat(parse("Bearer resource_metadata=\"https://a b\"").resourceMetadata()).isNull();
	}

	@Test
	void scopesWhenSeparatedBySeveralSpacesThenSplitsAndDeduplicates() {
		assertThat(parse("Bearer scope=\"  a   b a  \"").scopes()).containsExactly("a", "b");
	}

	@Test
	void isInsufficientScopeWhenOtherErrorThenFalse() {
		assertThat(parse("Bearer error=\"invalid_token\"").isInsufficientScope()).isFalse();
		assertThat(parse("Bearer").isInsufficientScope()).isFalse();
	}

	private static BearerChallenge parse(String header) {
		return BearerChallenge.parse(List.of(header)).orElseThrow(() -> new AssertionError("no Bearer in " + header));
	}

	@Test
	void parseWhenOnlyADPoPChallengeThenReturnsItWithItsParameters() {
		BearerChallenge challenge = BearerChallenge
			.parse(List.of("DPoP algs=\"ES256 PS256\", resource_metadata=\"https://mcp.example/.well-known/oauth-protected-resource\", scope=\"mcp:tools\""))
			.orElseThrow();

		assertThat(challenge.isDPoP()).isTrue();
		assertThat(challenge.scheme()).isEqualTo("DPoP");
		assertThat(challenge.scopes()).containsExactly("mcp:tools");
		assertThat(challenge.resourceMetadata())
			.hasToString("https://mcp.example/.well-known/oauth-protected-resource");
	}

	@Test
	void parseWhenBearerAndDPoPChallengesThenPrefersBearer() {
		BearerChallenge challenge = BearerChallenge
			.parse(List.of("DPoP error=\"invalid_token\", Bearer error=\"insufficient_scope\", scope=\"a\""))
			.orElseThrow();

		assertThat(challenge.isDPoP()).isFalse();
		assertThat(challenge.isInsufficientScope()).isTrue();
	}

	@Test
	void asksForDPoPNonceOnlyForADPoPChallengeWithThatError() {
		assertThat(BearerChallenge.asksForDPoPNonce(List.of("DPoP error=\"use_dpop_nonce\", algs=\"ES256\""))).isTrue();
		assertThat(BearerChallenge.asksForDPoPNonce(List.of("Bearer realm=\"x\"", "dpop error=\"use_dpop_nonce\"")))
			.isTrue();
		assertThat(BearerChallenge.asksForDPoPNonce(List.of("Bearer error=\"use_dpop_nonce\""))).isFalse();
		assertThat(BearerChallenge.asksForDPoPNonce(List.of("DPoP error=\"invalid_token\""))).isFalse();
	}

	@Test
	void offersDPoPWhenAnyChallengeUsesTheScheme() {
		assertThat(BearerChallenge.offersDPoP(List.of("Bearer realm=\"x\", DPoP algs=\"ES256\""))).isTrue();
		assertThat(BearerChallenge.offersDPoP(List.of("Bearer error=\"invalid_token\""))).isFalse();
	}

}
