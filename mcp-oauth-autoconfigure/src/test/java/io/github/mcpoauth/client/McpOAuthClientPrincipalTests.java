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

package io.github.mcpoauth.client;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.github.mcpoauth.core.McpServerDefinition;
import io.github.mcpoauth.core.McpServerRegistry;
import io.github.mcpoauth.transport.McpOAuthHandler;
import io.github.mcpoauth.transport.McpHttpClientAuthorization;
import io.github.mcpoauth.principal.McpPrincipals;
import io.github.mcpoauth.store.InMemoryTokenStore;
import io.github.mcpoauth.store.TokenKey;
import io.github.mcpoauth.testsupport.Engines;
import io.github.mcpoauth.testsupport.FakeAuthorizationServer;
import io.github.mcpoauth.testsupport.MutableClock;
import io.github.mcpoauth.testsupport.RecordedRequest;
import io.github.mcpoauth.transport.McpOAuthExchangeFilterFunction;
import io.modelcontextprotocol.common.McpTransportContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.web.reactive.function.client.WebClient;

import static io.github.mcpoauth.testsupport.McpOAuthAssertions.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A token belongs to a server and a principal: concurrent requests of two users, through
 * the WebClient filter, the handler and the SDK transport hooks, each use their own token
 * and never the other's.
 */
class McpOAuthClientPrincipalTests {

	@RegisterExtension
	final FakeAuthorizationServer fake = FakeAuthorizationServer.startWithMetadata();

	private final McpServerDefinition server = this.fake.mcpServer();

	private final MutableClock clock = MutableClock.now();

	private final InMemoryTokenStore store = new InMemoryTokenStore(this.clock);

	private final McpOAuthClient client = Engines.direct(this.store, this.clock).build();

	private final McpServerRegistry servers = new McpServerRegistry(List.of(this.server));

	private final WebClient webClient = WebClient.builder()
		.filter(new McpOAuthExchangeFilterFunction(this.client, this.servers))
		.build();

	@Test
	void filterWhenTwoUsersCallConcurrentlyThenEachUsesOnlyItsOwnToken() {
		Flux<Integer> alice = Flux.range(0, 40)
			.flatMap((i) -> call("alice").contextWrite(ReactiveSecurityContextHolder
				.withAuthentication(UsernamePasswordAuthenticationToken.authenticated("alice", null, List.of()))));
		Flux<Integer> bob = Flux.range(0, 40)
			.flatMap((i) -> call("bob").contextWrite(ReactiveSecurityContextHolder
				.withAuthentication(UsernamePasswordAuthenticationToken.authenticated("bob", null, List.of()))));
		Flux<Integer> carol = Flux.range(0, 40).flatMap((i) -> this.webClient.post()
			.uri(this.server.url())
			.header("X-Principal", "carol")
			.attributes(McpOAuthExchangeFilterFunction.mcpPrincipal("carol"))
			.retrieve()
			.toBodilessEntity()
			.map((response) -> response.getStatusCode().value()));

		List<Integer> statuses = Flux.merge(alice, bob, carol).collectList().block(TIMEOUT);

		assertThat(statuses).hasSize(120).containsOnly(200);
		Map<String, Set<String>> tokensByPrincipal = tokensSentByPrincipal();
		assertThat(tokensByPrincipal.keySet()).containsExactlyInAnyOrder("alice", "bob", "carol");
		tokensByPrincipal.values().forEach((tokens) -> assertThat(tokens).hasSize(1));
		assertThat(tokensByPrincipal.values().stream().flatMap(Set::stream).distinct()).hasSize(3);
		assertThat(this.store.tokenKeys().collectList().block(TIMEOUT)).containsExactly(TokenKey.of("fake", "alice"),
				TokenKey.of("fake", "bob"), TokenKey.of("fake", "carol"));
		assertThat(this.fake.tokenRequests("authorization_code")).hasSize(3);
	}

	@Test
	void filterWhenNoUserIsSignedInThenUsesTheDefaultPrincipal() {
		call("none").block(TIMEOUT);

		assertThat(this.store.tokenKeys().collectList().block(TIMEOUT)).containsExactly(TokenKey.of("fake"));
		assertThat(this.client.cachedToken(this.server)).isNotNull();
		assertThat(this.client.cachedToken(this.server, "alice")).isNull();
	}

	@Test
	void handlerWhenPrincipalsAreNamedInTheContextThenEachGetsItsOwnHeader() {
		McpOAuthHandler handler = new McpOAuthHandler(this.client, this.servers, WebClient.builder());

		handler.ensureAuthenticated("fake").contextWrite(McpPrincipals.withPrincipal("alice")).block(TIMEOUT);
		handler.ensureAuthenticated("fake").contextWrite(McpPrincipals.withPrincipal("bob")).block(TIMEOUT);

		String alice = handler.authorizationHeader("fake").contextWrite(McpPrincipals.withPrincipal("alice"))
			.block(TIMEOUT);
		String bob = handler.authorizationHeader("fake").contextWrite(McpPrincipals.withPrincipal("bob")).block(TIMEOUT);
		String nobody = handler.authorizationHeader("fake").block(TIMEOUT);

		assertThat(alice).startsWith("Bearer ").isNotEqualTo(bob);
		assertThat(nobody).isNull();
		assertThat(this.fake.tokenRequests("authorization_code")).hasSize(2);
	}

	@Test
	void sdkTransportHooksWhenEachTransportHasItsPrincipalThenEachSendsItsOwnToken() {
		McpHttpClientAuthorization alice = McpHttpClientAuthorization.of(this.client, this.server, "alice");
		McpHttpClientAuthorization bob = McpHttpClientAuthorization.of(this.client, this.server, "bob");
		String aliceToken = this.client.ensureAuthenticated(this.server, "alice").block(TIMEOUT).accessToken();
		String bobToken = this.client.ensureAuthenticated(this.server, "bob").block(TIMEOUT).accessToken();

		List<String> headers = Flux.range(0, 20)
			.flatMap((i) -> Flux.merge(header(alice).map((h) -> "alice " + h), header(bob).map((h) -> "bob " + h)))
			.collectList()
			.block(TIMEOUT);

		assertThat(headers).hasSize(40)
			.allMatch((h) -> h.equals("alice Bearer " + aliceToken) || h.equals("bob Bearer " + bobToken));
		assertThat(aliceToken).isNotEqualTo(bobToken);
	}

	@Test
	void sdkTransportHooksWhenTheTransportContextNamesAPrincipalThenUsesIt() {
		McpHttpClientAuthorization hooks = McpHttpClientAuthorization.of(this.client, this.server);
		String daveToken = this.client.ensureAuthenticated(this.server, "dave").block(TIMEOUT).accessToken();

		HttpRequest request = Mono.from(hooks.customize(HttpRequest.newBuilder(this.server.url()), "POST",
				this.server.url(), "{}",
				McpTransportContext.create(Map.of(McpHttpClientAuthorization.PRINCIPAL_CONTEXT_KEY, "dave"))))
			.block(TIMEOUT)
			.build();

		assertThat(request.headers().firstValue("Authorization")).hasValue("Bearer " + daveToken);
	}

	private Mono<String> header(McpHttpClientAuthorization hooks) {
		URI url = this.server.url();
		return Mono.from(hooks.customize(HttpRequest.newBuilder(url), "POST", url, "{}", McpTransportContext.EMPTY))
			.map((builder) -> builder.build().headers().firstValue("Authorization").orElse("none"));
	}

	private Mono<Integer> call(String principal) {
		return this.webClient.post()
			.uri(this.server.url())
			.header("X-Principal", principal)
			.retrieve()
			.toBodilessEntity()
			.map((response) -> response.getStatusCode().value());
	}

	private Map<String, Set<String>> tokensSentByPrincipal() {
		return this.fake.requests("/mcp")
			.stream()
			.filter((request) -> request.bearerToken() != null)
			.collect(Collectors.groupingBy((RecordedRequest request) -> request.header("X-Principal"),
					Collectors.mapping(RecordedRequest::bearerToken, Collectors.toSet())));
	}

}
