package io.github.mcpoauth.store;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.mcpoauth.registration.OAuthClientRegistration;
import io.github.mcpoauth.token.OAuthToken;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.util.Assert;

/**
 * A {@link TokenStore} that keeps everything in memory: nothing survives a restart.
 * Non-blocking, suitable for tests and for short-lived processes. Tokens that are expired
 * and have no refresh token are dropped when they are loaded or listed.
 */
public final class InMemoryTokenStore implements TokenStore {

	private final Map<String, OAuthToken> tokens = new ConcurrentHashMap<>();

	private final Map<String, OAuthClientRegistration> registrations = new ConcurrentHashMap<>();

	private final Clock clock;

	public InMemoryTokenStore() {
		this(Clock.systemUTC());
	}

	/**
	 * @param clock the clock used to drop expired tokens
	 */
	public InMemoryTokenStore(Clock clock) {
		Assert.notNull(clock, "clock cannot be null");
		this.clock = clock;
	}

	@Override
	public Mono<Void> saveToken(String serverName, OAuthToken token) {
		return Mono.fromRunnable(() -> this.tokens.put(serverName, token));
	}

	@Override
	public Mono<OAuthToken> loadToken(String serverName) {
		return Mono.fromSupplier(() -> {
			OAuthToken token = this.tokens.get(serverName);
			if (token != null && StoreContents.isPurgeable(token, this.clock)) {
				this.tokens.remove(serverName, token);
				return null;
			}
			return token;
		});
	}

	@Override
	public Mono<Boolean> deleteToken(String serverName) {
		return Mono.fromSupplier(() -> this.tokens.remove(serverName) != null);
	}

	@Override
	public Mono<Void> saveRegistration(String serverName, OAuthClientRegistration registration) {
		return Mono.fromRunnable(() -> this.registrations.put(key(serverName, registration.issuer()), registration));
	}

	@Override
	public Mono<OAuthClientRegistration> loadRegistration(String serverName, String issuer) {
		return Mono.fromSupplier(() -> this.registrations.get(key(serverName, issuer)));
	}

	@Override
	public Mono<Boolean> deleteRegistration(String serverName, String issuer) {
		return Mono.fromSupplier(() -> this.registrations.remove(key(serverName, issuer)) != null);
	}

	@Override
	public Flux<String> serverNames() {
		return Flux.defer(() -> {
			this.tokens.entrySet().removeIf((entry) -> StoreContents.isPurgeable(entry.getValue(), this.clock));
			return Flux.fromIterable(this.tokens.keySet().stream().sorted().toList());
		});
	}

	@Override
	public String backendName() {
		return "memory";
	}

	private static String key(String serverName, String issuer) {
		return serverName + '\n' + issuer;
	}

}
