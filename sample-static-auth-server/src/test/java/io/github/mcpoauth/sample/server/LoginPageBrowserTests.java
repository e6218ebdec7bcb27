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
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.github.mcpoauth.sample.server.OAuthTestClient.Pkce;
import io.github.mcpoauth.testsupport.HeadlessChromium;

import org.springframework.web.util.UriComponentsBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The login page in a real {@link HeadlessChromium}: it renders, refuses a wrong password
 * and, with the right one, completes the authorization-code redirect to a loopback redirect
 * URI served by a small JDK HTTP server. Without Chromium the test is skipped with a
 * reason, except under {@code CI=true}, where it fails.
 */
class LoginPageBrowserTests {

	/**
	 * A fresh browser profile, removed by JUnit after the tests.
	 */
	@TempDir
	static Path userDataDir;

	private static StaticAuthServer server;

	private static HttpServer callbackServer;

	private static final BlockingQueue<URI> callbacks = new LinkedBlockingQueue<>();

	private static WebDriver browser;

	@BeforeAll
	static void start() throws IOException {
		HeadlessChromium.assumeInstalled();
		server = StaticAuthServer.start("--port=0");
		callbackServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		callbackServer.createContext("/callback", (exchange) -> {
			callbacks.add(exchange.getRequestURI());
			byte[] body = "<html><body><h1>Authorization complete</h1></body></html>"
				.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		callbackServer.start();
		browser = HeadlessChromium.start(userDataDir, Duration.ofSeconds(30));
	}

	@AfterAll
	static void stop() {
		if (browser != null) {
			browser.quit();
		}
		if (callbackServer != null) {
			callbackServer.stop(0);
		}
		if (server != null) {
			server.close();
		}
	}

	@Test
	void loginPageWhenWrongThenRightPasswordThenRedirectsToClientWithCode() throws InterruptedException {
		Pkce pkce = Pkce.generate();
		String redirectUri = "http://127.0.0.1:" + callbackServer.getAddress().getPort() + "/callback";
		String authorizationUrl = UriComponentsBuilder.fromUriString(server.baseUrl() + "/authorize")
			.queryParam("response_type", "code")
			.queryParam("client_id", StaticServerProperties.DEFAULT_CLIENT_ID)
			.queryParam("redirect_uri", redirectUri)
			.queryParam("scope", "mcp:tools")
			.queryParam("state", "browser-state")
			.queryParam("code_challenge", pkce.challenge())
			.queryParam("code_challenge_method", "S256")
			.queryParam("resource", server.mcpUrl())
			.encode()
			.build()
			.toUriString();
		WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));

		browser.get(authorizationUrl);

		wait.until(ExpectedConditions.urlToBe(server.baseUrl() + "/login"));
		assertThat(browser.findElements(By.cssSelector("form input[name=username]"))).hasSize(1);
		assertThat(browser.findElements(By.cssSelector("form input[name=password][type=password]"))).hasSize(1);

		submitLogin("demo", "not-the-password");
		wait.until(ExpectedConditions.urlContains("/login?error"));
		assertThat(browser.findElement(By.tagName("body")).getText()).contains("Invalid credentials");
		assertThat(callbacks).isEmpty();

		submitLogin("demo", "demo");
		URI callback = callbacks.poll(20, TimeUnit.SECONDS);

		assertThat(callback).as("the browser reached the redirect URI").isNotNull();
		wait.until(ExpectedConditions.urlContains("/callback?"));
		assertThat(browser.getCurrentUrl()).startsWith(redirectUri + "?");
		Map<String, String> parameters = OAuthTestClient.queryParameters(URI.create(browser.getCurrentUrl()));
		assertThat(parameters).containsEntry("state", "browser-state").containsKey("code");
		HttpResponse<String> token = new OAuthTestClient(server.baseUrl()).token(
				StaticServerProperties.DEFAULT_CLIENT_ID, StaticServerProperties.DEFAULT_CLIENT_SECRET,
				Map.of("grant_type", "authorization_code", "code", parameters.get("code"), "redirect_uri", redirectUri,
						"code_verifier", pkce.verifier(), "resource", server.mcpUrl()));
		assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
	}

	private static void submitLogin(String username, String password) {
		WebElement usernameInput = browser.findElement(By.name("username"));
		usernameInput.clear();
		usernameInput.sendKeys(username);
		WebElement passwordInput = browser.findElement(By.name("password"));
		passwordInput.clear();
		passwordInput.sendKeys(password);
		browser.findElement(By.cssSelector("form button[type=submit]")).click();
	}

}
