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

package io.github.mcpoauth.http;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.mcpoauth.core.McpOAuthErrorCode;
import io.github.mcpoauth.core.McpOAuthException;
import io.github.mcpoauth.testsupport.FakeAuthorizationServer;
import io.github.mcpoauth.testsupport.FakeAuthorizationServer.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;

import static io.github.mcpoauth.testsupport.McpOAuthAssertions.TIMEOUT;
import static io.github.mcpoauth.testsupport.McpOAuthAssertions.expectError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link BackChannel} on its own, against {@link FakeAuthorizationServer}: what a
 * {@code WebClient} derived through it lets through and what it refuses.
 */
class BackChannelTests {

	@RegisterExtension
	final FakeAuthorizationServer fake = FakeAuthorizationServer.start();

	private final WebClient webClient = BackChannel.webClient(WebClient.create(), Duration.ofSeconds(5));

	@Test
	void webClientWhenTheServerAnswersThenTheCallerReadsTheWholeBody() {
		this.fake.document("/doc", Map.of("issuer", "x".repeat(100_000)));

		Map<?, ?> body = this.webClient.get()
			.uri(this.fake.uri("/doc"))
			.exchangeToMono((response) -> response.bodyToMono(Map.class))
			.block(TIMEOUT);

		assertThat(body.get("issuer")).asString().hasSize(100_000);
	}

	@Test
	void webClientWhenTheServerAnswersAnErrorThenTheCallerStillSeesItsStatusAndBody() {
		this.fake.route("/doc", (request) -> Response.json(400, Map.of("error", "invalid_request")));

		String body = this.webClient.get()
			.uri(this.fake.uri("/doc"))
			.exchangeToMono((response) -> response.bodyToMono(String.class)
				.map((text) -> response.statusCode().value() + " " + text))
			.block(TIMEOUT);

		assertThat(body).isEqualTo("400 {\"error\":\"invalid_request\"}");
	}

	@Test
	void webClientWhenTheServerAnswersARedirectWithoutLocationThenRedirectRefused() {
		this.fake.route("/doc", (request) -> new Response(303, Map.of(), ""));

		McpOAuthException ex = expectError(get("/doc"), McpOAuthErrorCode.REDIRECT_REFUSED);

		assertThat(ex.getMessage()).contains("HTTP 303").contains("nowhere (no Location)");
	}

	@Test
	void webClientWhenTheRedirectCarriesAQueryThenTheMessageLeavesItOut() {
		this.fake.route("/doc", (request) -> Response.redirect("https://evil.example/collect?code=abc"));

		McpOAuthException ex = expectError(get("/doc"), McpOAuthErrorCode.REDIRECT_REFUSED);

		assertThat(ex.getMessage()).contains("'https://evil.example/collect'").doesNotContain("code=abc");
	}

	@Test
	void webClientWhenTheAnswerIsLargerThanOneMebibyteThenInvalidResponse() {
		this.fake.route("/doc",
				(request) -> new Response(200, Map.of("Content-Type", "text/plain"), "x".repeat(1024 * 1024 + 1)));

		expectError(get("/doc"), McpOAuthErrorCode.INVALID_RESPONSE);
	}

	@Test
	void webClientWhenTheUrlIsNeitherHttpsNorLoopbackHttpThenInsecureEndpointAndNothingIsSent() {
		for (String url : List.of("http://as.invalid/token", "file:///etc/passwd", "ftp://127.0.0.1/x")) {
			expectError(this.webClient.get().uri(URI.create(url)).retrieve().toBodilessEntity(),
					McpOAuthErrorCode.INSECURE_ENDPOINT);
		}
	}

	@Test
	void filterWhenTimeoutIsNotPositiveThenRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> BackChannel.filter(Duration.ZERO));
		assertThatIllegalArgumentException().isThrownBy(() -> BackChannel.filter(Duration.ofSeconds(-1)));
	}

	@Test
	void formatThenSaysSecondsOrMilliseconds() {
		assertThat(BackChannel.format(Duration.ofSeconds(30))).isEqualTo("30 s");
		assertThat(BackChannel.format(Duration.ofMillis(1500))).isEqualTo("1500 ms");
	}

	private Mono<Void> get(String path) {
		return this.webClient.get().uri(this.fake.uri(path)).exchangeToMono(ClientResponse::releaseBody);
	}

}
