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

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.github.mcpoauth.autoconfigure.McpOAuthProperties;
import io.github.mcpoauth.autoconfigure.McpOAuthPropertiesMapper;
import io.github.mcpoauth.core.McpServerDefinition;
import io.github.mcpoauth.core.McpServerRegistry;

import org.springframework.util.Assert;

/**
 * The servers the command line knows by name: those of {@code mcp.oauth.servers} and those
 * authorized with {@code auth}, whose profiles it keeps in the {@link ServerProfiles} file.
 */
final class CliServers {

	private final McpServerRegistry registry;

	private final ServerProfiles profiles;

	private final McpOAuthProperties properties;

	CliServers(McpServerRegistry registry, ServerProfiles profiles, McpOAuthProperties properties) {
		Assert.notNull(registry, "registry cannot be null");
		Assert.notNull(profiles, "profiles cannot be null");
		Assert.notNull(properties, "properties cannot be null");
		this.registry = registry;
		this.profiles = profiles;
		this.properties = properties;
	}

	/**
	 * The servers of {@code mcp.oauth.servers} and those authorized from the command line
	 * (the configuration wins where both name a server).
	 * @param profiles the profiles of the servers authorized from the command line
	 * @param properties the {@code mcp.oauth} properties
	 * @return the servers
	 */
	static CliServers of(ServerProfiles profiles, McpOAuthProperties properties) {
		return new CliServers(registry(profiles, properties), profiles, properties);
	}

	/**
	 * @param profiles the profiles of the servers authorized from the command line
	 * @param properties the {@code mcp.oauth} properties
	 * @return a registry of the servers of {@code mcp.oauth.servers} and of the profiles
	 */
	static McpServerRegistry registry(ServerProfiles profiles, McpOAuthProperties properties) {
		McpServerRegistry registry = new McpServerRegistry();
		profiles.load().forEach((name, profile) -> registry.register(profile.toDefinition(name)));
		new McpOAuthPropertiesMapper(properties).asServerDefinitions().forEach(registry::register);
		return registry;
	}

	/**
	 * @param name a server name
	 * @return whether the server is defined in {@code mcp.oauth.servers}
	 */
	boolean isConfigured(String name) {
		return this.properties.getServers().containsKey(name);
	}

	Optional<McpServerDefinition> find(String name) {
		return this.registry.find(name);
	}

	/**
	 * @param name a server name
	 * @return the server
	 * @throws CommandFailure (a usage error) when no server has that name
	 */
	McpServerDefinition require(String name) {
		return find(name).orElseThrow(() -> new CommandFailure(ExitCodes.USAGE,
				"No server named '" + name + "' is known" + known() + ".",
				"Run 'mcp-oauth auth " + name + " URL' to authorize it, or configure mcp.oauth.servers." + name + ".url."));
	}

	private String known() {
		List<String> names = all().stream().map(McpServerDefinition::name).toList();
		return names.isEmpty() ? " (none yet)" : "; known: " + String.join(", ", names);
	}

	Optional<ServerProfile> profile(String name) {
		return Optional.ofNullable(this.profiles.load().get(name));
	}

	/**
	 * Keeps the profile of a server authorized from the command line and registers it.
	 * @param name the server name
	 * @param profile the profile
	 */
	void remember(String name, ServerProfile profile) {
		this.profiles.save(name, profile);
		if (!isConfigured(name)) {
			this.registry.register(profile.toDefinition(name));
		}
	}

	/**
	 * Forgets the profile of a server; a configured server stays registered.
	 * @param name the server name
	 * @return whether a profile was removed
	 */
	boolean forget(String name) {
		boolean removed = this.profiles.remove(name);
		if (!isConfigured(name)) {
			this.registry.unregister(name);
		}
		return removed;
	}

	/**
	 * Registers a server for this run only.
	 * @param server the server
	 */
	void register(McpServerDefinition server) {
		this.registry.register(server);
	}

	/**
	 * @return every known server, by name
	 */
	List<McpServerDefinition> all() {
		return this.registry.servers().stream().sorted(Comparator.comparing(McpServerDefinition::name)).toList();
	}

	ServerProfiles profiles() {
		return this.profiles;
	}

}
