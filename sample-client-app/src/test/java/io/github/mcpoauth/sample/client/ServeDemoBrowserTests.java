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
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.github.mcpoauth.core.McpServerDefinition;
import io.github.mcpoauth.core.McpServerRegistry;
import io.github.mcpoauth.sample.demo.DemoWebApplication;
import io.github.mcpoauth.sample.server.StaticAuthServer;
import io.github.mcpoauth.testsupport.HeadlessChromium;
import io.github.mcpoauth.store.TokenKey;
import io.github.mcpoauth.store.TokenStore;
import io.github.mcpoauth.token.OAuthToken;
import io.github.mcpoauth.token.Redaction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code serve} demo in real headless Chromium, against the real sample server started
 * in-process: two users, each in a browser of their own, sign in to the demo, connect the
 * sample server through its own login page, and call {@code echo}; each sees only their own
 * token. After a restart of the demo (same encrypted-file store) both are still connected and
 * call without a new login; one disconnects, the other stays connected. Without Chromium the
 * test is skipped with a reason, except under {@code CI=true}, where it fails.
 */
class ServeDemoBrowserTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private static final String CALLBACK = "http://127.0.0.1/mcp-oauth/callback";

	@TempDir
	static Path directory;

	private static StaticAuthServer server;

	private ConfigurableApplicationContext demo;

	private WebDriver alice;

	private WebDriver bob;

	@BeforeAll
	static void startServer() {
		HeadlessChromium.assumeInstalled();
		// the demo's callback on any loopback port (RFC 8252 §7.3)
		server = StaticAuthServer.start("--port=0", "--redirect-uri=" + CALLBACK);
	}

	@AfterAll
	static void stopServer() {
		if (server != null) {
			server.close();
		}
	}

	@AfterEach
	void stopBrowsersAndDemo() {
		for (WebDriver browser : new WebDriver[] { this.alice, this.bob }) {
			if (browser != null) {
				browser.quit();
			}
		}
		if (this.demo != null) {
			this.demo.close();
		}
	}

	@Test
	void twoUsersConnectWithTheirOwnLoginCallEchoAndKeepTheirConnectionsAcrossARestart() {
		this.demo = startDemo();
		this.alice = HeadlessChromium.start(directory.resolve("alice"), TIMEOUT);
		this.bob = HeadlessChromium.start(directory.resolve("bob"), TIMEOUT);

		signIn(this.alice, "alice");
		assertThat(status(this.alice)).isEqualTo("not connected");
		connectThroughTheServersLogin(this.alice);
		assertThat(callEcho(this.alice, "from alice")).contains("\"echo\" : \"from alice\"");

		signIn(this.bob, "bob");
		assertThat(status(this.bob)).as("bob has not connected yet").isEqualTo("not connected");
		connectThroughTheServersLogin(this.bob);
		assertThat(callEcho(this.bob, "from bob")).contains("\"echo\" : \"from bob\"");

		String aliceToken = token(this.alice);
		String bobToken = token(this.bob);
		assertThat(aliceToken).isEqualTo(storedFingerprint("alice")).isNotEqualTo(bobToken);
		assertThat(bobToken).isEqualTo(storedFingerprint("bob"));
		assertThat(this.alice.getPageSource()).doesNotContain(bobToken);
		assertThat(this.bob.getPageSource()).doesNotContain(aliceToken);

		this.demo.close();
		this.demo = startDemo();

		signIn(this.alice, "alice");
		assertThat(status(this.alice)).as("alice after the restart").isEqualTo("connected");
		assertThat(token(this.alice)).isEqualTo(aliceToken);
		assertThat(callEcho(this.alice, "after the restart")).contains("\"echo\" : \"after the restart\"");
		signIn(this.bob, "bob");
		assertThat(token(this.bob)).isEqualTo(bobToken);

		this.alice.findElement(By.id("disconnect-sample")).click();
		wait(this.alice).until(ExpectedConditions.textToBe(By.cssSelector("#server-sample .status"), "not connected"));
		this.bob.navigate().refresh();
		assertThat(status(this.bob)).as("bob after alice disconnected").isEqualTo("connected");
		assertThat(storedFingerprint("alice")).isNull();
	}

	private ConfigurableApplicationContext startDemo() {
		McpServerDefinition sample = McpServerDefinition.builder("sample", URI.create(server.mcpUrl()))
			.clientId("static-mcp-client-001")
			.clientSecret("your-secret-key-change-this-in-production")
			.build();
		return DemoWebApplication.start(new McpServerRegistry(List.of(sample)), "--server.port=0",
				"--mcp.oauth.storage.type=encrypted-file",
				"--mcp.oauth.storage.file.directory=" + directory.resolve("store"));
	}

	private String demoUrl() {
		return "http://127.0.0.1:" + ((WebServerApplicationContext) this.demo).getWebServer().getPort() + "/";
	}

	/** Signs in to the demo with Spring Security's form, and lands on the servers page. */
	private void signIn(WebDriver browser, String user) {
		browser.get(demoUrl());
		wait(browser).until(ExpectedConditions.urlContains("/login"));
		browser.findElement(By.name("username")).sendKeys(user);
		browser.findElement(By.name("password")).sendKeys(user);
		browser.findElement(By.cssSelector("form button[type=submit]")).click();
		wait(browser).until(ExpectedConditions.textToBe(By.id("user"), user));
	}

	/** Connect, then the sample server's own login page (demo/demo), then back on the servers page. */
	private void connectThroughTheServersLogin(WebDriver browser) {
		browser.findElement(By.id("connect-sample")).click();
		wait(browser).until(ExpectedConditions.urlToBe(server.baseUrl() + "/login"));
		browser.findElement(By.name("username")).sendKeys("demo");
		browser.findElement(By.name("password")).sendKeys("demo");
		browser.findElement(By.cssSelector("form button[type=submit]")).click();
		wait(browser).until(ExpectedConditions.urlToBe(demoUrl()));
		assertThat(status(browser)).isEqualTo("connected");
	}

	private String callEcho(WebDriver browser, String message) {
		browser.get(demoUrl());
		browser.findElement(By.id("tools-sample")).click();
		wait(browser).until(ExpectedConditions.presenceOfElementLocated(By.id("call-echo")));
		browser.findElement(By.cssSelector("#call-echo input[name=message]")).sendKeys(message);
		browser.findElement(By.id("submit-echo")).click();
		wait(browser).until(ExpectedConditions.presenceOfElementLocated(By.id("result")));
		assertThat(browser.getCurrentUrl()).startsWith(demoUrl());
		String result = browser.findElement(By.id("result")).getText();
		browser.get(demoUrl());
		return result;
	}

	private String status(WebDriver browser) {
		return browser.findElement(By.cssSelector("#server-sample .status")).getText();
	}

	private String token(WebDriver browser) {
		return browser.findElement(By.cssSelector("#server-sample .token code")).getText();
	}

	private String storedFingerprint(String user) {
		OAuthToken token = this.demo.getBean(TokenStore.class).loadToken(new TokenKey("sample", user)).block(TIMEOUT);
		return (token != null) ? Redaction.fingerprint(token.accessToken()) : null;
	}

	private static WebDriverWait wait(WebDriver browser) {
		return new WebDriverWait(browser, TIMEOUT);
	}

}
