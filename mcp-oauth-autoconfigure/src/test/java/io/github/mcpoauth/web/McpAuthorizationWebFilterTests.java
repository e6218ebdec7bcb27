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

package io.github.mcpoauth.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.mcpoauth.client.McpOAuthClient;
import io.github.mcpoauth.core.McpServerRegistry;
import io.github.mcpoauth.principal.McpPrincipals;
import io.github.mcpoauth.store.InMemoryTokenStore;
import io.github.mcpoauth.store.TokenKey;
import io.github.mcpoauth.testsupport.FakeAuthorizationServer;
import io.github.mcpoauth.token.TokenEndpointClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseCookie;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.WebFilter;
import org.springframework.web.util.UriComponentsBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web flow of {@link McpAuthorizationWebFilter} and {@link WebAuthorizationCodeGrantProvider}
 * against {@link FakeAuthorizationServer}, which approves at once: the redirect of a user's
 * request that needs an authorization, the callback that stores that user's tokens, and every
 * way a callback is refused with a page that says why and stores nothing. The signed-in user is
 * named by an {@code X-User} header (a filter in front plays Spring Security).
 */
class McpAuthorizationWebFilterTests {

	private static final String APP = "http://app.example";

	@RegisterExtension
	final FakeAuthorizationServer fake = FakeAuthorizationServer.startWithMetadata();

	private final InMemoryTokenStore store = new InMemoryTokenStore();

	private McpOAuthClient engine;

	private McpConnections connections;

	private WebTestClient app;

	@BeforeEach
	void startApplication() {
		WebAuthorizationCodeGrantProvider web = new WebAuthorizationCodeGrantProvider(
				new TokenEndpointClient(WebClient.create(), Clock.systemUTC()), Clock.systemUTC());
		this.engine = McpOAuthClient.builder().webClient(WebClient.create()).tokenStore(this.store).grantProvider(web)
			.build();
		McpServerRegistry servers = new McpServerRegistry(List.of(this.fake.mcpServer()));
		this.connections = new McpConnections(this.engine, servers);
		McpAuthorizationWebFilter filter = new McpAuthorizationWebFilter(this.engine, servers,
				McpAuthorizationWebFilter.DEFAULT_CALLBACK_PATH, null, Duration.ofMinutes(10), Clock.systemUTC());
		RouterFunction<ServerResponse> pages = RouterFunctions.route()
			.GET("/tools", (request) -> this.connections.connect("fake").then(ServerResponse.ok().bodyValue("tools")))
			.POST("/connect", (request) -> this.connections.connect("fake").then(ServerResponse.ok().bodyValue("done")))
			.build();
		WebFilter signedInUser = (exchange, chain) -> {
			String user = exchange.getRequest().getHeaders().getFirst("X-User");
			return (user != null) ? chain.filter(exchange).contextWrite(McpPrincipals.withPrincipal(user))
					: chain.filter(exchange);
		};
		this.app = WebTestClient.bindToRouterFunction(pages).webFilter(signedInUser, filter).configureClient()
			.baseUrl(APP)
			.build();
	}

	@Test
	void requestThatNeedsAnAuthorizationThenRedirectsTheBrowserToTheAuthorizationServer() {
		EntityExchangeResult<byte[]> redirect = get("/tools?tab=2", "alice", null);

		assertThat(redirect.getStatus()).isEqualTo(HttpStatus.FOUND);
		URI location = redirect.getResponseHeaders().getLocation();
		assertThat(location.toString()).startsWith(this.fake.origin() + "/authorize?");
		Map<String, String> query = UriComponentsBuilder.fromUri(location).build().getQueryParams().toSingleValueMap();
		assertThat(query).containsEntry("response_type", "code")
			.containsEntry("code_challenge_method", "S256")
			.containsEntry("redirect_uri", APP + "/mcp-oauth/callback")
			.containsEntry("resource", this.fake.mcpUrl().toString())
			.containsKeys("state", "code_challenge", "client_id");
		assertThat(sessionCookie(redirect)).isNotNull();
		assertThat(this.store.loadToken(new TokenKey("fake", "alice")).block()).isNull();
	}

	@Test
	void callbackWithTheResponseThenStoresTheTokensOfThatUserAndReturnsToThePage() {
		EntityExchangeResult<byte[]> redirect = get("/tools?tab=2", "alice", null);
		URI response = authorizationServerAnswers(redirect);

		EntityExchangeResult<byte[]> back = get(pathAndQuery(response), "alice", sessionCookie(redirect));

		assertThat(back.getStatus()).isEqualTo(HttpStatus.FOUND);
		assertThat(back.getResponseHeaders().getLocation()).hasToString("/tools?tab=2");
		assertThat(this.store.loadToken(new TokenKey("fake", "alice")).block()).isNotNull();
		assertThat(this.store.loadToken(new TokenKey("fake", "bob")).block()).isNull();
		assertThat(get("/tools", "alice", sessionCookie(redirect)).getStatus()).isEqualTo(HttpStatus.OK);
		assertThat(get("/tools", "bob", null).getStatus()).as("bob is not connected").isEqualTo(HttpStatus.FOUND);
		// a response is used once
		EntityExchangeResult<byte[]> again = get(pathAndQuery(response), "alice", sessionCookie(redirect));
		assertThat(again.getStatus()).isEqualTo(HttpStatus.BAD_REQUEST);
	}

	@Test
	void postThatNeedsAnAuthorizationThenSeeOtherAndReturnsToTheReferringPage() {
		EntityExchangeResult<byte[]> redirect = this.app.post()
			.uri("/connect")
			.header("X-User", "alice")
			.header(HttpHeaders.REFERER, APP + "/servers?x=1")
			.exchange()
			.expectBody()
			.returnResult();
		assertThat(redirect.getStatus()).isEqualTo(HttpStatus.SEE_OTHER);

		EntityExchangeResult<byte[]> back = get(pathAndQuery(authorizationServerAnswers(redirect)), "alice",
				sessionCookie(redirect));

		assertThat(back.getResponseHeaders().getLocation()).hasToString("/servers?x=1");
	}

	@Test
	void callbackWithoutASessionThenAClearPageAndNothingStored() {
		EntityExchangeResult<byte[]> page = get("/mcp-oauth/callback?code=c&state=s", "alice", null);

		assertThat(page.getStatus()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(body(page)).contains("<title>Unexpected authorization response</title>")
			.contains("No authorization started in this browser session is waiting for this response");
		assertNothingRedeemed();
	}

	@Test
	void callbackWithAnotherStateThenAClearPageAndNothingStored() {
		EntityExchangeResult<byte[]> redirect = get("/tools", "alice", null);
		URI response = authorizationServerAnswers(redirect);
		String forged = pathAndQuery(response).replaceFirst("state=[^&]+", "state=forged");

		EntityExchangeResult<byte[]> page = get(forged, "alice", sessionCookie(redirect));

		assertThat(page.getStatus()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(body(page)).contains("No authorization started in this browser session is waiting");
		assertNothingRedeemed();
		// the genuine response still completes
		assertThat(get(pathAndQuery(response), "alice", sessionCookie(redirect)).getStatus())
			.isEqualTo(HttpStatus.FOUND);
	}

	@Test
	void callbackWithAnAuthorizationServerErrorThenAClearPageAndNothingStored() {
		this.fake.authorizationError("access_denied");
		EntityExchangeResult<byte[]> redirect = get("/tools", "alice", null);
		URI response = authorizationServerAnswers(redirect);

		EntityExchangeResult<byte[]> page = get(pathAndQuery(response), "alice", sessionCookie(redirect));

		assertThat(page.getStatus()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(body(page)).contains("<title>Authorization failed</title>")
			.contains("MCP server &#39;fake&#39; was not connected: The authorization server answered &#39;access_denied&#39;")
			.contains("Nothing was stored.")
			.contains("<a href=\"/tools\">Back to the application</a>");
		assertNothingRedeemed();
	}

	@Test
	void callbackOfAnotherUsersAuthorizationThenRefusedAndNothingStored() {
		EntityExchangeResult<byte[]> redirect = get("/tools", "alice", null);
		URI response = authorizationServerAnswers(redirect);

		EntityExchangeResult<byte[]> page = get(pathAndQuery(response), "mallory", sessionCookie(redirect));

		assertThat(page.getStatus()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(body(page)).contains("This authorization was started by another user of the application.");
		assertNothingRedeemed();
	}

	@Test
	void callbackWhenTheCodeIsRefusedThenAClearPageAndNothingStored() {
		EntityExchangeResult<byte[]> redirect = get("/tools", "alice", null);
		URI response = authorizationServerAnswers(redirect);
		this.fake.enqueueTokenError(400, "invalid_grant");

		EntityExchangeResult<byte[]> page = get(pathAndQuery(response), "alice", sessionCookie(redirect));

		assertThat(page.getStatus()).isEqualTo(HttpStatus.BAD_GATEWAY);
		assertThat(body(page)).contains("Redeeming the authorization of MCP server &#39;fake&#39; failed")
			.contains("invalid_grant");
		assertThat(this.store.loadToken(new TokenKey("fake", "alice")).block()).isNull();
	}

	@Test
	void disconnectThenRemovesTheTokensOfThatUserOnly() {
		connect("alice");
		connect("bob");

		this.connections.disconnect("fake").contextWrite(McpPrincipals.withPrincipal("alice")).block();

		assertThat(this.connections.isConnected("fake").contextWrite(McpPrincipals.withPrincipal("alice")).block())
			.isFalse();
		assertThat(this.connections.isConnected("fake").contextWrite(McpPrincipals.withPrincipal("bob")).block())
			.isTrue();
	}

	@Test
	void outsideAWebRequestThenTheWebProviderStandsAside() {
		Mono<Void> connect = this.connections.connect("fake").contextWrite(McpPrincipals.withPrincipal("alice"));

		// no user agent is configured: the built-in provider answers, not a redirect
		assertThat(connect.onErrorResume((ex) -> Mono.fromRunnable(() -> assertThat(ex)
			.isNotInstanceOf(McpAuthorizationRequiredException.class)
			.hasMessageContaining("INTERACTION_REQUIRED"))).then(Mono.just(true)).block()).isTrue();
	}

	private void connect(String user) {
		EntityExchangeResult<byte[]> redirect = get("/tools", user, null);
		assertThat(get(pathAndQuery(authorizationServerAnswers(redirect)), user, sessionCookie(redirect)).getStatus())
			.isEqualTo(HttpStatus.FOUND);
	}

	private void assertNothingRedeemed() {
		assertThat(this.store.loadToken(new TokenKey("fake", "alice")).block()).isNull();
		assertThat(this.fake.requestLines()).noneMatch((line) -> line.startsWith("POST /token"));
	}

	private EntityExchangeResult<byte[]> get(String path, String user, ResponseCookie session) {
		return this.app.get()
			.uri(path)
			.header("X-User", user)
			.cookies((cookies) -> {
				if (session != null) {
					cookies.add(session.getName(), session.getValue());
				}
			})
			.exchange()
			.expectBody()
			.returnResult();
	}

	/** The browser at the authorization server, which approves at once and redirects back. */
	private static URI authorizationServerAnswers(EntityExchangeResult<byte[]> redirect) {
		try {
			HttpResponse<Void> answer = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(redirect.getResponseHeaders().getLocation()).build(),
						HttpResponse.BodyHandlers.discarding());
			assertThat(answer.statusCode()).isEqualTo(302);
			URI back = URI.create(answer.headers().firstValue("Location").orElseThrow());
			assertThat(back.toString()).startsWith(APP + "/mcp-oauth/callback?");
			return back;
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static ResponseCookie sessionCookie(EntityExchangeResult<byte[]> result) {
		return result.getResponseCookies().getFirst("SESSION");
	}

	private static String pathAndQuery(URI uri) {
		return uri.getRawPath() + "?" + uri.getRawQuery();
	}

	private static String body(EntityExchangeResult<byte[]> result) {
		return new String(result.getResponseBody(), StandardCharsets.UTF_8);
	}

}
