package io.github.mcpoauth.testsupport;

import io.github.mcpoauth.registration.OAuthClientRegistration;
import io.github.mcpoauth.store.TokenStore;
import io.github.mcpoauth.token.OAuthToken;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.util.Assert;

/**
 * A {@link TokenStore} that hands every call to another store, for tests that change one
 * operation (hold a read back, fail a write) and override only that.
 */
public abstract class DelegatingTokenStore implements TokenStore {

	private final TokenStore delegate;

	protected DelegatingTokenStore(TokenStore delegate) {
		Assert.notNull(delegate, "delegate cannot be null");
		this.delegate = delegate;
	}

	@Override
	public Mono<Void> saveToken(String serverName, OAuthToken token) {
		return this.delegate.saveToken(serverName, token);
	}

	@Override
	public Mono<OAuthToken> loadToken(String serverName) {
		return this.delegate.loadToken(serverName);
	}

	@Override
	public Mono<Boolean> deleteToken(String serverName) {
		return this.delegate.deleteToken(serverName);
	}

	@Override
	public Mono<Void> saveRegistration(String serverName, OAuthClientRegistration registration) {
		return this.delegate.saveRegistration(serverName, registration);
	}

	@Override
	public Mono<OAuthClientRegistration> loadRegistration(String serverName, String issuer) {
		return this.delegate.loadRegistration(serverName, issuer);
	}

	@Override
	public Mono<Boolean> deleteRegistration(String serverName, String issuer) {
		return this.delegate.deleteRegistration(serverName, issuer);
	}

	@Override
	public Flux<String> serverNames() {
		return this.delegate.serverNames();
	}

	@Override
	public String backendName() {
		return this.delegate.backendName();
	}

}
