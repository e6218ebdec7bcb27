package io.github.mcpoauth.store;

import java.time.Clock;
import java.time.Duration;

import io.github.mcpoauth.registration.OAuthClientRegistration;
import io.github.mcpoauth.token.OAuthToken;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Keeps tokens (per MCP server name) and client registrations (per MCP server name and
 * authorization-server issuer) across restarts.
 *
 * <p>Implementations that do blocking I/O (files, the OS keychain, Vault) subscribe on
 * {@code Schedulers.boundedElastic()} so callers on an event-loop thread are never
 * blocked. A failed write leaves what was stored before intact. A token that is expired
 * and has no refresh token can never be used again: implementations drop it when they
 * load or list it.
 */
public interface TokenStore {

	/**
	 * Stores the token for a server, replacing any earlier one.
	 * @param serverName the configured name of the MCP server
	 * @param token the token
	 * @return completion
	 */
	Mono<Void> saveToken(String serverName, OAuthToken token);

	/**
	 * @param serverName the configured name of the MCP server
	 * @return the stored token, or empty
	 */
	Mono<OAuthToken> loadToken(String serverName);

	/**
	 * @param serverName the configured name of the MCP server
	 * @return whether a token was removed
	 */
	Mono<Boolean> deleteToken(String serverName);

	/**
	 * Stores a client registration under its issuer.
	 * @param serverName the configured name of the MCP server
	 * @param registration the registration
	 * @return completion
	 */
	Mono<Void> saveRegistration(String serverName, OAuthClientRegistration registration);

	/**
	 * @param serverName the configured name of the MCP server
	 * @param issuer the authorization-server issuer
	 * @return the registration for exactly that issuer, or empty
	 */
	Mono<OAuthClientRegistration> loadRegistration(String serverName, String issuer);

	/**
	 * @param serverName the configured name of the MCP server
	 * @param issuer the authorization-server issuer
	 * @return whether a registration was removed
	 */
	Mono<Boolean> deleteRegistration(String serverName, String issuer);

	/**
	 * @return the names of the servers that have a stored token
	 */
	Flux<String> serverNames();

	/**
	 * Whether a token is stored for the server that is not expired, or that can be refreshed.
	 * @param serverName the configured name of the MCP server
	 * @param clock the clock
	 * @param clockSkew the margin before expiry
	 * @return {@code true} when the stored token can still be used
	 */
	default Mono<Boolean> hasValidToken(String serverName, Clock clock, Duration clockSkew) {
		return loadToken(serverName).map((token) -> !token.isExpired(clock, clockSkew) || token.hasRefreshToken())
			.defaultIfEmpty(false);
	}

	/**
	 * A short name for the backend, shown to users ("memory", "encrypted-file", ...).
	 * @return the backend name
	 */
	String backendName();

}
