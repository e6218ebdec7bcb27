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

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.util.UriComponentsBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A plain HTTP client for the tests: real requests with {@link HttpClient}, cookies for
 * the login form, redirects followed by hand.
 */
final class OAuthTestClient {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Pattern CSRF_INPUT = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

	private final HttpClient http;

	private final String baseUrl;

	OAuthTestClient(String baseUrl) {
		this.baseUrl = baseUrl;
		this.http = HttpClient.newBuilder()
			.cookieHandler(new CookieManager())
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(Duration.ofSeconds(5))
			.build();
	}

	String baseUrl() {
		return this.baseUrl;
	}

	HttpResponse<String> get(String url) {
		return send(HttpRequest.newBuilder(URI.create(resolve(url))).header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8").GET());
	}

	HttpResponse<String> get(String url, String... headers) {
		return send(HttpRequest.newBuilder(URI.create(resolve(url))).headers(headers).GET());
	}

	HttpResponse<String> postForm(String url, Map<String, String> form, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(resolve(url)))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(formBody(form)));
		if (headers.length > 0) {
			request.headers(headers);
		}
		return send(request);
	}

	HttpResponse<String> postJson(String url, String json, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(resolve(url)))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json));
		if (headers.length > 0) {
			request.headers(headers);
		}
		return send(request);
	}

	/**
	 * Token request authenticated with {@code client_secret_basic}.
	 */
	HttpResponse<String> token(String clientId, String clientSecret, Map<String, String> form) {
		return postForm("/token", form, "Authorization", basic(clientId, clientSecret));
	}

	/**
	 * Runs the authorization-code request through the real login form: GET /authorize,
	 * 302 to /login, GET /login for the CSRF token, POST /login, follow to /authorize,
	 * and returns the final redirect to the client (not followed).
	 */
	URI authorize(String authorizationUrl, String username, String password) {
		HttpResponse<String> authorize = get(authorizationUrl);
		assertThat(authorize.statusCode()).as("GET /authorize").isEqualTo(302);
		String loginUrl = location(authorize);
		assertThat(loginUrl).endsWith("/login");
		HttpResponse<String> loginPage = get(loginUrl);
		assertThat(loginPage.statusCode()).isEqualTo(200);
		Map<String, String> form = new LinkedHashMap<>();
		form.put("username", username);
		form.put("password", password);
		form.put("_csrf", csrfToken(loginPage.body()));
		HttpResponse<String> login = postForm(loginUrl, form);
		assertThat(login.statusCode()).as("POST /login").isEqualTo(302);
		String continueUrl = location(login);
		assertThat(continueUrl).as("login should continue to /authorize").contains("/authorize");
		HttpResponse<String> authorized = get(continueUrl);
		assertThat(authorized.statusCode()).as("GET /authorize after login").isEqualTo(302);
		return URI.create(location(authorized));
	}

	/**
	 * An MCP Java SDK client for the server's {@code /mcp}, sending the access token.
	 */
	static McpSyncClient mcpClient(String baseUrl, String accessToken) {
		HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(baseUrl)
			.endpoint("/mcp")
			.httpRequestCustomizer((request, method, uri, body, context) -> request.header("Authorization",
					"Bearer " + accessToken))
			.build();
		return McpClient.sync(transport).requestTimeout(Duration.ofSeconds(10)).build();
	}

	static String initializeRequest() {
		return """
				{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18",\
				"capabilities":{},"clientInfo":{"name":"test","version":"1.0"}}}""";
	}

	static String csrfToken(String loginPage) {
		Matcher matcher = CSRF_INPUT.matcher(loginPage);
		assertThat(matcher.find()).as("the login page has a CSRF token").isTrue();
		return matcher.group(1);
	}

	static String location(HttpResponse<?> response) {
		return response.headers().firstValue("Location").orElseThrow(() -> new AssertionError("no Location header"));
	}

	static Map<String, String> queryParameters(URI uri) {
		return UriComponentsBuilder.fromUri(uri)
			.build()
			.getQueryParams()
			.toSingleValueMap()
			.entrySet()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey,
					(entry) -> java.net.URLDecoder.decode(entry.getValue(), StandardCharsets.UTF_8)));
	}

	static JsonNode json(HttpResponse<String> response) {
		return JSON.readTree(response.body());
	}

	static String basic(String clientId, String clientSecret) {
		String credentials = URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":"
				+ URLEncoder.encode(clientSecret, StandardCharsets.UTF_8);
		return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
	}

	static String formBody(Map<String, String> form) {
		return form.entrySet()
			.stream()
			.map((entry) -> URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
	}

	private String resolve(String url) {
		return url.startsWith("http") ? url : this.baseUrl + url;
	}

	private HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return this.http.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A PKCE verifier and its S256 challenge (RFC 7636 §4).
	 */
	record Pkce(String verifier, String challenge) {

		static Pkce generate() {
			byte[] random = new byte[32];
			new SecureRandom().nextBytes(random);
			String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
			try {
				byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
				return new Pkce(verifier, Base64.getUrlEncoder().withoutPadding().encodeToString(digest));
			}
			catch (NoSuchAlgorithmException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

}
