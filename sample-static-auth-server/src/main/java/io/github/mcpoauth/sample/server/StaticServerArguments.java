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

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.util.Assert;

/**
 * Translates the server's own command-line flags into Spring Boot
 * {@code --mcp.static.name=value} arguments: {@code --port 9003} becomes
 * {@code --mcp.static.port=9003}.
 * <p>
 * Spring Boot reads {@code --name=value} only; the server this sample reproduces is
 * started with {@code --port 9003} (two words), so both forms are accepted here. The
 * {@code MCP_STATIC_*} environment variables need no translation: Spring Boot binds
 * {@code MCP_STATIC_CLIENT_ID} to {@code mcp.static.client-id} itself (a comma-separated
 * value to a list), and a command-line argument wins over it. Arguments that are not flags
 * of this server (for example {@code --spring.main.banner-mode=off}) are passed through
 * unchanged, after the flags.
 */
public final class StaticServerArguments {

	/**
	 * The usage text printed by {@code --help}.
	 */
	public static final String USAGE = """
			Usage: sample-static-auth-server [options]

			  --port <port>             listening port (MCP_STATIC_PORT, default 9003; 0 = any free port)
			  --host <address>          bind address (MCP_STATIC_HOST, default 127.0.0.1)
			  --client-id <id>          static client id (MCP_STATIC_CLIENT_ID, default static-mcp-client-001)
			  --client-secret <secret>  static client secret (MCP_STATIC_CLIENT_SECRET, default: the published demo secret)
			  --username <name>         demo login user (MCP_STATIC_USERNAME, default demo)
			  --password <password>     demo login password (MCP_STATIC_PASSWORD, default demo)
			  --access-token-ttl <s>    access-token lifetime in seconds or as 1h, 30m (MCP_STATIC_ACCESS_TOKEN_TTL, default 3600)
			  --redirect-uri <uri>      extra redirect URI for the static client, repeatable (MCP_STATIC_REDIRECT_URIS, comma-separated)
			  --dynamic-registration    open RFC 7591 registration at /register for public clients (MCP_STATIC_DYNAMIC_REGISTRATION)
			  --public-url <url>        fixed external base URL, e.g. https://mcp.example.com (MCP_STATIC_PUBLIC_URL)
			  --database-url <jdbc-url> keep clients and tokens in PostgreSQL, shared by every instance (MCP_STATIC_DATABASE_URL)
			  --database-username <u>   database user (MCP_STATIC_DATABASE_USERNAME)
			  --database-password <p>   database password (MCP_STATIC_DATABASE_PASSWORD; prefer it to the flag)
			  --signing-key <file>      RSA private key (PKCS#8 PEM) that signs tokens, the same on every instance (MCP_STATIC_SIGNING_KEY)
			  --role <role>             combined (default, port 9003), authorization-server (issuer only, open
			                            registration, port 8003) or resource-server (weather MCP server, port 8000)
			                            (MCP_STATIC_ROLE)
			  --issuer <url>            resource-server: the trusted authorization server (MCP_STATIC_ISSUER,
			                            default http://localhost:8003)
			  --resource <url>          authorization-server: a resource it issues tokens for, repeatable
			                            (MCP_STATIC_RESOURCES, comma-separated; default: any http(s) URL)
			  --weather-api-url <url>   resource-server: the NWS API base URL (MCP_STATIC_WEATHER_API_URL,
			                            default https://api.weather.gov)
			  --help                    print this text

			Any other --name=value argument is passed to Spring Boot.
			""";

	private static final String PREFIX = StaticServerProperties.CONFIG_PREFIX + ".";

	/** The flags, each the property {@code mcp.static.<flag>} unless renamed here. */
	private static final Set<String> FLAGS = Set.of("port", "host", "client-id", "client-secret", "username",
			"password", "access-token-ttl", "redirect-uri", "dynamic-registration", "public-url", "database-url",
			"database-username", "database-password", "signing-key", "role", "issuer", "resource", "weather-api-url");

	/** The repeatable flags and their list property. */
	private static final Map<String, String> REPEATABLE = Map.of("redirect-uri", "redirect-uris", "resource",
			"resources");

	/** The flags that need no value. */
	private static final Set<String> SWITCHES = Set.of("dynamic-registration");

	private StaticServerArguments() {
	}

	/**
	 * Whether the arguments ask for the usage text.
	 * @param args the command-line arguments
	 * @return {@code true} when {@code --help} or {@code -h} is present
	 */
	public static boolean isHelpRequested(String... args) {
		return Arrays.stream(args).anyMatch((arg) -> "--help".equals(arg) || "-h".equals(arg));
	}

	/**
	 * Translates command-line flags into Spring Boot arguments.
	 * @param args the command-line arguments, in either {@code --name value} or
	 * {@code --name=value} form
	 * @return the arguments to hand to {@code SpringApplication.run}
	 * @throws IllegalArgumentException when a flag that needs a value has none
	 */
	public static String[] toSpringArguments(String... args) {
		Assert.notNull(args, "args cannot be null");
		Map<String, String> flags = new LinkedHashMap<>();
		Map<String, Integer> repeated = new LinkedHashMap<>();
		List<String> passThrough = new ArrayList<>();
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			int equals = arg.indexOf('=');
			String name = arg.startsWith("--") ? arg.substring(2, (equals >= 0) ? equals : arg.length()) : "";
			if (!FLAGS.contains(name)) {
				passThrough.add(arg);
				continue;
			}
			String value;
			if (equals >= 0) {
				value = arg.substring(equals + 1);
			}
			else if (SWITCHES.contains(name)) {
				value = "true";
			}
			else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
				value = args[++i];
			}
			else {
				throw new IllegalArgumentException("--" + name + " needs a value (--" + name + " <value>)");
			}
			String list = REPEATABLE.get(name);
			if (list != null) {
				int index = repeated.merge(list, 1, Integer::sum) - 1;
				flags.put(list + "[" + index + "]", value);
			}
			else {
				flags.remove(name); // the last one wins, in its place
				flags.put(name, value);
			}
		}
		List<String> springArgs = new ArrayList<>();
		flags.forEach((property, value) -> springArgs.add("--" + PREFIX + property + "=" + value));
		springArgs.addAll(passThrough);
		return springArgs.toArray(String[]::new);
	}

}
