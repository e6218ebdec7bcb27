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

package io.github.mcpoauth.sample.server;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.Banner;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.util.Assert;

/**
 * Starts and stops the sample server in-process, for integration tests of this and other
 * modules.
 *
 * <pre>
 * try (StaticAuthServer server = StaticAuthServer.start("--port=0")) {
 *     String mcp = server.mcpUrl(); // http://127.0.0.1:PORT/mcp
 *     JwtEncoder encoder = server.context().getBean(JwtEncoder.class); // to mint test tokens
 * }
 * </pre>
 *
 * The arguments are the server's command-line flags ({@code --port 0} or
 * {@code --port=0}, see {@link StaticServerArguments#USAGE}); {@code MCP_STATIC_*}
 * environment variables apply as for the command line, flags win. The launcher does not
 * read {@code application.yml}, only the defaults of {@code sample-static-auth-server.yml}
 * (see {@link #CONFIG_NAME}). The server's own beans are
 * plain auto-configured Spring Boot: auto-configurations of the calling module's
 * classpath apply to it too.
 * <p>
 * The MCP endpoint accepts only access tokens that the {@code OAuth2AuthorizationService}
 * bean holds as active: a token minted with the {@code JwtEncoder} must be saved there as
 * an {@code OAuth2Authorization} to be accepted, and a token revoked at {@code /revoke}
 * is refused.
 */
public final class StaticAuthServer implements AutoCloseable {

	/**
	 * The configuration file name the launcher reads instead of {@code application}: the
	 * server's defaults ({@code sample-static-auth-server.yml} in its jar) and, if any, a
	 * {@code sample-static-auth-server.yml} or {@code .properties} of the caller, so that
	 * the {@code application.yml} of the module running the tests does not configure this
	 * server.
	 */
	public static final String CONFIG_NAME = "sample-static-auth-server";

	private final ConfigurableApplicationContext context;

	private StaticAuthServer(ConfigurableApplicationContext context) {
		this.context = context;
	}

	/**
	 * Starts a server and waits until it listens.
	 * @param args the server's command-line flags; tests pass {@code --port=0}
	 * @return the running server
	 */
	public static StaticAuthServer start(String... args) {
		return start(null, args);
	}

	/**
	 * Starts a server in a prepared environment, such as one with {@code MCP_STATIC_*}
	 * variables of its own.
	 * @param environment the environment, or {@code null} for the process's
	 * @param args the server's command-line flags
	 * @return the running server
	 */
	static StaticAuthServer start(@Nullable ConfigurableEnvironment environment, String... args) {
		Assert.notNull(args, "args cannot be null");
		// @formatter:off
		SpringApplicationBuilder application = StaticAuthServerApplication.application()
			.bannerMode(Banner.Mode.OFF)
			// not application.yml: the host module's own configuration must not leak in
			.properties("spring.config.name=" + CONFIG_NAME,
					// the host module may have the mcp-oauth client starter on its classpath; this server
					// is no MCP client, so its auto-configuration (and token store) stays off
					"mcp.oauth.enabled=false");
		// @formatter:on
		if (environment != null) {
			application.environment(environment);
		}
		return new StaticAuthServer(application.run(StaticServerArguments.toSpringArguments(args)));
	}

	/**
	 * The port the server listens on.
	 * @return the actual port (also when started with port 0)
	 */
	public int port() {
		return Objects.requireNonNull(((WebServerApplicationContext) this.context).getWebServer()).getPort();
	}

	/**
	 * The local base URL of the server: {@code http://127.0.0.1:PORT} (or the configured
	 * host when it is a specific non-loopback address). This is the issuer of tokens
	 * obtained through it, unless {@code --public-url} fixes another one.
	 * @return the base URL, without trailing slash
	 */
	public String baseUrl() {
		String host = this.context.getEnvironment().getProperty("server.address", "127.0.0.1");
		return "http://" + displayHost(host) + ":" + port();
	}

	/**
	 * The URL of the MCP endpoint, which is also the RFC 8707 resource indicator and the
	 * audience of tokens obtained through {@link #baseUrl()}.
	 * @return {@code baseUrl() + "/mcp"}
	 */
	public String mcpUrl() {
		return ServerBaseUrl.mcpResource(baseUrl());
	}

	/**
	 * The application context, to look up beans such as the {@code JwtEncoder} that signs
	 * this server's tokens.
	 * @return the running context
	 */
	public ConfigurableApplicationContext context() {
		return this.context;
	}

	/**
	 * Stops the server.
	 */
	@Override
	public void close() {
		this.context.close();
	}

	static String displayHost(String host) {
		try {
			InetAddress address = InetAddress.getByName(host);
			if (address.isAnyLocalAddress() || (address.isLoopbackAddress() && address instanceof Inet4Address)) {
				return "127.0.0.1";
			}
			String literal = address.getHostAddress();
			return (literal.indexOf(':') >= 0) ? "[" + literal + "]" : literal;
		}
		catch (UnknownHostException ex) {
			return host;
		}
	}

}
