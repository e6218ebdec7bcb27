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

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small HashiCorp Vault stand-in that follows the HTTP API of the KV version 2 secrets
 * engine, token authentication and AppRole login, for tests where no Vault runs:
 * <ul>
 * <li>{@code GET /v1/<mount>/data/<path>[?version=n]}: {@code {"data":{"data":{...},
 * "metadata":{...}}}}, 404 {@code {"errors":[]}} when missing or the version is deleted;</li>
 * <li>{@code POST|PUT /v1/<mount>/data/<path>} with {@code {"data":{...},"options":{"cas":n}}}:
 * a new version, answering its metadata; with {@code cas}, only when {@code n} is the
 * current version ({@code 0}: the secret does not exist), else 400 "check-and-set
 * parameter did not match the current version";</li>
 * <li>{@code DELETE /v1/<mount>/data/<path>}: soft-deletes the latest version;</li>
 * <li>{@code POST|PUT /v1/<mount>/delete/<path>} with {@code {"versions":[n,...]}}:
 * soft-deletes exactly those versions (others, such as a newer latest one, stay readable);
 * 204;</li>
 * <li>{@code LIST /v1/<mount>/metadata/<path>/} or {@code GET ...?list=true}:
 * {@code {"data":{"keys":[...]}}}, folders ending in {@code /};</li>
 * <li>{@code GET /v1/<mount>/metadata/<path>}: versions; {@code DELETE}: every version and
 * the metadata;</li>
 * <li>{@code POST /v1/auth/approle/login}, {@code POST /v1/auth/token/renew-self},
 * {@code GET /v1/auth/token/lookup-self}, {@code POST /v1/auth/token/revoke-self}.</li>
 * </ul>
 * Every other request without a valid {@code X-Vault-Token} gets 403
 * {@code {"errors":["permission denied"]}}; a path on no mount gets Vault's 404 "no handler
 * for route". Requests are recorded for assertions.
 *
 * @see <a href="https://developer.hashicorp.com/vault/api-docs/secret/kv/kv-v2">KV v2 API</a>
 * @see <a href="https://developer.hashicorp.com/vault/api-docs/auth/approle">AppRole API</a>
 */
final class FakeVaultServer implements AutoCloseable {

	static final String ROOT_TOKEN = "hvs.fake-root-token";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpServer server;

	private final Set<String> mounts = ConcurrentHashMap.newKeySet();

	private final Set<String> validTokens = ConcurrentHashMap.newKeySet();

	private final Map<String, String> appRoles = new ConcurrentHashMap<>();

	private final Map<String, Secret> secrets = new TreeMap<>();

	final List<String> requests = new CopyOnWriteArrayList<>();

	final List<String> revokedTokens = new CopyOnWriteArrayList<>();

	/** Runs before a {@code delete/<path>} request is applied: another client's write then. */
	volatile Runnable beforeDeleteVersions = () -> {
	};

	FakeVaultServer() throws IOException {
		this.mounts.add("secret");
		this.validTokens.add(ROOT_TOKEN);
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	URI uri() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	FakeVaultServer mount(String path) {
		this.mounts.add(path);
		return this;
	}

	FakeVaultServer appRole(String roleId, String secretId) {
		this.appRoles.put(roleId, secretId);
		return this;
	}

	/**
	 * @param mount the mount
	 * @param path the secret path
	 * @return the data of the latest live version, or {@code null}
	 */
	synchronized @Nullable Map<String, Object> data(String mount, String path) {
		Secret secret = this.secrets.get(mount + "/" + path);
		if (secret == null) {
			return null;
		}
		Version latest = secret.versions.get(secret.versions.size() - 1);
		return (latest.deletedAt == null) ? latest.data : null;
	}

	/**
	 * Writes a new version directly, as a client of another version (mcp-oauth 0.1.0) did.
	 * @param mount the mount
	 * @param path the secret path
	 * @param data the data
	 */
	synchronized void put(String mount, String path, Map<String, Object> data) {
		this.secrets.computeIfAbsent(mount + "/" + path, (key) -> new Secret()).versions
			.add(new Version(new LinkedHashMap<>(data), Instant.now()));
	}

	synchronized int versionCount(String mount, String path) {
		Secret secret = this.secrets.get(mount + "/" + path);
		return (secret != null) ? secret.versions.size() : 0;
	}

	synchronized Set<String> paths() {
		return new TreeSet<>(this.secrets.keySet());
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String method = exchange.getRequestMethod();
			URI uri = exchange.getRequestURI();
			String path = uri.getRawPath();
			String query = (uri.getRawQuery() != null) ? uri.getRawQuery() : "";
			String token = exchange.getRequestHeaders().getFirst("X-Vault-Token");
			this.requests.add(method + " " + path + (query.isEmpty() ? "" : "?" + query) + " token="
					+ ((token != null) ? token : "-"));
			byte[] body = readBody(exchange.getRequestBody());
			Response response = route(method, path, query, token, body);
			byte[] json = (response.body != null) ? JSON.writeValueAsBytes(response.body) : new byte[0];
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.getResponseHeaders().set("Cache-Control", "no-store");
			exchange.sendResponseHeaders(response.status, (json.length > 0) ? json.length : -1);
			if (json.length > 0) {
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(json);
				}
			}
		}
		catch (RuntimeException ex) {
			ex.printStackTrace();
			throw ex;
		}
	}

	private synchronized Response route(String method, String path, String query, @Nullable String token,
			byte[] body) {
		if (!path.startsWith("/v1/")) {
			return errors(404, List.of());
		}
		String rest = path.substring("/v1/".length());
		if (rest.equals("auth/approle/login") && method.equals("POST")) {
			return appRoleLogin(body);
		}
		if (token == null || !this.validTokens.contains(token)) {
			return errors(403, List.of("permission denied"));
		}
		switch (rest) {
			case "auth/token/lookup-self":
				return ok(envelope(Map.of("id", token, "ttl", 3600, "renewable", true, "policies", List.of("default")),
						null));
			case "auth/token/renew-self":
				return ok(envelope(null, auth(token)));
			case "auth/token/revoke-self":
				this.validTokens.remove(token);
				this.revokedTokens.add(token);
				return new Response(204, null);
			default:
				break;
		}
		for (String mount : this.mounts) {
			if (rest.startsWith(mount + "/data/")) {
				return data(method, mount, rest.substring((mount + "/data/").length()), query, body);
			}
			if (rest.startsWith(mount + "/delete/")) {
				return deleteVersions(method, mount, rest.substring((mount + "/delete/").length()), body);
			}
			if (rest.startsWith(mount + "/metadata/")) {
				return metadata(method, mount, rest.substring((mount + "/metadata/").length()), query);
			}
		}
		return errors(404, List.of("no handler for route \"" + rest + "\". route entry not found."));
	}

	private Response data(String method, String mount, String path, String query, byte[] body) {
		String key = mount + "/" + path;
		Secret secret = this.secrets.get(key);
		switch (method) {
			case "GET" -> {
				if (secret == null) {
					return errors(404, List.of());
				}
				int requested = query.startsWith("version=") ? Integer.parseInt(query.substring(8))
						: secret.versions.size();
				if (requested < 1 || requested > secret.versions.size()) {
					return errors(404, List.of());
				}
				Version version = secret.versions.get(requested - 1);
				Map<String, Object> data = new LinkedHashMap<>();
				data.put("data", (version.deletedAt == null && !version.destroyed) ? version.data : null);
				data.put("metadata", versionMetadata(version, requested));
				return new Response((version.deletedAt == null && !version.destroyed) ? 200 : 404,
						envelope(data, null));
			}
			case "POST", "PUT" -> {
				Map<String, Object> request = parse(body);
				Object data = request.get("data");
				if (!(data instanceof Map<?, ?> map)) {
					return errors(400, List.of("no data provided"));
				}
				Object options = request.get("options");
				if (options instanceof Map<?, ?> optionMap && optionMap.get("cas") instanceof Number cas) {
					int current = (secret != null) ? secret.versions.size() : 0;
					if (cas.intValue() != current) {
						return errors(400, List.of("check-and-set parameter did not match the current version"));
					}
				}
				if (secret == null) {
					secret = new Secret();
					this.secrets.put(key, secret);
				}
				@SuppressWarnings("unchecked")
				Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) map);
				Version version = new Version(copy, Instant.now());
				secret.versions.add(version);
				return ok(envelope(versionMetadata(version, secret.versions.size()), null));
			}
			case "DELETE" -> {
				if (secret != null) {
					secret.versions.get(secret.versions.size() - 1).deletedAt = Instant.now();
				}
				return new Response(204, null);
			}
			default -> {
				return errors(405, List.of("unsupported operation"));
			}
		}
	}

	private Response deleteVersions(String method, String mount, String path, byte[] body) {
		if (!method.equals("POST") && !method.equals("PUT")) {
			return errors(405, List.of("unsupported operation"));
		}
		this.beforeDeleteVersions.run();
		Object versions = parse(body).get("versions");
		if (!(versions instanceof List<?> numbers) || numbers.isEmpty()) {
			return errors(400, List.of("no version number provided"));
		}
		Secret secret = this.secrets.get(mount + "/" + path);
		if (secret != null) {
			for (Object number : numbers) {
				int version = ((Number) number).intValue();
				if (version >= 1 && version <= secret.versions.size()
						&& secret.versions.get(version - 1).deletedAt == null) {
					secret.versions.get(version - 1).deletedAt = Instant.now();
				}
			}
		}
		return new Response(204, null);
	}

	private Response metadata(String method, String mount, String path, String query) {
		boolean list = method.equals("LIST") || (method.equals("GET") && query.contains("list=true"));
		if (list) {
			String folder = mount + "/" + (path.isEmpty() || path.endsWith("/") ? path : path + "/");
			Set<String> keys = new TreeSet<>();
			for (String key : this.secrets.keySet()) {
				if (key.startsWith(folder)) {
					String remainder = key.substring(folder.length());
					int slash = remainder.indexOf('/');
					keys.add((slash < 0) ? remainder : remainder.substring(0, slash + 1));
				}
			}
			return keys.isEmpty() ? errors(404, List.of()) : ok(envelope(Map.of("keys", List.copyOf(keys)), null));
		}
		String key = mount + "/" + path;
		Secret secret = this.secrets.get(key);
		switch (method) {
			case "GET" -> {
				if (secret == null) {
					return errors(404, List.of());
				}
				Map<String, Object> versions = new TreeMap<>();
				for (int i = 0; i < secret.versions.size(); i++) {
					Version version = secret.versions.get(i);
					versions.put(String.valueOf(i + 1), Map.of("created_time", version.createdAt.toString(),
							"deletion_time", (version.deletedAt != null) ? version.deletedAt.toString() : "",
							"destroyed", version.destroyed));
				}
				Map<String, Object> data = new LinkedHashMap<>();
				data.put("current_version", secret.versions.size());
				data.put("oldest_version", 0);
				data.put("max_versions", 0);
				data.put("cas_required", false);
				data.put("versions", versions);
				return ok(envelope(data, null));
			}
			case "DELETE" -> {
				this.secrets.remove(key);
				return new Response(204, null);
			}
			default -> {
				return errors(405, List.of("unsupported operation"));
			}
		}
	}

	private Response appRoleLogin(byte[] body) {
		Map<String, Object> request = parse(body);
		Object roleId = request.get("role_id");
		Object secretId = request.get("secret_id");
		if (roleId == null || secretId == null || !secretId.equals(this.appRoles.get(String.valueOf(roleId)))) {
			return errors(400, List.of("invalid role or secret ID"));
		}
		String token = "hvs.approle-" + UUID.randomUUID();
		this.validTokens.add(token);
		return ok(envelope(null, auth(token)));
	}

	private static Map<String, Object> auth(String token) {
		Map<String, Object> auth = new LinkedHashMap<>();
		auth.put("client_token", token);
		auth.put("accessor", "accessor-" + token.hashCode());
		auth.put("policies", List.of("default", "mcp-oauth"));
		auth.put("token_policies", List.of("default", "mcp-oauth"));
		auth.put("metadata", Map.of("role_name", "mcp-oauth"));
		auth.put("lease_duration", 3600);
		auth.put("renewable", true);
		auth.put("entity_id", "");
		auth.put("token_type", "service");
		auth.put("orphan", true);
		return auth;
	}

	private static Map<String, Object> versionMetadata(Version version, int number) {
		Map<String, Object> metadata = new LinkedHashMap<>();
		metadata.put("created_time", version.createdAt.toString());
		metadata.put("custom_metadata", null);
		metadata.put("deletion_time", (version.deletedAt != null) ? version.deletedAt.toString() : "");
		metadata.put("destroyed", version.destroyed);
		metadata.put("version", number);
		return metadata;
	}

	private static Map<String, Object> envelope(@Nullable Object data, @Nullable Object auth) {
		Map<String, Object> envelope = new LinkedHashMap<>();
		envelope.put("request_id", UUID.randomUUID().toString());
		envelope.put("lease_id", "");
		envelope.put("renewable", false);
		envelope.put("lease_duration", 0);
		envelope.put("data", data);
		envelope.put("wrap_info", null);
		envelope.put("warnings", null);
		envelope.put("auth", auth);
		return envelope;
	}

	private static Response ok(Object body) {
		return new Response(200, body);
	}

	private static Response errors(int status, List<String> errors) {
		return new Response(status, Map.of("errors", errors));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> parse(byte[] body) {
		if (body.length == 0) {
			return Collections.emptyMap();
		}
		return JSON.readValue(body, LinkedHashMap.class);
	}

	private static byte[] readBody(InputStream in) throws IOException {
		return in.readAllBytes();
	}

	private record Response(int status, @Nullable Object body) {
	}

	private static final class Secret {

		final List<Version> versions = new ArrayList<>();

	}

	private static final class Version {

		final Map<String, Object> data;

		final Instant createdAt;

		@Nullable Instant deletedAt;

		boolean destroyed;

		Version(Map<String, Object> data, Instant createdAt) {
			this.data = data;
			this.createdAt = createdAt;
		}

	}

}
