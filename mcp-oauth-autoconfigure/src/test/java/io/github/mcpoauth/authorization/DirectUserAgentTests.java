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

import java.net.URI;
import java.time.Duration;
import java.util.List;

import io.github.mcpoauth.core.McpOAuthErrorCode;
import io.github.mcpoauth.core.McpOAuthException;
import io.github.mcpoauth.testsupport.FakeAuthorizationServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriComponentsBuilder;

import static io.github.mcpoauth.testsupport.McpOAuthAssertions.TIMEOUT;
import static io.github.mcpoauth.testsupport.McpOAuthAssertions.expectError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DirectUserAgent} against {@link FakeAuthorizationServer}.
 */
class DirectUserAgentTests {

	private FakeAuthorizationServer fake;

	private DirectUserAgent userAgent;

	@BeforeEach
	void setUp() {
		this.fake = FakeAuthorizationServer.start();
		this.userAgent = new DirectUserAgent(WebClient.create());
	}

	@AfterEach
	void tearDown() {
		this.fake.close();
	}

	@Test
	void startWhenPortIsZeroThenRedirectUriHasNoPort() {
		UserAgent.Session session = this.userAgent.start(URI.create("http://127.0.0.1:0/callback")).block(TIMEOUT);

		assertThat(session.redirectUri()).isEqualTo(URI.create("http://127.0.0.1/callback"));
	}

	@Test
	void startWhenPortIsSetThenKeepsTheRedirectUri() {
		UserAgent.Session session = this.userAgent.start(URI.create("http://127.0.0.1:8765/cb")).block(TIMEOUT);

		assertThat(session.redirectUri()).isEqualTo(URI.create("http://127.0.0.1:8765/cb"));
	}

	@Test
	void authorizeWhenServerRedirectsToTheRedirectUriThenReturnsItWithoutRequestingIt() {
		UserAgent.Session session = this.userAgent.start(URI.create("http://127.0.0.1:0/callback")).block(TIMEOUT);

		URI redirect = session.authorize(authorizationUri(session.redirectUri(), "st-1")).block(TIMEOUT);

		assertThat(redirect.getHost()).isEqualTo("127.0.0.1");
		assertThat(redirect.getPath()).isEqualTo("/callback");
		assertThat(AuthorizationResponse.queryParameters(redirect.getRawQuery())).containsEntry("state", "st-1")
			.containsKey("code");
		assertThat(this.fake.requestLines()).containsExactly("GET /authorize");
	}

	@Test
	void authorizeWhenServerRedirectsSeveralTimesThenFollowsUntilTheRedirectUri() {
		this.fake.consentHop(true);
		UserAgent.Session session = this.userAgent.start(URI.create("http://127.0.0.1:0/callback")).block(TIMEOUT);

		URI redirect = session.authorize(authorizationUri(session.redirectUri(), "st-2")).block(TIMEOUT);

		assertThat(AuthorizationResponse.from(redirect, "st-2", this.fake.issuer(), false).code()).startsWith("code-");
		assertThat(this.fake.requestLines()).containsExactly("GET /authorize", "GET /consent");
	}

	@Test
	void authorizeWhenServerAnswersWithALoginPageThenInteractionRequired() {
		this.fake.loginPage(true);
		UserAgent.Session session = this.userAgent.start(URI.create("http://127.0.0.1:0/callback")).block(TIMEOUT);

		McpOAuthException ex = expectError(session.authorize(authorizationUri(session.redirectUri(), "secret-state")),
				McpOAuthErrorCode.INTERACTION_REQUIRED);

		assertThat(ex.getMessage()).contains("200").contains("/authorize").doesNotContain("secret-state");
	}

	@Test
	void authorizeWhenServerRedirectsInALoopThenInteractionRequired() {
		this.fake.route("/loop", (request) -> FakeAuthorizationServer.Response.redirect("/loop"));
		UserAgent.Session session = this.userAgent.start(URI.create("http://127.0.0.1:0/callback")).block(TIMEOUT);

		expectError(session.authorize(this.fake.uri("/loop")), McpOAuthErrorCode.INTERACTION_REQUIRED);

		assertThat(this.fake.count("/loop")).isEqualTo(11);
	}

	@Test
	void authorizeWhenAuthorizationUrlIsNeitherHttpsNorLoopbackHttpThenRequestsNothing() {
		UserAgent.Session session = this.userAgent.start(URI.create("http://127.0.0.1:0/callback")).block(TIMEOUT);

		for (String url : List.of("file:///etc/passwd", "javascript:alert(1)", "http://as.invalid/authorize")) {
			expectError(session.authorize(URI.create(url)), McpOAuthErrorCode.INSECURE_ENDPOINT);
		}
	}

	@Test
	void authorizeWhenARedirectLeadsToAnInsecureUrlThenStopsThereWithoutRequestingIt() {
		this.fake.route("/to-file", (request) -> FakeAuthorizationServer.Response.redirect("file:///etc/passwd"));
		this.fake.route("/to-remote-http",
				(request) -> FakeAuthorizationServer.Response.redirect("http://as.invalid/authorize"));
		UserAgent.Session session = this.userAgent.start(URI.create("http://127.0.0.1:0/callback")).block(TIMEOUT);

		McpOAuthException toFile = expectError(session.authorize(this.fake.uri("/to-file")),
				McpOAuthErrorCode.INSECURE_ENDPOINT);
		McpOAuthException toRemote = expectError(session.authorize(this.fake.uri("/to-remote-http")),
				McpOAuthErrorCode.INSECURE_ENDPOINT);

		assertThat(toFile.getMessage()).contains("redirect target 'file:...'");
		assertThat(toRemote.getMessage()).contains("redirect target 'http://as.invalid/authorize'");
	}

	@Test
	void authorizeWhenServerDoesNotAnswerInTimeThenTimeout() {
		this.fake.route("/slow", (request) -> {
			sleep(Duration.ofSeconds(2));
			return FakeAuthorizationServer.Response.notFound();
		});
		this.userAgent.setTimeout(Duration.ofMillis(200));
		UserAgent.Session session = this.userAgent.start(URI.create("http://127.0.0.1:0/callback")).block(TIMEOUT);

		expectError(session.authorize(this.fake.uri("/slow")), McpOAuthErrorCode.TIMEOUT);
	}

	private URI authorizationUri(URI redirectUri, String state) {
		return UriComponentsBuilder.fromUri(this.fake.uri("/authorize"))
			.queryParam("response_type", "code")
			.queryParam("client_id", "app")
			.queryParam("redirect_uri", redirectUri.toString())
			.queryParam("state", state)
			.queryParam("code_challenge", Pkce.generate().codeChallenge())
			.queryParam("code_challenge_method", "S256")
			.encode()
			.build()
			.toUri();
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
