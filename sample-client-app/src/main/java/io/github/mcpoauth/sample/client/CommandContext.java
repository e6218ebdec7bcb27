package io.github.mcpoauth.sample.client;

import java.util.function.Function;

import io.github.mcpoauth.client.McpOAuthClient;
import io.github.mcpoauth.core.McpServerDefinition;
import io.github.mcpoauth.registration.ClientRegistrationStore;
import io.github.mcpoauth.store.TokenKey;
import io.github.mcpoauth.store.TokenStore;
import io.github.mcpoauth.token.OAuthToken;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.util.Assert;

/**
 * What the commands work with: the known servers, the engine with its token store, and MCP
 * sessions. Each is created when a command first asks for it, so that a command opens only
 * what it needs (usage help and usage errors open no token store). The command line acts
 * for one user: its tokens are the {@link TokenKey#DEFAULT_PRINCIPAL default principal}'s.
 */
final class CommandContext {

	private final ObjectProvider<CliServers> servers;

	private final ObjectProvider<McpOAuthClient> client;

	private final ObjectProvider<ClientRegistrationStore> registrations;

	private final ObjectProvider<McpSessions> sessions;

	CommandContext(ObjectProvider<CliServers> servers, ObjectProvider<McpOAuthClient> client,
			ObjectProvider<ClientRegistrationStore> registrations, ObjectProvider<McpSessions> sessions) {
		Assert.notNull(servers, "servers cannot be null");
		Assert.notNull(client, "client cannot be null");
		Assert.notNull(registrations, "registrations cannot be null");
		Assert.notNull(sessions, "sessions cannot be null");
		this.servers = servers;
		this.client = client;
		this.registrations = registrations;
		this.sessions = sessions;
	}

	CliServers servers() {
		return this.servers.getObject();
	}

	/**
	 * @return the engine
	 */
	McpOAuthClient client() {
		return this.client.getObject();
	}

	TokenStore tokenStore() {
		return client().tokenStore();
	}

	/**
	 * @return where client registrations (and a client secret given to {@code auth}) are
	 * kept: the same store as the tokens
	 */
	ClientRegistrationStore registrationStore() {
		return this.registrations.getObject();
	}

	/**
	 * Looks a server up as far as it is known, reading the token store only.
	 * @param name a server name
	 * @return the server's definition (if it is configured or was authorized before) and
	 * its stored token (if any)
	 */
	StoredServer stored(String name) {
		McpServerDefinition definition = servers().find(name).orElse(null);
		return new StoredServer(name, definition, tokenStore().loadToken(TokenKey.of(name)).block());
	}

	/**
	 * Opens an initialized MCP session with a server, runs the work in it and closes it.
	 * @param server the server
	 * @param work what to do in the session
	 * @param <T> the result type
	 * @return the work's result
	 * @throws CommandFailure when the session fails
	 */
	<T> T session(McpServerDefinition server, Function<McpSessions.Session, T> work) {
		return this.sessions.getObject().run(server, work);
	}

	/**
	 * A server by name, as far as the command line knows it.
	 *
	 * @param name the server name
	 * @param definition the server, if it is configured or was authorized before
	 * @param token the stored token, if any
	 */
	record StoredServer(String name, @Nullable McpServerDefinition definition, @Nullable OAuthToken token) {

		/**
		 * @return the server's URL, else the resource of its token, else {@code -}
		 */
		String url() {
			if (this.definition != null) {
				return this.definition.url().toString();
			}
			return (this.token != null) ? this.token.resource() : "-";
		}

	}

}
