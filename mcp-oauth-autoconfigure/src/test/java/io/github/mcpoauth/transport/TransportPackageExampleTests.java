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

package io.github.mcpoauth.transport;

import java.util.List;
import java.util.Map;

import io.github.mcpoauth.authorization.DirectUserAgent;
import io.github.mcpoauth.client.McpOAuthClient;
import io.github.mcpoauth.core.McpServerDefinition;
import io.github.mcpoauth.core.McpServerRegistry;
import io.github.mcpoauth.protocol.McpProtocolClient;
import io.github.mcpoauth.protocol.McpResponse;
import io.github.mcpoauth.store.InMemoryTokenStore;
import io.github.mcpoauth.testsupport.FakeAuthorizationServer;
import io.github.mcpoauth.testsupport.FakeMcpServer;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the example of the {@code transport} package's Javadoc ({@code package-info.java})
 * against {@link FakeAuthorizationServer} playing an MCP server of revision 2025-11-25.
 */
class TransportPackageExampleTests {

	@RegisterExtension
	final FakeAuthorizationServer fake = FakeAuthorizationServer.startWithMetadata();

	/** The example of the package's Javadoc, as written there. */
	static String transportExample(McpServerRegistry servers, McpHttpClientTransports httpClientTransports,
			WebClient.Builder webClientBuilder, McpOAuthExchangeFilterFunction mcpOAuthExchangeFilterFunction,
			McpOAuthHandler mcpOAuthHandler) {
		McpServerDefinition server = servers.get("sample");

		// the MCP Java SDK's client, over the JDK HttpClient transport
		McpSyncClient mcp = McpClient.sync(httpClientTransports.transport("sample")).build();
		McpSchema.InitializeResult initialized = mcp.initialize();

		// an application's own WebClient: the filter adds the token, refreshes on 401, steps up on 403
		WebClient webClient = webClientBuilder.filter(mcpOAuthExchangeFilterFunction).build();
		HttpStatusCode status = webClient.post().uri(server.url())
			.attributes(McpOAuthExchangeFilterFunction.mcpServer("sample"))
			.header(HttpHeaders.ACCEPT, McpProtocolClient.ACCEPT)
			.bodyValue(Map.of("jsonrpc", "2.0", "id", 1, "method", "ping"))
			.exchangeToMono((response) -> Mono.just(response.statusCode()))
			.block();

		// the handler: headers for a request of one's own, or a request whose JSON or SSE answer comes back parsed
		HttpHeaders headers = mcpOAuthHandler.prepareHeaders("sample").block();
		McpResponse answer = mcpOAuthHandler.post("sample", Map.of("jsonrpc", "2.0", "id", 2, "method", "ping"), null).block();

		mcp.closeGracefully();
		return initialized.serverInfo().name() + " " + status.value() + " " + headers.getFirst(HttpHeaders.AUTHORIZATION)
				+ " " + answer.status().value();
	}

	@Test
	void transportExampleAuthorizesOnceAndReachesTheServerThroughAllThreeWays() {
		FakeMcpServer mcp = new FakeMcpServer(FakeMcpServer.Era.LEGACY);
		this.fake.mcpHandler(mcp);
		McpServerRegistry servers = new McpServerRegistry(
				List.of(McpServerDefinition.builder("sample", this.fake.mcpUrl()).build()));
		McpOAuthClient engine = McpOAuthClient.builder()
			.webClient(WebClient.create())
			.tokenStore(new InMemoryTokenStore())
			.userAgent(new DirectUserAgent(WebClient.create()))
			.build();
		McpOAuthExchangeFilterFunction filter = new McpOAuthExchangeFilterFunction(engine, servers);

		String outcome = transportExample(servers, new McpHttpClientTransports(engine, servers), WebClient.builder(),
				filter, new McpOAuthHandler(engine, servers, WebClient.builder()));

		assertThat(outcome).startsWith("fake-legacy ").contains(" Bearer ");
		assertThat(this.fake.count("/token")).isOne();
		assertThat(mcp.methods()).contains("initialize");
	}

}
