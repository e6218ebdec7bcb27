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

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import io.github.mcpoauth.core.McpServerDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The servers file: owner-only, replaced whole, nothing secret, and read back as the
 * definitions the engine needs.
 */
class ServerProfilesTests {

	@TempDir
	Path directory;

	@Test
	void saveThenLoadInANewInstance() {
		Path file = this.directory.resolve("new/servers.json");
		ServerProfile profile = new ServerProfile(URI.create("http://127.0.0.1:9003/mcp"), List.of("mcp:tools"),
				"client", "client_secret_post", "http://127.0.0.1:9003");

		new ServerProfiles(file).save("sample", profile);

		assertThat(new ServerProfiles(file).load()).containsExactly(java.util.Map.entry("sample", profile));
	}

	@Test
	void fileIsOwnerOnlyInAnOwnerOnlyDirectoryWithoutTemporaryFilesLeft() throws Exception {
		Path file = this.directory.resolve("store/servers.json");
		ServerProfiles profiles = new ServerProfiles(file);

		profiles.save("a", new ServerProfile(URI.create("http://a.example/mcp"), List.of(), null, null, null));
		profiles.save("b", new ServerProfile(URI.create("http://b.example/mcp"), List.of(), null, null, null));

		assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
		assertThat(Files.getPosixFilePermissions(file.getParent())).isEqualTo(PosixFilePermissions.fromString("rwx------"));
		try (var files = Files.list(file.getParent())) {
			assertThat(files).containsExactly(file);
		}
		assertThat(profiles.load()).containsOnlyKeys("a", "b");
	}

	@Test
	void removeForgetsOneServer() {
		ServerProfiles profiles = new ServerProfiles(this.directory.resolve("servers.json"));
		profiles.save("a", new ServerProfile(URI.create("http://a.example/mcp"), List.of(), null, null, null));

		assertThat(profiles.remove("a")).isTrue();
		assertThat(profiles.remove("a")).isFalse();
		assertThat(profiles.load()).isEmpty();
	}

	@Test
	void missingFileIsEmptyAndBrokenFileIsAStorageError() throws Exception {
		Path file = this.directory.resolve("servers.json");
		assertThat(new ServerProfiles(file).load()).isEmpty();

		Files.writeString(file, "{\"servers\": [");

		assertThatExceptionOfType(CommandFailure.class).isThrownBy(() -> new ServerProfiles(file).load())
			.satisfies((ex) -> assertThat(ex.exitCode()).isEqualTo(ExitCodes.STORAGE_ERROR))
			.withMessageStartingWith("Cannot read the servers file " + file);
	}

	@Test
	void profileWithStoredSecretLeavesTheClientToTheStoredRegistration() {
		ServerProfile withSecret = new ServerProfile(URI.create("http://127.0.0.1:9003/mcp"), List.of("a", "b"),
				"client", "client_secret_basic", "http://127.0.0.1:9003");
		ServerProfile publicClient = new ServerProfile(URI.create("http://127.0.0.1:9003/mcp"), List.of(), "client",
				"none", null);

		McpServerDefinition confidential = withSecret.toDefinition("sample");
		McpServerDefinition pub = publicClient.toDefinition("sample");

		assertThat(confidential.clientId()).isNull();
		assertThat(confidential.scopes()).containsExactlyInAnyOrder("a", "b");
		assertThat(confidential.clientName()).isEqualTo(ServerProfile.CLIENT_NAME);
		assertThat(pub.clientId()).isEqualTo("client");
		assertThat(pub.clientAuthenticationMethod()).isEqualTo("none");
	}

}
