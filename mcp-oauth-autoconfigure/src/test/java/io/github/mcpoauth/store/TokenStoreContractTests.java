package io.github.mcpoauth.store;

import java.time.Duration;
import java.util.Set;

import io.github.mcpoauth.registration.OAuthClientRegistration;
import io.github.mcpoauth.token.OAuthToken;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The behaviour every {@link TokenStore} shares; each backend's tests extend this class.
 */
abstract class TokenStoreContractTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	/**
	 * @return a new, empty store whose clock is {@link TestTokens#CLOCK}
	 */
	abstract TokenStore createStore() throws Exception;

	@Test
	void loadTokenWhenSavedThenReturnsEqualToken() throws Exception {
		TokenStore store = createStore();
		OAuthToken token = TestTokens.token("alpha");
		store.saveToken("alpha", token).block(TIMEOUT);
		assertThat(store.loadToken("alpha").block(TIMEOUT)).isEqualTo(token);
	}

	@Test
	void loadTokenWhenNoneSavedThenEmpty() throws Exception {
		TokenStore store = createStore();
		assertThat(store.loadToken("missing").blockOptional(TIMEOUT)).isEmpty();
	}

	@Test
	void saveTokenWhenSavedAgainThenReplaces() throws Exception {
		TokenStore store = createStore();
		store.saveToken("alpha", TestTokens.token("alpha")).block(TIMEOUT);
		OAuthToken newer = TestTokens.token("alpha").withScopes(Set.of("admin"));
		store.saveToken("alpha", newer).block(TIMEOUT);
		assertThat(store.loadToken("alpha").block(TIMEOUT)).isEqualTo(newer);
	}

	@Test
	void deleteTokenWhenPresentThenTrueAndGone() throws Exception {
		TokenStore store = createStore();
		store.saveToken("alpha", TestTokens.token("alpha")).block(TIMEOUT);
		assertThat(store.deleteToken("alpha").block(TIMEOUT)).isTrue();
		assertThat(store.loadToken("alpha").blockOptional(TIMEOUT)).isEmpty();
		assertThat(store.deleteToken("alpha").block(TIMEOUT)).isFalse();
	}

	@Test
	void serverNamesWhenTokensSavedThenListsThemSorted() throws Exception {
		TokenStore store = createStore();
		store.saveToken("zeta", TestTokens.token("zeta")).block(TIMEOUT);
		store.saveToken("alpha", TestTokens.token("alpha")).block(TIMEOUT);
		store.saveToken("name with spaces/and:colons", TestTokens.token("x")).block(TIMEOUT);
		assertThat(store.serverNames().collectList().block(TIMEOUT)).containsExactly("alpha",
				"name with spaces/and:colons", "zeta");
	}

	@Test
	void loadRegistrationWhenSavedForTwoIssuersThenEachIsKeptApart() throws Exception {
		TokenStore store = createStore();
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
		TokenStore store = createStore();
		store.saveRegistration("alpha", TestTokens.registration("alpha", "https://a.example.com")).block(TIMEOUT);
		store.saveRegistration("alpha", TestTokens.registration("alpha", "https://b.example.com")).block(TIMEOUT);
		assertThat(store.deleteRegistration("alpha", "https://a.example.com").block(TIMEOUT)).isTrue();
		assertThat(store.deleteRegistration("alpha", "https://a.example.com").block(TIMEOUT)).isFalse();
		assertThat(store.loadRegistration("alpha", "https://a.example.com").blockOptional(TIMEOUT)).isEmpty();
		assertThat(store.loadRegistration("alpha", "https://b.example.com").blockOptional(TIMEOUT)).isPresent();
	}

	@Test
	void loadTokenWhenExpiredWithoutRefreshTokenThenDroppedFromStore() throws Exception {
		TokenStore store = createStore();
		store.saveToken("stale", TestTokens.expiredWithoutRefresh("stale")).block(TIMEOUT);
		assertThat(store.loadToken("stale").blockOptional(TIMEOUT)).isEmpty();
		assertThat(store.deleteToken("stale").block(TIMEOUT)).as("already purged").isFalse();
	}

	@Test
	void serverNamesWhenOneTokenExpiredWithoutRefreshTokenThenItIsPurged() throws Exception {
		TokenStore store = createStore();
		store.saveToken("fresh", TestTokens.token("fresh")).block(TIMEOUT);
		store.saveToken("stale", TestTokens.expiredWithoutRefresh("stale")).block(TIMEOUT);
		store.saveToken("refreshable", TestTokens.expiredWithRefresh("refreshable")).block(TIMEOUT);
		assertThat(store.serverNames().collectList().block(TIMEOUT)).containsExactly("fresh", "refreshable");
		assertThat(store.loadToken("stale").blockOptional(TIMEOUT)).isEmpty();
	}

	@Test
	void hasValidTokenWhenExpiredButRefreshableThenTrue() throws Exception {
		TokenStore store = createStore();
		store.saveToken("refreshable", TestTokens.expiredWithRefresh("refreshable")).block(TIMEOUT);
		assertThat(store.hasValidToken("refreshable", TestTokens.CLOCK, OAuthToken.DEFAULT_CLOCK_SKEW).block(TIMEOUT))
			.isTrue();
		assertThat(store.hasValidToken("missing", TestTokens.CLOCK, OAuthToken.DEFAULT_CLOCK_SKEW).block(TIMEOUT))
			.isFalse();
	}

	@Test
	void toStringWhenTokensStoredThenShowsNoSecret() throws Exception {
		TokenStore store = createStore();
		store.saveToken("alpha", TestTokens.token("alpha")).block(TIMEOUT);
		assertThat(store.toString()).doesNotContain("SECRET");
	}

}
