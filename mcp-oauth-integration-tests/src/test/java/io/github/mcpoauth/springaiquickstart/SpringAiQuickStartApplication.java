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

package io.github.mcpoauth.springaiquickstart;

import java.util.List;
import java.util.Map;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;

import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * The README's Spring AI quick start, word for word: the whole Java part of an application
 * that calls the sample server's {@code echo} tool through Spring AI's MCP client.
 * {@link SpringAiQuickStartTests} runs it.
 */
@SpringBootApplication
public class SpringAiQuickStartApplication {

	public static void main(String[] args) {
		SpringApplication.run(SpringAiQuickStartApplication.class, args);
	}

	@Bean
	CommandLineRunner callEcho(List<McpSyncClient> mcpClients) {
		return (args) -> {
			CallToolResult result = mcpClients.get(0)
				.callTool(new CallToolRequest("echo", Map.of("message", "Hello, Spring AI")));
			System.out.println(result.structuredContent());
		};
	}

}
