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

package io.github.mcpoauth.quickstart;

import java.util.Map;

import io.github.mcpoauth.transport.McpWebClientTransports;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;

import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * The README's quick start, word for word: the whole Java part of an application that calls
 * the sample server's {@code echo} tool. {@link QuickStartTests} runs it.
 */
@SpringBootApplication
public class QuickStartApplication {

	public static void main(String[] args) {
		SpringApplication.run(QuickStartApplication.class, args);
	}

	@Bean
	CommandLineRunner callEcho(McpWebClientTransports transports) {
		return (args) -> {
			try (McpSyncClient mcp = McpClient.sync(transports.transport("sample")).build()) {
				mcp.initialize();
				CallToolResult result = mcp.callTool(new CallToolRequest("echo", Map.of("message", "Hello, MCP")));
				System.out.println(result.structuredContent());
			}
		};
	}

}
