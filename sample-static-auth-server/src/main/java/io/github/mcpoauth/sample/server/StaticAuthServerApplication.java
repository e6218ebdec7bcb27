package io.github.mcpoauth.sample.server;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.ZoneId;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.server.ConfigurableWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;

/**
 * A sample MCP server protected by Spring Authorization Server, with a statically
 * registered client, on one port: the authorization server, the login page, the
 * protected-resource metadata and the MCP Streamable HTTP endpoint.
 */
@SpringBootApplication(proxyBeanMethods = false)
@EnableConfigurationProperties(StaticServerProperties.class)
public class StaticAuthServerApplication {

	/**
	 * Starts the server.
	 * @param args command-line flags, see {@link StaticServerArguments#USAGE}
	 */
	public static void main(String[] args) {
		if (StaticServerArguments.isHelpRequested(args)) {
			System.out.print(StaticServerArguments.USAGE);
			return;
		}
		SpringApplication application = new SpringApplication(StaticAuthServerApplication.class);
		application.addInitializers(new ServerRoleInitializer());
		application.run(StaticServerArguments.toSpringArguments(args, System.getenv()));
	}

	/**
	 * Binds the web server to {@code mcp.static.port} and {@code mcp.static.host}.
	 * @param properties the server properties
	 * @return the customizer
	 */
	@Bean
	WebServerFactoryCustomizer<ConfigurableWebServerFactory> staticServerPortCustomizer(
			StaticServerProperties properties) {
		return (factory) -> {
			factory.setPort(properties.port());
			factory.setAddress(address(properties.host()));
		};
	}

	private static InetAddress address(String host) {
		try {
			return InetAddress.getByName(host);
		}
		catch (UnknownHostException ex) {
			throw new IllegalArgumentException(
					StaticServerProperties.CONFIG_PREFIX + ".host is not a known address: " + host, ex);
		}
	}

	/**
	 * The clock of the {@code get_time} tool: UTC, which the tool reports as its time
	 * zone.
	 * @return the clock
	 */
	@Bean
	Clock clock() {
		return Clock.system(ZoneId.of("UTC"));
	}

	/**
	 * The base-URL resolver shared by the authorization server and the protected
	 * resource.
	 * @param properties the server properties
	 * @return the resolver
	 */
	@Bean
	ServerBaseUrl serverBaseUrl(StaticServerProperties properties) {
		return new ServerBaseUrl(properties.publicUrl());
	}

	/**
	 * Logs where the server listens and warns about published default credentials.
	 * @param properties the server properties
	 * @return the listener
	 */
	@Bean
	StartupReport startupReport(StaticServerProperties properties) {
		return new StartupReport(properties);
	}

}
