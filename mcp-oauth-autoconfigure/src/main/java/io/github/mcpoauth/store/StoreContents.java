package io.github.mcpoauth.store;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import io.github.mcpoauth.registration.OAuthClientRegistration;
import io.github.mcpoauth.token.OAuthToken;
import org.jspecify.annotations.Nullable;

/**
 * Everything one encrypted store file holds: tokens by server name and registrations by
 * server name and issuer. Mutable, and only ever used by one thread: it is read, changed
 * and written back under the store's lock.
 */
final class StoreContents {

	private final Map<String, OAuthToken> tokens = new TreeMap<>();

	private final Map<String, Map<String, OAuthClientRegistration>> registrations = new TreeMap<>();

	Map<String, OAuthToken> tokens() {
		return this.tokens;
	}

	Map<String, Map<String, OAuthClientRegistration>> registrations() {
		return this.registrations;
	}

	@Nullable OAuthClientRegistration registration(String serverName, String issuer) {
		Map<String, OAuthClientRegistration> byIssuer = this.registrations.get(serverName);
		return (byIssuer != null) ? byIssuer.get(issuer) : null;
	}

	void putRegistration(String serverName, OAuthClientRegistration registration) {
		this.registrations.computeIfAbsent(serverName, (key) -> new TreeMap<>())
			.put(registration.issuer(), registration);
	}

	boolean removeRegistration(String serverName, String issuer) {
		Map<String, OAuthClientRegistration> byIssuer = this.registrations.get(serverName);
		if (byIssuer == null || byIssuer.remove(issuer) == null) {
			return false;
		}
		if (byIssuer.isEmpty()) {
			this.registrations.remove(serverName);
		}
		return true;
	}

	/**
	 * Drops the tokens that can no longer be used: expired and without a refresh token.
	 * @param clock the clock
	 * @return whether anything was dropped
	 */
	boolean purgeExpired(Clock clock) {
		return this.tokens.values().removeIf((token) -> isPurgeable(token, clock));
	}

	static boolean isPurgeable(OAuthToken token, Clock clock) {
		return token.isExpired(clock, Duration.ZERO) && !token.hasRefreshToken();
	}

	@Override
	public String toString() {
		return "StoreContents[tokens=" + this.tokens.keySet() + ", registrations=" + this.registrations.keySet()
				+ "]";
	}

}
