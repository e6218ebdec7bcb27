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

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import io.github.mcpoauth.autoconfigure.McpOAuthProperties;
import io.github.mcpoauth.autoconfigure.McpOAuthPropertiesMapper;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.Assert;

/**
 * The server profiles of the command line, kept in one JSON file (by default
 * {@code servers.json} in the token store directory): readable and writable by the owner
 * only (0600 in a 0700 directory where the file system has POSIX permissions), replaced
 * atomically on every change so a crash never leaves half a file. Holds nothing secret.
 *
 * <pre class="code">
 * {
 *   "servers" : {
 *     "sample" : { "url" : "http://127.0.0.1:9003/mcp", "clientId" : "static-mcp-client-001", ... }
 *   }
 * }
 * </pre>
 */
final class ServerProfiles {

	private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

	private final Path file;

	ServerProfiles(Path file) {
		Assert.notNull(file, "file cannot be null");
		this.file = file.toAbsolutePath().normalize();
	}

	/**
	 * The profiles file of the command line: {@code cli.servers-file}, by default
	 * {@value CliProperties#DEFAULT_SERVERS_FILE_NAME} in the token store directory.
	 * @param cli the command line's properties
	 * @param properties the {@code mcp.oauth} properties
	 * @return the profiles
	 */
	static ServerProfiles of(CliProperties cli, McpOAuthProperties properties) {
		Path file = cli.serversFile();
		if (file == null) {
			file = new McpOAuthPropertiesMapper(properties).asTokenStoreSettings()
				.file()
				.directory()
				.resolve(CliProperties.DEFAULT_SERVERS_FILE_NAME);
		}
		return new ServerProfiles(file);
	}

	Path file() {
		return this.file;
	}

	/**
	 * @return the profiles by server name, sorted; empty when the file does not exist
	 */
	synchronized Map<String, ServerProfile> load() {
		try {
			ProfilesFile contents = JSON.readValue(Files.readString(this.file), ProfilesFile.class);
			return (contents.servers() != null) ? new TreeMap<>(contents.servers()) : new TreeMap<>();
		}
		catch (NoSuchFileException ex) {
			return new TreeMap<>();
		}
		catch (IOException | JacksonException | IllegalArgumentException ex) {
			throw new CommandFailure(ExitCodes.STORAGE_ERROR,
					"Cannot read the servers file " + this.file + ": " + ex.getMessage(),
					"Fix the file or delete it (then run 'mcp-oauth auth NAME URL' again); set cli.servers-file to use another.",
					ex);
		}
	}

	/**
	 * Adds or replaces a profile.
	 * @param name the server name
	 * @param profile the profile
	 */
	synchronized void save(String name, ServerProfile profile) {
		Map<String, ServerProfile> profiles = load();
		profiles.put(name, profile);
		write(profiles);
	}

	/**
	 * @param name the server name
	 * @return whether a profile was removed
	 */
	synchronized boolean remove(String name) {
		Map<String, ServerProfile> profiles = load();
		if (profiles.remove(name) == null) {
			return false;
		}
		write(profiles);
		return true;
	}

	private void write(Map<String, ServerProfile> profiles) {
		Path directory = Objects.requireNonNull(this.file.getParent());
		Path temporary = null;
		try {
			if (!Files.isDirectory(directory)) {
				Files.createDirectories(directory, attributes("rwx------"));
			}
			temporary = Files.createTempFile(directory, this.file.getFileName() + ".", ".tmp", attributes("rw-------"));
			Files.write(temporary, JSON.writeValueAsBytes(new ProfilesFile(profiles)));
			try {
				Files.move(temporary, this.file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			}
			catch (AtomicMoveNotSupportedException ex) {
				Files.move(temporary, this.file, StandardCopyOption.REPLACE_EXISTING);
			}
		}
		catch (IOException | JacksonException ex) {
			throw new CommandFailure(ExitCodes.STORAGE_ERROR,
					"Cannot write the servers file " + this.file + ": " + ex.getMessage(),
					"Check that its directory exists and is writable; set cli.servers-file to use another.", ex);
		}
		finally {
			if (temporary != null) {
				try {
					Files.deleteIfExists(temporary);
				}
				catch (IOException ex) {
					// left for the next write to replace; it holds nothing secret
				}
			}
		}
	}

	private static FileAttribute<?>[] attributes(String permissions) {
		return POSIX ? new FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions)) }
				: new FileAttribute<?>[0];
	}

	/**
	 * The file's layout.
	 *
	 * @param servers the profiles by server name
	 */
	record ProfilesFile(Map<String, ServerProfile> servers) {

	}

}
