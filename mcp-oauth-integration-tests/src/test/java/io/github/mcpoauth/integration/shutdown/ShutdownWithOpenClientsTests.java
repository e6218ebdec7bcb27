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

package io.github.mcpoauth.integration.shutdown;

import java.time.Duration;
import java.util.Map;

import io.github.mcpoauth.transport.McpHttpClientTransports;
import io.github.mcpoauth.transport.McpWebClientTransports;
import io.github.mcpoauth.sample.server.StaticAuthServer;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A starter application that holds MCP clients on both of the project's transports
 * ({@link McpWebClientTransports}, {@link McpHttpClientTransports}), each with its event
 * stream ({@code GET /mcp}) open at the real sample server, stops without a warning or an
 * error in its log, and so does the server under it.
 */
@ExtendWith(OutputCaptureExtension.class)
class ShutdownWithOpenClientsTests {

	private StaticAuthServer server;

	private ConfigurableApplicationContext application;

	@BeforeEach
	void startServerAndApplicationWithConnectedClients() {
		this.server = StaticAuthServer.start("--port=0");
		this.application = new SpringApplicationBuilder(ClientApplication.class).web(WebApplicationType.NONE)
			.properties(Map.of("mcp.oauth.servers.sample.url", this.server.mcpUrl(),
					"mcp.oauth.servers.sample.grant-type", "client-credentials", "mcp.oauth.servers.sample.client-id",
					"static-mcp-client-001", "mcp.oauth.servers.sample.client-secret",
					"your-secret-key-change-this-in-production", "mcp.oauth.storage.type", "memory",
					"spring.main.banner-mode", "off"))
			.run();
		for (String name : new String[] { "webClientMcp", "httpClientMcp" }) {
			McpSyncClient client = this.application.getBean(name, McpSyncClient.class);
			client.initialize();
			assertThat(client.callTool(new McpSchema.CallToolRequest("echo", Map.of("message", name))).isError())
				.isNotEqualTo(Boolean.TRUE);
		}
	}

	@AfterEach
	void stopWhatIsLeft() {
		this.application.close();
		this.server.close();
	}

	@Test
	void applicationStopsWhileItsClientsHoldStreamsThenNoWarningOrError(CapturedOutput output)
			throws InterruptedException {
		int before = output.length();

		this.application.close();
		Thread.sleep(1000); // the WebClient transport ends its session (DELETE /mcp) after close() returns

		assertThat(output.toString().substring(before)).doesNotContain(" WARN ", " ERROR ", "Exception");
	}

	@Test
	void serverStopsWhileClientsHoldStreamsThenTheStreamsEndWithoutWarningOrError(CapturedOutput output)
			throws InterruptedException {
		int before = output.length();

		this.server.close();
		Thread.sleep(1000); // time for the clients to see their streams end

		assertThat(output.toString().substring(before)).doesNotContain(" WARN ", " ERROR ", "Exception");
	}

	@SpringBootApplication(proxyBeanMethods = false)
	static class ClientApplication {

		@Bean
		McpSyncClient webClientMcp(McpWebClientTransports transports) {
			return McpClient.sync(transports.transport("sample")).requestTimeout(Duration.ofSeconds(10)).build();
		}

		@Bean
		McpSyncClient httpClientMcp(McpHttpClientTransports transports) {
			return McpClient.sync(transports.transport("sample")).requestTimeout(Duration.ofSeconds(10)).build();
		}

	}

}
