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

package io.github.mcpoauth.store;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fake answers raw HTTP the way Vault does, so the Vault store tests test against
 * Vault's API rather than against Spring Vault's expectations.
 */
class FakeVaultServerTests {

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private FakeVaultServer vault;

	@BeforeEach
	void start() throws Exception {
		this.vault = new FakeVaultServer();
	}

	@AfterEach
	void stop() {
		this.vault.close();
	}

	@Test
	void writeThenReadWhenKvV2ThenDataIsWrappedWithVersionMetadata() throws Exception {
		HttpResponse<String> write = send("POST", "/v1/secret/data/app/one", "{\"data\":{\"k\":\"v1\"}}");
		assertThat(write.statusCode()).isEqualTo(200);
		assertThat(write.body()).contains("\"data\":{\"created_time\":").contains("\"version\":1");
		send("PUT", "/v1/secret/data/app/one", "{\"data\":{\"k\":\"v2\"},\"options\":{\"cas\":1}}");
		HttpResponse<String> read = send("GET", "/v1/secret/data/app/one", null);
		assertThat(read.statusCode()).isEqualTo(200);
		assertThat(read.body()).contains("\"data\":{\"data\":{\"k\":\"v2\"},\"metadata\":{")
			.contains("\"version\":2");
		assertThat(send("GET", "/v1/secret/data/app/one?version=1", null).body()).contains("\"k\":\"v1\"");
		assertThat(send("POST", "/v1/secret/data/app/one", "{\"data\":{\"k\":\"x\"},\"options\":{\"cas\":1}}")
			.statusCode()).isEqualTo(400);
	}

	@Test
	void listWhenLiveMethodOrQueryThenKeysWithFoldersEndingInSlash() throws Exception {
		send("POST", "/v1/secret/data/app/one", "{\"data\":{\"k\":\"v\"}}");
		send("POST", "/v1/secret/data/app/nested/two", "{\"data\":{\"k\":\"v\"}}");
		assertThat(send("LIST", "/v1/secret/metadata/app/", null).body())
			.contains("{\"keys\":[\"nested/\",\"one\"]}");
		assertThat(send("GET", "/v1/secret/metadata/app/?list=true", null).body())
			.contains("{\"keys\":[\"nested/\",\"one\"]}");
		assertThat(send("LIST", "/v1/secret/metadata/empty/", null).statusCode()).isEqualTo(404);
	}

	@Test
	void deleteWhenDataThenSoftDeletesLatestAndWhenMetadataThenRemovesEveryVersion() throws Exception {
		send("POST", "/v1/secret/data/app/one", "{\"data\":{\"k\":\"v\"}}");
		assertThat(send("DELETE", "/v1/secret/data/app/one", null).statusCode()).isEqualTo(204);
		HttpResponse<String> deleted = send("GET", "/v1/secret/data/app/one", null);
		assertThat(deleted.statusCode()).isEqualTo(404);
		assertThat(deleted.body()).contains("\"data\":null").contains("\"deletion_time\":\"20");
		assertThat(send("DELETE", "/v1/secret/metadata/app/one", null).statusCode()).isEqualTo(204);
		HttpResponse<String> gone = send("GET", "/v1/secret/data/app/one", null);
		assertThat(gone.statusCode()).isEqualTo(404);
		assertThat(gone.body()).isEqualTo("{\"errors\":[]}");
	}

	@Test
	void deleteVersionsWhenANewerVersionWasWrittenThenOnlyTheNamedVersionIsDeleted() throws Exception {
		send("POST", "/v1/secret/data/app/one", "{\"data\":{\"k\":\"v1\"}}");
		send("POST", "/v1/secret/data/app/one", "{\"data\":{\"k\":\"v2\"}}");
		assertThat(send("POST", "/v1/secret/delete/app/one", "{\"versions\":[1]}").statusCode()).isEqualTo(204);
		HttpResponse<String> latest = send("GET", "/v1/secret/data/app/one", null);
		assertThat(latest.statusCode()).isEqualTo(200);
		assertThat(latest.body()).contains("\"k\":\"v2\"").contains("\"version\":2");
		assertThat(send("GET", "/v1/secret/data/app/one?version=1", null).statusCode()).isEqualTo(404);
		assertThat(send("POST", "/v1/secret/delete/app/one", "{\"versions\":[2]}").statusCode()).isEqualTo(204);
		HttpResponse<String> deleted = send("GET", "/v1/secret/data/app/one", null);
		assertThat(deleted.statusCode()).isEqualTo(404);
		assertThat(deleted.body()).contains("\"data\":null").contains("\"version\":2");
		assertThat(send("GET", "/v1/secret/metadata/app/one", null).body()).contains("\"current_version\":2");
		assertThat(send("POST", "/v1/secret/delete/app/one", "{}").statusCode()).isEqualTo(400);
	}

	@Test
	void writeWhenCasZeroThenOnlyWhileTheSecretDoesNotExist() throws Exception {
		assertThat(send("POST", "/v1/secret/data/app/new", "{\"data\":{\"k\":\"v1\"},\"options\":{\"cas\":0}}")
			.statusCode()).isEqualTo(200);
		HttpResponse<String> refused = send("POST", "/v1/secret/data/app/new",
				"{\"data\":{\"k\":\"v2\"},\"options\":{\"cas\":0}}");
		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(refused.body()).contains("check-and-set parameter did not match the current version");
		assertThat(send("GET", "/v1/secret/data/app/new", null).body()).contains("\"k\":\"v1\"");
	}

	@Test
	void requestWhenTokenMissingOrWrongThen403PermissionDenied() throws Exception {
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(uri("/v1/secret/data/app/one"))
			.header("X-Vault-Token", "hvs.wrong")
			.build(), BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.body()).isEqualTo("{\"errors\":[\"permission denied\"]}");
	}

	@Test
	void appRoleLoginWhenValidThenIssuesAClientTokenThatWorks() throws Exception {
		this.vault.appRole("role", "secret");
		HttpResponse<String> login = this.http.send(HttpRequest.newBuilder(uri("/v1/auth/approle/login"))
			.POST(BodyPublishers.ofString("{\"role_id\":\"role\",\"secret_id\":\"secret\"}"))
			.build(), BodyHandlers.ofString());
		assertThat(login.statusCode()).isEqualTo(200);
		String token = login.body().replaceAll(".*\"client_token\":\"([^\"]+)\".*", "$1");
		assertThat(login.body()).contains("\"lease_duration\":3600").contains("\"renewable\":true");
		HttpResponse<String> read = this.http.send(
				HttpRequest.newBuilder(uri("/v1/secret/data/missing")).header("X-Vault-Token", token).build(),
				BodyHandlers.ofString());
		assertThat(read.statusCode()).isEqualTo(404);
		HttpResponse<String> refused = this.http.send(HttpRequest.newBuilder(uri("/v1/auth/approle/login"))
			.POST(BodyPublishers.ofString("{\"role_id\":\"role\",\"secret_id\":\"nope\"}"))
			.build(), BodyHandlers.ofString());
		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(refused.body()).contains("invalid role or secret ID");
	}

	private HttpResponse<String> send(String method, String path, String body) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(uri(path))
			.header("X-Vault-Token", FakeVaultServer.ROOT_TOKEN)
			.method(method, (body != null) ? BodyPublishers.ofString(body) : BodyPublishers.noBody())
			.build();
		return this.http.send(request, BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create(this.vault.uri() + path);
	}

}
