package io.github.mcpoauth.sample.client;

import java.nio.file.Path;

import io.github.mcpoauth.autoconfigure.McpOAuthProperties;
import io.github.mcpoauth.client.McpOAuthClient;
import io.github.mcpoauth.core.McpServerRegistry;
import io.github.mcpoauth.handler.McpOAuthHandler;
import io.github.mcpoauth.registration.ClientRegistrationStore;
import io.github.mcpoauth.store.TokenStoreSettings;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The beans the command line puts in place of the auto-configured ones: a server registry
 * that also holds the servers authorized from the command line, and a user agent that
 * only the {@code auth} command may use. Every bean is created on first use
 * ({@code spring.main.lazy-initialization}), so a command that needs no token store never
 * opens one.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CliProperties.class)
class CliConfiguration {

	@Bean
	ServerProfiles serverProfiles(CliProperties cli, McpOAuthProperties properties) {
		Path file = cli.serversFile();
		if (file == null) {
			Path directory = properties.getStorage().getFile().getDirectory();
			file = ((directory != null) ? directory : TokenStoreSettings.FileSettings.DEFAULT_DIRECTORY)
				.resolve(CliProperties.DEFAULT_SERVERS_FILE_NAME);
		}
		return new ServerProfiles(file);
	}

	/**
	 * The servers of {@code mcp.oauth.servers}, and those authorized from the command line
	 * (the configuration wins where both name a server).
	 */
	@Bean
	McpServerRegistry mcpServerRegistry(McpOAuthProperties properties, ServerProfiles profiles) {
		McpServerRegistry registry = new McpServerRegistry();
		profiles.load().forEach((name, profile) -> registry.register(profile.toDefinition(name)));
		properties.serverDefinitions().forEach(registry::register);
		return registry;
	}

	@Bean
	CliServers cliServers(McpServerRegistry mcpServerRegistry, ServerProfiles serverProfiles,
			McpOAuthProperties properties) {
		return new CliServers(mcpServerRegistry, serverProfiles, properties);
	}

	@Bean
	McpSessions mcpSessions(McpOAuthHandler mcpOAuthHandler) {
		return new McpSessions(mcpOAuthHandler);
	}

	@Bean
	CommandContext commandContext(ObjectProvider<CliServers> cliServers, ObjectProvider<McpOAuthClient> mcpOAuthClient,
			ObjectProvider<ClientRegistrationStore> registrationStore, ObjectProvider<McpSessions> mcpSessions) {
		return new CommandContext(cliServers, mcpOAuthClient, registrationStore, mcpSessions);
	}

	@Bean
	CommandLineUserAgent commandLineUserAgent(McpOAuthProperties properties) {
		return new CommandLineUserAgent(properties.getUserAgent());
	}

}
