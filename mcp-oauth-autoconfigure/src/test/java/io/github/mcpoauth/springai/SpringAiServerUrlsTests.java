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

package io.github.mcpoauth.springai;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An {@code mcp.oauth.servers} entry without a URL takes the one of Spring AI's connection of
 * the same name; nothing else changes.
 */
class SpringAiServerUrlsTests {

	private final MockEnvironment environment = new MockEnvironment();

	@Test
	void entryWithoutUrlThenTakesTheConnectionsBaseUrlAndDefaultEndpoint() {
		this.environment.setProperty("spring.ai.mcp.client.streamable-http.connections.sample.url",
				"http://127.0.0.1:9003");
		this.environment.setProperty("mcp.oauth.servers.sample.client-id", "static-mcp-client-001");

		postProcess();

		assertThat(this.environment.getProperty("mcp.oauth.servers.sample.url")).isEqualTo("http://127.0.0.1:9003/mcp");
		assertThat(this.environment.getPropertySources().contains(SpringAiServerUrls.PROPERTY_SOURCE_NAME)).isTrue();
	}

	@Test
	void entryWithoutUrlThenTakesTheConnectionsEndpoint() {
		this.environment.setProperty("spring.ai.mcp.client.streamable-http.connections.github.url",
				"https://api.example.com/");
		this.environment.setProperty("spring.ai.mcp.client.streamable-http.connections.github.endpoint", "/v2/mcp");
		this.environment.setProperty("mcp.oauth.servers.github.scopes", "repo");

		postProcess();

		assertThat(this.environment.getProperty("mcp.oauth.servers.github.url"))
			.isEqualTo("https://api.example.com/v2/mcp");
	}

	@Test
	void entryWithUrlThenKeepsIt() {
		this.environment.setProperty("spring.ai.mcp.client.streamable-http.connections.sample.url",
				"http://localhost:9003");
		this.environment.setProperty("mcp.oauth.servers.sample.url", "http://127.0.0.1:9003/mcp");

		postProcess();

		assertThat(this.environment.getProperty("mcp.oauth.servers.sample.url")).isEqualTo("http://127.0.0.1:9003/mcp");
		assertThat(this.environment.getPropertySources().contains(SpringAiServerUrls.PROPERTY_SOURCE_NAME)).isFalse();
	}

	@Test
	void connectionWithoutEntryThenAddsNoServer() {
		this.environment.setProperty("spring.ai.mcp.client.streamable-http.connections.public.url",
				"http://127.0.0.1:9004");
		this.environment.setProperty("mcp.oauth.servers.sample.client-id", "static-mcp-client-001");

		postProcess();

		assertThat(this.environment.containsProperty("mcp.oauth.servers.public.url")).isFalse();
		assertThat(this.environment.containsProperty("mcp.oauth.servers.sample.url")).isFalse();
	}

	private void postProcess() {
		new SpringAiServerUrls().postProcessEnvironment(this.environment, new SpringApplication());
	}

}
