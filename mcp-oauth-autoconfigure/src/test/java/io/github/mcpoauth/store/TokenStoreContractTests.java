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

import java.time.Duration;
import java.util.Set;

import io.github.mcpoauth.registration.OAuthClientRegistration;
import io.github.mcpoauth.token.OAuthToken;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The behaviour every {@link McpOAuthStore} shares, as a {@link TokenStore} and as a
 * {@link io.github.mcpoauth.registration.ClientRegistrationStore}; each backend's tests
 * extend this class.
 */
abstract class TokenStoreContractTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	static final TokenKey ALPHA = TokenKey.of("alpha");

	static final TokenKey ALICE = TokenKey.of("alpha", "alice");

	static final TokenKey BOB = TokenKey.of("alpha", "bob@example.com/tenant:1");

	/**
	 * @return a new, empty store whose clock is {@link TestTokens#CLOCK}
	 */
	abstract McpOAuthStore createStore() throws Exception;

	@Test
	void loadTokenWhenSavedThenReturnsEqualToken() throws Exception {
		McpOAuthStore store = createStore();
		OAuthToken token = TestTokens.token("alpha");
		store.saveToken(ALPHA, token).block(TIMEOUT);
		assertThat(store.loadToken(ALPHA).block(TIMEOUT)).isEqualTo(token);
	}

	@Test
	void loadTokenWhenSavedWithADPoPKeyThenReturnsTheTokenAndTheSameKey() throws Exception {
		McpOAuthStore store = createStore();
		OAuthToken plain = TestTokens.token("alpha");
		io.github.mcpoauth.dpop.DPoPKey key = io.github.mcpoauth.dpop.DPoPKey.generate("ES256");
		OAuthToken bound = plain.mutate().tokenType("DPoP").dpopKey(key).build();
		store.saveToken(ALPHA, bound).block(TIMEOUT);
		OAuthToken loaded = store.loadToken(ALPHA).block(TIMEOUT);
		assertThat(loaded).isEqualTo(bound);
		assertThat(loaded.dpopKey().toJwk()).isEqualTo(key.toJwk());
	}

	@Test
	void loadTokenWhenNoneSavedThenEmpty() throws Exception {
		McpOAuthStore store = createStore();
		assertThat(store.loadToken(TokenKey.of("missing")).blockOptional(TIMEOUT)).isEmpty();
	}

	@Test
	void saveTokenWhenSavedAgainThenReplaces() throws Exception {
		McpOAuthStore store = createStore();
		store.saveToken(ALPHA, TestTokens.token("alpha")).block(TIMEOUT);
		OAuthToken newer = TestTokens.token("alpha").withScopes(Set.of("admin"));
		store.saveToken(ALPHA, newer).block(TIMEOUT);
		assertThat(store.loadToken(ALPHA).block(TIMEOUT)).isEqualTo(newer);
	}

	@Test
	void deleteTokenWhenPresentThenTrueAndGone() throws Exception {
		McpOAuthStore store = createStore();
		store.saveToken(ALPHA, TestTokens.token("alpha")).block(TIMEOUT);
		assertThat(store.deleteToken(ALPHA).block(TIMEOUT)).isTrue();
		assertThat(store.loadToken(ALPHA).blockOptional(TIMEOUT)).isEmpty();
		assertThat(store.deleteToken(ALPHA).block(TIMEOUT)).isFalse();
	}

	@Test
	void loadTokenWhenTwoPrincipalsHaveTokensForOneServerThenEachSeesOnlyItsOwn() throws Exception {
		McpOAuthStore store = createStore();
		store.saveToken(ALICE, TestTokens.token("alice")).block(TIMEOUT);
		store.saveToken(BOB, TestTokens.token("bob")).block(TIMEOUT);
		assertThat(store.loadToken(ALICE).block(TIMEOUT)).isEqualTo(TestTokens.token("alice"));
		assertThat(store.loadToken(BOB).block(TIMEOUT)).isEqualTo(TestTokens.token("bob"));
		assertThat(store.loadToken(ALPHA).blockOptional(TIMEOUT)).as("the default principal's").isEmpty();
		assertThat(store.deleteToken(ALICE).block(TIMEOUT)).isTrue();
		assertThat(store.loadToken(ALICE).blockOptional(TIMEOUT)).isEmpty();
		assertThat(store.loadToken(BOB).block(TIMEOUT)).isEqualTo(TestTokens.token("bob"));
	}

	@Test
	void deleteTokenWithExpectedWhenStillStoredThenRemoves() throws Exception {
		McpOAuthStore store = createStore();
		OAuthToken refused = TestTokens.token("alpha");
		store.saveToken(ALPHA, refused).block(TIMEOUT);
		assertThat(store.deleteToken(ALPHA, refused).block(TIMEOUT)).isTrue();
		assertThat(store.loadToken(ALPHA).blockOptional(TIMEOUT)).isEmpty();
		assertThat(store.deleteToken(ALPHA, refused).block(TIMEOUT)).as("nothing left").isFalse();
	}

	@Test
	void deleteTokenWithExpectedWhenANewerTokenWasStoredThenKeepsIt() throws Exception {
		McpOAuthStore store = createStore();
		OAuthToken refused = TestTokens.token("alpha");
		store.saveToken(ALPHA, refused).block(TIMEOUT);
		OAuthToken newer = TestTokens.token("alpha-refreshed");
		store.saveToken(ALPHA, newer).block(TIMEOUT);
		assertThat(store.deleteToken(ALPHA, refused).block(TIMEOUT)).isFalse();
		assertThat(store.loadToken(ALPHA).block(TIMEOUT)).isEqualTo(newer);
	}

	@Test
	void deleteTokenWithExpectedThenOtherPrincipalsKeepTheirTokens() throws Exception {
		McpOAuthStore store = createStore();
		OAuthToken same = TestTokens.token("shared-looking");
		store.saveToken(ALICE, same).block(TIMEOUT);
		store.saveToken(BOB, same).block(TIMEOUT);
		assertThat(store.deleteToken(ALICE, same).block(TIMEOUT)).isTrue();
		assertThat(store.loadToken(BOB).block(TIMEOUT)).isEqualTo(same);
	}

	@Test
	void tokenKeysWhenTokensSavedThenListsThemSortedByServerThenPrincipal() throws Exception {
		McpOAuthStore store = createStore();
		store.saveToken(TokenKey.of("zeta"), TestTokens.token("zeta")).block(TIMEOUT);
		store.saveToken(BOB, TestTokens.token("bob")).block(TIMEOUT);
		store.saveToken(ALICE, TestTokens.token("alice")).block(TIMEOUT);
		store.saveToken(TokenKey.of("name with spaces/and:colons"), TestTokens.token("x")).block(TIMEOUT);
		assertThat(store.tokenKeys().collectList().block(TIMEOUT)).containsExactly(ALICE, BOB,
				TokenKey.of("name with spaces/and:colons"), TokenKey.of("zeta"));
	}

	@Test
	void tokenKeysWhenNothingStoredThenEmpty() throws Exception {
		assertThat(createStore().tokenKeys().collectList().block(TIMEOUT)).isEmpty();
	}

	@Test
	void loadRegistrationWhenSavedForTwoIssuersThenEachIsKeptApart() throws Exception {
		McpOAuthStore store = createStore();
		OAuthClientRegistration first = TestTokens.registration("alpha", "https://as.example.com");
		OAuthClientRegistration second = TestTokens.registration("alpha", "https://other.example.com/tenant");
		store.saveRegistration("alpha", first).block(TIMEOUT);
		store.saveRegistration("alpha", second).block(TIMEOUT);
		assertThat(store.loadRegistration("alpha", "https://as.example.com").block(TIMEOUT)).isEqualTo(first);
		assertThat(store.loadRegistration("alpha", "https://other.example.com/tenant").block(TIMEOUT))
			.isEqualTo(second);
		assertThat(store.loadRegistration("beta", "https://as.example.com").blockOptional(TIMEOUT)).isEmpty();
	}

	@Test
	void deleteRegistrationWhenPresentThenTrueAndOnlyThatIssuerGone() throws Exception {
		McpOAuthStore store = createStore();
		store.saveRegistration("alpha", TestTokens.registration("alpha", "https://a.example.com")).block(TIMEOUT);
		store.saveRegistration("alpha", TestTokens.registration("alpha", "https://b.example.com")).block(TIMEOUT);
		assertThat(store.deleteRegistration("alpha", "https://a.example.com").block(TIMEOUT)).isTrue();
		assertThat(store.deleteRegistration("alpha", "https://a.example.com").block(TIMEOUT)).isFalse();
		assertThat(store.loadRegistration("alpha", "https://a.example.com").blockOptional(TIMEOUT)).isEmpty();
		assertThat(store.loadRegistration("alpha", "https://b.example.com").blockOptional(TIMEOUT)).isPresent();
	}

	@Test
	void registrationIssuersWhenRegisteredWithSeveralThenListsThoseOfTheServerSorted() throws Exception {
		McpOAuthStore store = createStore();
		store.saveRegistration("alpha", TestTokens.registration("alpha", "https://z.example.com")).block(TIMEOUT);
		store.saveRegistration("alpha", TestTokens.registration("alpha", "https://a.example.com/t")).block(TIMEOUT);
		store.saveRegistration("beta", TestTokens.registration("beta", "https://b.example.com")).block(TIMEOUT);
		assertThat(store.registrationIssuers("alpha").collectList().block(TIMEOUT))
			.containsExactly("https://a.example.com/t", "https://z.example.com");
		store.deleteRegistration("alpha", "https://z.example.com").block(TIMEOUT);
		assertThat(store.registrationIssuers("alpha").collectList().block(TIMEOUT))
			.containsExactly("https://a.example.com/t");
		assertThat(store.registrationIssuers("gamma").collectList().block(TIMEOUT)).isEmpty();
	}

	@Test
	void registrationsWhenTokensOfTheServerDeletedThenKept() throws Exception {
		McpOAuthStore store = createStore();
		store.saveToken(ALPHA, TestTokens.token("alpha")).block(TIMEOUT);
		store.saveRegistration("alpha", TestTokens.registration("alpha", TestTokens.ISSUER)).block(TIMEOUT);
		store.deleteToken(ALPHA).block(TIMEOUT);
		assertThat(store.loadRegistration("alpha", TestTokens.ISSUER).blockOptional(TIMEOUT)).isPresent();
		assertThat(store.tokenKeys().collectList().block(TIMEOUT)).isEmpty();
	}

	@Test
	void loadTokenWhenExpiredWithoutRefreshTokenThenDroppedFromStore() throws Exception {
		McpOAuthStore store = createStore();
		TokenKey stale = TokenKey.of("stale");
		store.saveToken(stale, TestTokens.expiredWithoutRefresh("stale")).block(TIMEOUT);
		assertThat(store.loadToken(stale).blockOptional(TIMEOUT)).isEmpty();
		assertThat(store.deleteToken(stale).block(TIMEOUT)).as("already purged").isFalse();
	}

	@Test
	void tokenKeysWhenOneTokenExpiredWithoutRefreshTokenThenItIsPurged() throws Exception {
		McpOAuthStore store = createStore();
		store.saveToken(TokenKey.of("fresh"), TestTokens.token("fresh")).block(TIMEOUT);
		store.saveToken(TokenKey.of("stale"), TestTokens.expiredWithoutRefresh("stale")).block(TIMEOUT);
		store.saveToken(TokenKey.of("refreshable"), TestTokens.expiredWithRefresh("refreshable")).block(TIMEOUT);
		assertThat(store.tokenKeys().collectList().block(TIMEOUT)).containsExactly(TokenKey.of("fresh"),
				TokenKey.of("refreshable"));
		assertThat(store.loadToken(TokenKey.of("stale")).blockOptional(TIMEOUT)).isEmpty();
	}

	@Test
	void hasValidTokenWhenExpiredButRefreshableThenTrue() throws Exception {
		McpOAuthStore store = createStore();
		store.saveToken(TokenKey.of("refreshable"), TestTokens.expiredWithRefresh("refreshable")).block(TIMEOUT);
		assertThat(store.hasValidToken(TokenKey.of("refreshable"), TestTokens.CLOCK, OAuthToken.DEFAULT_CLOCK_SKEW)
			.block(TIMEOUT)).isTrue();
		assertThat(store.hasValidToken(TokenKey.of("missing"), TestTokens.CLOCK, OAuthToken.DEFAULT_CLOCK_SKEW)
			.block(TIMEOUT)).isFalse();
	}

	@Test
	void toStringWhenTokensAndRegistrationsStoredThenShowsNoSecret() throws Exception {
		McpOAuthStore store = createStore();
		store.saveToken(ALICE, TestTokens.token("alpha")).block(TIMEOUT);
		store.saveRegistration("alpha", TestTokens.registration("alpha", TestTokens.ISSUER)).block(TIMEOUT);
		assertThat(store.toString()).doesNotContain("SECRET");
	}

}
