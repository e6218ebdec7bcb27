package io.github.mcpoauth.sample.server;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * Translates the server's own command-line flags and {@code MCP_STATIC_*} environment
 * variables into Spring Boot {@code --mcp.static.name=value} arguments.
 * <p>
 * Spring Boot reads {@code --name=value} only; the server this sample reproduces is
 * started with {@code --port 9003} (two words), so both forms are accepted here. A flag
 * wins over its environment variable, which wins over {@code application.yml}. Arguments
 * that are not flags of this server (for example {@code --spring.main.banner-mode=off})
 * are passed through unchanged.
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
	 * Translates command-line flags and environment variables into Spring Boot arguments.
	 * @param args the command-line arguments, in either {@code --name value} or
	 * {@code --name=value} form
	 * @param environment the environment variables (usually {@link System#getenv()})
	 * @return the arguments to hand to {@code SpringApplication.run}
	 * @throws IllegalArgumentException when a flag that needs a value has none
	 */
	public static String[] toSpringArguments(String[] args, Map<String, String> environment) {
		Assert.notNull(args, "args cannot be null");
		Assert.notNull(environment, "environment cannot be null");
		Map<Option, List<String>> fromFlags = new LinkedHashMap<>();
		List<String> passThrough = new ArrayList<>();
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			Optional<Option> option = Option.forArgument(arg);
			if (option.isEmpty()) {
				passThrough.add(arg);
				continue;
			}
			Option flag = option.get();
			int equals = arg.indexOf('=');
			String value;
			if (equals >= 0) {
				value = arg.substring(equals + 1);
			}
			else if (flag.isSwitch()) {
				value = "true";
			}
			else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
				value = args[++i];
			}
			else {
				throw new IllegalArgumentException("--" + flag.flag + " needs a value (--" + flag.flag + " <value>)");
			}
			List<String> values = fromFlags.computeIfAbsent(flag, (key) -> new ArrayList<>());
			if (!flag.isRepeatable()) {
				values.clear();
			}
			values.add(value);
		}
		List<String> springArgs = new ArrayList<>();
		Map<Option, List<String>> given = new LinkedHashMap<>();
		for (Option option : Option.values()) {
			List<String> values = fromFlags.get(option);
			if (values == null) {
				values = fromEnvironment(option, environment.get(option.environmentVariable));
			}
			given.put(option, values);
			if (option.isRepeatable()) {
				for (int i = 0; i < values.size(); i++) {
					springArgs.add("--" + PREFIX + option.property + "[" + i + "]=" + values.get(i));
				}
			}
			else if (!values.isEmpty()) {
				springArgs.add("--" + PREFIX + option.property + "=" + values.get(0));
			}
		}
		springArgs.addAll(roleDefaults(given));
		springArgs.addAll(passThrough);
		return springArgs.toArray(String[]::new);
	}

	/**
	 * The defaults a role brings when the flags do not say otherwise: its port, and open
	 * registration for the authorization server.
	 */
	private static List<String> roleDefaults(Map<Option, List<String>> given) {
		List<String> roleValue = given.getOrDefault(Option.ROLE, List.of());
		if (roleValue.isEmpty()) {
			return List.of();
		}
		ServerRole role = ServerRole.of(roleValue.get(0));
		List<String> defaults = new ArrayList<>();
		if (given.getOrDefault(Option.PORT, List.of()).isEmpty()) {
			defaults.add("--" + PREFIX + Option.PORT.property + "=" + role.defaultPort());
		}
		if (role == ServerRole.AUTHORIZATION_SERVER && given.getOrDefault(Option.DYNAMIC_REGISTRATION, List.of()).isEmpty()) {
			defaults.add("--" + PREFIX + Option.DYNAMIC_REGISTRATION.property + "=true");
		}
		return defaults;
	}

	private static List<String> fromEnvironment(Option option, @Nullable String value) {
		if (!StringUtils.hasText(value)) {
			return List.of();
		}
		if (option.isRepeatable()) {
			return Arrays.stream(value.split(",")).map(String::strip).filter(StringUtils::hasText).toList();
		}
		return List.of(value.strip());
	}

	/**
	 * The flags of this server, their property and their environment variable.
	 */
	enum Option {

		PORT("port", "port"),

		HOST("host", "host"),

		CLIENT_ID("client-id", "client-id"),

		CLIENT_SECRET("client-secret", "client-secret"),

		USERNAME("username", "username"),

		PASSWORD("password", "password"),

		ACCESS_TOKEN_TTL("access-token-ttl", "access-token-ttl"),

		REDIRECT_URI("redirect-uri", "redirect-uris"),

		DYNAMIC_REGISTRATION("dynamic-registration", "dynamic-registration"),

		PUBLIC_URL("public-url", "public-url"),

		DATABASE_URL("database-url", "database-url"),

		DATABASE_USERNAME("database-username", "database-username"),

		DATABASE_PASSWORD("database-password", "database-password"),

		SIGNING_KEY("signing-key", "signing-key"),

		ROLE("role", "role"),

		ISSUER("issuer", "issuer"),

		RESOURCE("resource", "resources"),

		WEATHER_API_URL("weather-api-url", "weather.base-url", "MCP_STATIC_WEATHER_API_URL");

		private final String flag;

		private final String property;

		private final String environmentVariable;

		Option(String flag, String property) {
			this(flag, property, "MCP_STATIC_" + property.replace('-', '_').toUpperCase(Locale.ROOT));
		}

		Option(String flag, String property, String environmentVariable) {
			this.flag = flag;
			this.property = property;
			this.environmentVariable = environmentVariable;
		}

		boolean isSwitch() {
			return this == DYNAMIC_REGISTRATION;
		}

		boolean isRepeatable() {
			return this == REDIRECT_URI || this == RESOURCE;
		}

		static Optional<Option> forArgument(String arg) {
			if (!arg.startsWith("--")) {
				return Optional.empty();
			}
			int equals = arg.indexOf('=');
			String name = (equals >= 0) ? arg.substring(2, equals) : arg.substring(2);
			return Arrays.stream(values()).filter((option) -> option.flag.equals(name)).findFirst();
		}

	}

}
