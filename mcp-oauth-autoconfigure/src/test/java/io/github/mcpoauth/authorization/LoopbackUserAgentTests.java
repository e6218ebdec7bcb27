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

package io.github.mcpoauth.authorization;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.github.mcpoauth.core.McpOAuthErrorCode;
import io.github.mcpoauth.core.McpOAuthException;
import org.junit.jupiter.api.Test;

import static io.github.mcpoauth.testsupport.McpOAuthAssertions.TIMEOUT;
import static io.github.mcpoauth.testsupport.McpOAuthAssertions.expectError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Tests for {@link LoopbackUserAgent}: the RFC 8252 §7.3 loopback redirect listener, driven
 * by launchers that play the browser with {@link HttpClient}.
 */
class LoopbackUserAgentTests {

	private static final URI ANY_PORT = URI.create("http://127.0.0.1:0/callback");

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final List<HttpResponse<String>> browserResponses = new CopyOnWriteArrayList<>();

	@Test
	void startWhenPortIsZeroThenBindsAFreePortOnTheLoopbackAddress() throws Exception {
		UserAgent.Session session = new LoopbackUserAgent((uri) -> {
		}).start(ANY_PORT).block(TIMEOUT);
		try {
			URI redirectUri = session.redirectUri();
			assertThat(redirectUri.getScheme()).isEqualTo("http");
			assertThat(redirectUri.getHost()).isEqualTo("127.0.0.1");
			assertThat(redirectUri.getPort()).isPositive();
			assertThat(redirectUri.getPath()).isEqualTo("/callback");
			assertThat(get(redirectUri.resolve("/other")).statusCode()).isEqualTo(404);
		}
		finally {
			session.close();
		}
	}

	@Test
	void authorizeWhenBrowserBringsTheRightStateThenCompletesWithTheRedirectAndShowsASuccessPage() {
		LoopbackUserAgent userAgent = new LoopbackUserAgent((authorizationUri) -> {
			URI redirectUri = redirectUriOf(authorizationUri);
			this.browserResponses.add(get(URI.create(redirectUri + "?code=the-code&state=" + stateOf(authorizationUri))));
		});
		UserAgent.Session session = userAgent.start(ANY_PORT).block(TIMEOUT);

		URI redirect = session.authorize(authorizationUri(session.redirectUri(), "right-state")).block(TIMEOUT);

		assertThat(AuthorizationResponse.from(redirect, "right-state", "https://as.example", false).code())
			.isEqualTo("the-code");
		assertThat(this.browserResponses).singleElement().satisfies((response) -> {
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
					(type) -> assertThat(type).startsWith("text/html"));
			assertThat(response.body()).contains("Authorization complete");
		});
	}

	@Test
	void authorizeWhenBrowserBringsAWrongStateThenAnswers400AndKeepsWaitingForTheRightOne() {
		LoopbackUserAgent userAgent = new LoopbackUserAgent((authorizationUri) -> {
			URI redirectUri = redirectUriOf(authorizationUri);
			this.browserResponses.add(get(URI.create(redirectUri + "?code=forged&state=wrong")));
			this.browserResponses.add(get(URI.create(redirectUri + "?code=forged")));
			this.browserResponses.add(get(URI.create(redirectUri + "?code=good&state=" + stateOf(authorizationUri))));
		});
		UserAgent.Session session = userAgent.start(ANY_PORT).block(TIMEOUT);

		URI redirect = session.authorize(authorizationUri(session.redirectUri(), "right-state")).block(TIMEOUT);

		assertThat(AuthorizationResponse.queryParameters(redirect.getRawQuery())).containsEntry("code", "good");
		assertThat(this.browserResponses).extracting(HttpResponse::statusCode).containsExactly(400, 400, 200);
		assertThat(this.browserResponses.get(0).body()).contains("Unexpected authorization response")
			.doesNotContain("forged");
	}

	@Test
	void authorizeWhenBrowserIsAsynchronousThenItStillReceivesTheSuccessPage() throws Exception {
		CompletableFuture<HttpResponse<String>> browser = new CompletableFuture<>();
		LoopbackUserAgent userAgent = new LoopbackUserAgent((authorizationUri) -> {
			// like a real browser: the launcher returns at once, the redirect arrives later
			URI callback = URI.create(redirectUriOf(authorizationUri) + "?code=c&state=" + stateOf(authorizationUri));
			CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS)
				.execute(() -> this.http.sendAsync(HttpRequest.newBuilder(callback).build(),
						HttpResponse.BodyHandlers.ofString()).whenComplete((response, ex) -> {
							if (ex != null) {
								browser.completeExceptionally(ex);
							}
							else {
								browser.complete(response);
							}
						}));
		});
		UserAgent.Session session = userAgent.start(ANY_PORT).block(TIMEOUT);

		URI redirect = session.authorize(authorizationUri(session.redirectUri(), "s")).block(TIMEOUT);

		assertThat(redirect.getRawQuery()).contains("code=c");
		HttpResponse<String> page = browser.get(10, TimeUnit.SECONDS);
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("Authorization complete");
	}

	@Test
	void authorizeWhenAuthorizationServerRedirectsAnErrorThenPassesItOnAndShowsAFailurePage() {
		LoopbackUserAgent userAgent = new LoopbackUserAgent((authorizationUri) -> this.browserResponses.add(get(URI.create(
				redirectUriOf(authorizationUri) + "?error=access_denied&state=" + stateOf(authorizationUri)))));
		UserAgent.Session session = userAgent.start(ANY_PORT).block(TIMEOUT);

		URI redirect = session.authorize(authorizationUri(session.redirectUri(), "s")).block(TIMEOUT);

		assertThat(this.browserResponses.get(0).body()).contains("Authorization failed");
		McpOAuthException ex = catchThrowableOfType(McpOAuthException.class,
				() -> AuthorizationResponse.from(redirect, "s", "https://as.example", false));
		assertThat(ex.getErrorCode()).isEqualTo(McpOAuthErrorCode.ACCESS_DENIED);
	}

	@Test
	void authorizeWhenNoResponseArrivesInTimeThenTimeoutAndTheListenerIsClosed() {
		LoopbackUserAgent userAgent = new LoopbackUserAgent((uri) -> {
		});
		userAgent.setTimeout(Duration.ofMillis(300));
		UserAgent.Session session = userAgent.start(ANY_PORT).block(TIMEOUT);

		expectError(session.authorize(authorizationUri(session.redirectUri(), "s")), McpOAuthErrorCode.TIMEOUT);

		assertListenerClosed(session.redirectUri());
	}

	@Test
	void authorizeWhenAuthorizationUrlIsNeitherHttpsNorLoopbackHttpThenRefusesBeforeTheLauncherRuns() {
		List<URI> launched = new CopyOnWriteArrayList<>();
		LoopbackUserAgent userAgent = new LoopbackUserAgent(launched::add);
		for (String url : List.of("file:///etc/passwd", "javascript:alert(1)", "myapp://authorize?state=s",
				"http://as.example/authorize?state=s")) {
			UserAgent.Session session = userAgent.start(ANY_PORT).block(TIMEOUT);

			expectError(session.authorize(URI.create(url)), McpOAuthErrorCode.INSECURE_ENDPOINT);

			assertListenerClosed(session.redirectUri());
		}
		assertThat(launched).isEmpty();
	}

	@Test
	void authorizeWhenResponseArrivedThenTheListenerIsClosed() {
		LoopbackUserAgent userAgent = new LoopbackUserAgent((authorizationUri) -> this.browserResponses
			.add(get(URI.create(redirectUriOf(authorizationUri) + "?code=c&state=" + stateOf(authorizationUri)))));
		UserAgent.Session session = userAgent.start(ANY_PORT).block(TIMEOUT);
		session.authorize(authorizationUri(session.redirectUri(), "s")).block(TIMEOUT);

		assertListenerClosed(session.redirectUri());
	}

	@Test
	void startWhenRedirectUriIsNotLoopbackThenInvalidConfiguration() {
		LoopbackUserAgent userAgent = new LoopbackUserAgent((uri) -> {
		});

		expectError(userAgent.start(URI.create("https://app.example/callback")), McpOAuthErrorCode.INVALID_CONFIGURATION);
		McpOAuthException ex = expectError(userAgent.start(URI.create("http://localhost:0/callback")),
				McpOAuthErrorCode.INVALID_CONFIGURATION);
		assertThat(ex.getMessage()).contains("redirect-uri");
	}

	@Test
	void startWhenPortIsTakenThenInvalidConfiguration() throws IOException {
		try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
			LoopbackUserAgent userAgent = new LoopbackUserAgent((uri) -> {
			});

			McpOAuthException ex = expectError(
					userAgent.start(URI.create("http://127.0.0.1:" + taken.getLocalPort() + "/callback")),
					McpOAuthErrorCode.INVALID_CONFIGURATION);

			assertThat(ex.getMessage()).contains(String.valueOf(taken.getLocalPort()));
		}
	}

	@Test
	void startWhenPortIsFixedThenListensOnThatPort() throws IOException {
		int port;
		try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
			port = probe.getLocalPort();
		}
		UserAgent.Session session = new LoopbackUserAgent((uri) -> {
		}).start(URI.create("http://127.0.0.1:" + port + "/cb")).block(TIMEOUT);
		try {
			assertThat(session.redirectUri()).isEqualTo(URI.create("http://127.0.0.1:" + port + "/cb"));
		}
		finally {
			session.close();
		}
	}

	/** New connections are refused once the listener is closed (closing may finish asynchronously). */
	private static void assertListenerClosed(URI redirectUri) {
		long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
		while (true) {
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress("127.0.0.1", redirectUri.getPort()), 1000);
			}
			catch (ConnectException ex) {
				return;
			}
			catch (IOException ex) {
				// the connection was cut while closing: try again
			}
			assertThat(System.nanoTime()).as("listener still accepting connections").isLessThan(deadline);
			sleep(50);
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private HttpResponse<String> get(URI uri) {
		try {
			return this.http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
					HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static URI authorizationUri(URI redirectUri, String state) {
		return URI.create("https://as.example/authorize?response_type=code&client_id=app&state=" + state
				+ "&redirect_uri=" + URLEncoder.encode(redirectUri.toString(), StandardCharsets.UTF_8));
	}

	private static URI redirectUriOf(URI authorizationUri) {
		return URI.create(AuthorizationResponse.queryParameters(authorizationUri.getRawQuery()).get("redirect_uri"));
	}

	private static String stateOf(URI authorizationUri) {
		return AuthorizationResponse.queryParameters(authorizationUri.getRawQuery()).get("state");
	}

}
