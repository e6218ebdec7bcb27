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

package io.github.mcpoauth.sample.client;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.Supplier;

import io.github.mcpoauth.autoconfigure.McpOAuthProperties;
import io.github.mcpoauth.autoconfigure.McpOAuthPropertiesMapper;
import io.github.mcpoauth.client.McpOAuthClient;
import io.github.mcpoauth.core.McpServerRegistry;
import io.github.mcpoauth.core.McpServerDefinition;
import io.github.mcpoauth.registration.ClientRegistrationStore;
import io.github.mcpoauth.store.McpOAuthStore;
import io.github.mcpoauth.store.TokenKey;
import io.github.mcpoauth.store.TokenStore;
import io.github.mcpoauth.store.TokenStores;
import io.github.mcpoauth.token.OAuthToken;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.util.Assert;

/**
 * What the commands work with: the known servers, the token store, the engine and MCP
 * sessions. Nothing is started before a command runs, so usage help, the version and
 * usage errors answer at once. Then {@link #start(Object)} opens what the command needs:
 * a {@link StoreCommand} (list, get, clear) only the Spring Boot environment (see
 * {@link CliEnvironment}), the {@code mcp.oauth} and {@code cli} properties and the token
 * store; every other command the application context, whose beans are created when the
 * command first asks for them. The command line acts for one user: its tokens are the
 * {@link TokenKey#DEFAULT_PRINCIPAL default principal}'s.
 */
final class CommandContext implements AutoCloseable {

	private final Supplier<SpringApplication> application;

	private final String[] arguments;

	private @Nullable Runtime runtime;

	/**
	 * @param application creates the application the commands run in (only its
	 * environment for a {@link StoreCommand})
	 * @param arguments its arguments ({@code --name=value} Spring Boot properties)
	 */
	CommandContext(Supplier<SpringApplication> application, String[] arguments) {
		Assert.notNull(application, "application cannot be null");
		Assert.notNull(arguments, "arguments cannot be null");
		this.application = application;
		this.arguments = arguments.clone();
	}

	/**
	 * Opens what a command needs, before it runs.
	 * @param command the command about to run
	 */
	void start(Object command) {
		Assert.state(this.runtime == null, "The command context is already started");
		SpringApplication springApplication = this.application.get();
		this.runtime = (command instanceof StoreCommand) ? StoreRuntime.open(springApplication, this.arguments)
				: new ApplicationRuntime(springApplication.run(this.arguments));
	}

	private Runtime runtime() {
		Runtime current = this.runtime;
		Assert.state(current != null, "The command context is not started");
		return current;
	}

	CliServers servers() {
		return runtime().servers();
	}

	TokenStore tokenStore() {
		return runtime().tokenStore();
	}

	McpOAuthProperties properties() {
		return runtime().properties();
	}

	/**
	 * @return the clock that tells whether a token has expired (the engine's)
	 */
	Clock clock() {
		return runtime().clock();
	}

	/**
	 * @return how long before its expiry a token counts as expired (the engine's)
	 */
	Duration clockSkew() {
		return runtime().clockSkew();
	}

	/**
	 * @return the engine (not for a {@link StoreCommand})
	 */
	McpOAuthClient client() {
		return runtime().bean(McpOAuthClient.class);
	}

	/**
	 * @return the registry of the known servers (not for a {@link StoreCommand})
	 */
	McpServerRegistry registry() {
		return runtime().bean(McpServerRegistry.class);
	}

	/**
	 * @param <T> the bean type
	 * @param type the bean type
	 * @return the application's bean of that type (not for a {@link StoreCommand})
	 */
	<T> T bean(Class<T> type) {
		return runtime().bean(type);
	}

	/**
	 * @param <T> the bean type
	 * @param type the bean type
	 * @return the application's bean of that type, or {@code null} when it has none (or
	 * for a {@link StoreCommand})
	 */
	<T> @Nullable T beanIfAvailable(Class<T> type) {
		return (runtime() instanceof ApplicationRuntime application)
				? application.context().getBeanProvider(type).getIfAvailable() : null;
	}

	/**
	 * @return the {@code --name=value} arguments the application was started with
	 */
	String[] arguments() {
		return this.arguments.clone();
	}

	/**
	 * @return the user agent that only {@code auth} enables (not for a {@link StoreCommand})
	 */
	CommandLineUserAgent userAgent() {
		return runtime().bean(CommandLineUserAgent.class);
	}

	/**
	 * @return where client registrations (and a client secret given to {@code auth}) are
	 * kept: the same store as the tokens
	 */
	ClientRegistrationStore registrationStore() {
		return runtime().registrationStore();
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
		return runtime().bean(McpSessions.class).run(server, work);
	}

	@Override
	public void close() {
		Runtime current = this.runtime;
		this.runtime = null;
		if (current != null) {
			current.close();
		}
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

	/**
	 * What a command runs on.
	 */
	private interface Runtime extends AutoCloseable {

		CliServers servers();

		TokenStore tokenStore();

		ClientRegistrationStore registrationStore();

		McpOAuthProperties properties();

		Clock clock();

		Duration clockSkew();

		<T> T bean(Class<T> type);

		@Override
		void close();

	}

	/**
	 * The application context: every bean, created on first use.
	 */
	private record ApplicationRuntime(ConfigurableApplicationContext context) implements Runtime {

		@Override
		public CliServers servers() {
			return bean(CliServers.class);
		}

		@Override
		public TokenStore tokenStore() {
			return bean(McpOAuthClient.class).tokenStore();
		}

		@Override
		public ClientRegistrationStore registrationStore() {
			return bean(McpOAuthClient.class).clientRegistrationStore();
		}

		@Override
		public McpOAuthProperties properties() {
			return bean(McpOAuthProperties.class);
		}

		@Override
		public Clock clock() {
			return bean(McpOAuthClient.class).clock();
		}

		@Override
		public Duration clockSkew() {
			return bean(McpOAuthClient.class).clockSkew();
		}

		@Override
		public <T> T bean(Class<T> type) {
			return this.context.getBean(type);
		}

		@Override
		public void close() {
			this.context.close();
		}

	}

	/**
	 * The Spring Boot environment, the properties bound from it and the token store built
	 * from them as the auto-configuration builds it: all that a {@link StoreCommand} needs,
	 * in a fraction of the time the application context takes to start.
	 */
	private static final class StoreRuntime implements Runtime {

		private final McpOAuthProperties properties;

		private final CliServers servers;

		private @Nullable McpOAuthStore store;

		private StoreRuntime(McpOAuthProperties properties, CliServers servers) {
			this.properties = properties;
			this.servers = servers;
		}

		static StoreRuntime open(SpringApplication application, String[] arguments) {
			ConfigurableEnvironment environment = CliEnvironment.prepare(application, arguments);
			Binder binder = Binder.get(environment);
			McpOAuthProperties properties = binder.bindOrCreate(McpOAuthProperties.CONFIG_PREFIX,
					McpOAuthProperties.class);
			properties.validate();
			CliProperties cli = binder.bindOrCreate(CliProperties.PREFIX, CliProperties.class);
			ServerProfiles profiles = ServerProfiles.of(cli, properties);
			return new StoreRuntime(properties, CliServers.of(profiles, properties));
		}

		@Override
		public CliServers servers() {
			return this.servers;
		}

		@Override
		public TokenStore tokenStore() {
			return store();
		}

		/**
		 * The same store as the tokens', as the auto-configuration keeps them.
		 */
		@Override
		public ClientRegistrationStore registrationStore() {
			return store();
		}

		private synchronized McpOAuthStore store() {
			if (this.store == null) {
				this.store = TokenStores.create(new McpOAuthPropertiesMapper(this.properties).asTokenStoreSettings());
			}
			return this.store;
		}

		@Override
		public McpOAuthProperties properties() {
			return this.properties;
		}

		/**
		 * The engine's default clock, which the auto-configuration keeps.
		 */
		@Override
		public Clock clock() {
			return Clock.systemUTC();
		}

		@Override
		public Duration clockSkew() {
			return this.properties.getClockSkew();
		}

		@Override
		public <T> T bean(Class<T> type) {
			throw new IllegalStateException(type.getSimpleName() + " is not available to list, get and clear");
		}

		@Override
		public synchronized void close() {
			if (this.store instanceof AutoCloseable closeable) {
				try {
					closeable.close();
				}
				catch (Exception ex) {
					// the command has finished: every write completed before it did
				}
			}
		}

	}

}
