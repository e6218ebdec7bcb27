package io.github.mcpoauth.integration.shutdown;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.github.mcpoauth.mcp.McpHttpClientTransports;
import io.github.mcpoauth.mcp.McpWebClientTransports;
import io.github.mcpoauth.sample.server.StaticAuthServer;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class ShutdownWithOpenClientsTests {

	@TempDir
	Path directory;

	@Test
	void explore(CapturedOutput output) throws Exception {
		StaticAuthServer server = StaticAuthServer.start("--port=0");
		ConfigurableApplicationContext application = new SpringApplicationBuilder(ClientApplication.class)
			.web(WebApplicationType.NONE)
			.properties(Map.of("mcp.oauth.servers.sample.url", server.mcpUrl(), "mcp.oauth.servers.sample.grant-type",
					"client-credentials", "mcp.oauth.servers.sample.client-id", "static-mcp-client-001",
					"mcp.oauth.servers.sample.client-secret", "your-secret-key-change-this-in-production",
					"mcp.oauth.storage.type", "memory", "spring.main.banner-mode", "off"))
			.run();
		McpSyncClient webClient = application.getBean("webClientMcp", McpSyncClient.class);
		McpSyncClient httpClient = application.getBean("httpClientMcp", McpSyncClient.class);
		webClient.initialize();
		httpClient.initialize();
		webClient.callTool(new McpSchema.CallToolRequest("echo", Map.of("message", "a")));
		httpClient.callTool(new McpSchema.CallToolRequest("echo", Map.of("message", "a")));
		Thread.sleep(1000);
		int mark = output.length();
		System.err.println("=== closing the server");
		server.close();
		Thread.sleep(3000);
		System.err.println("=== closing the application");
		application.close();
		Thread.sleep(1000);
		System.err.println("=== done");
		System.out.println("CAPTURED>>>" + output.toString().substring(mark) + "<<<CAPTURED");
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
