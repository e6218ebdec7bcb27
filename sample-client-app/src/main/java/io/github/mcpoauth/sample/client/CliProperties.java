package io.github.mcpoauth.sample.client;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the command line itself, under {@code cli}.
 *
 * @param serversFile the file of the server profiles (URL, client id, scopes: nothing
 * secret). Defaults to servers.json in the token store directory
 * ({@code mcp.oauth.storage.file.directory}, ~/.mcp-oauth)
 */
@ConfigurationProperties(CliProperties.PREFIX)
record CliProperties(@Nullable Path serversFile) {

	/** The prefix of the command line's own properties. */
	static final String PREFIX = "cli";

	/** The file name of the server profiles in the token store directory. */
	static final String DEFAULT_SERVERS_FILE_NAME = "servers.json";

}
