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

import java.net.URI;
import java.util.List;

import io.github.mcpoauth.core.McpServerDefinition;
import io.github.mcpoauth.core.McpServerRegistry;
import io.github.mcpoauth.springai.SpringAiConnections.Transport;
import org.junit.jupiter.api.Test;

import org.springframework.ai.mcp.client.common.autoconfigure.properties.McpStreamableHttpClientProperties;
import org.springframework.ai.mcp.client.common.autoconfigure.properties.McpStreamableHttpClientProperties.ConnectionParameters;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring AI's connections are matched to servers by the URL their transport requests.
 */
class SpringAiConnectionsTests {

	private final McpStreamableHttpClientProperties properties = new McpStreamableHttpClientProperties();

	private final McpServerRegistry servers = new McpServerRegistry(
			List.of(McpServerDefinition.builder("sample", URI.create("http://127.0.0.1:9003/mcp")).build()));

	private final SpringAiConnections connections = new SpringAiConnections(this.properties, this.servers);

	@Test
	void requestUrlThenBaseUrlPlusEndpointAsEachTransportBuildsIt() {
		assertThat(SpringAiConnections.requestUrl("http://127.0.0.1:9003", null, Transport.HTTP_CLIENT))
			.hasToString("http://127.0.0.1:9003/mcp");
		assertThat(SpringAiConnections.requestUrl("http://127.0.0.1:9003", null, Transport.WEB_CLIENT))
			.hasToString("http://127.0.0.1:9003/mcp");
		// a base URL with a path: the JDK transport resolves the endpoint, the WebClient appends it
		assertThat(SpringAiConnections.requestUrl("http://host/base", "/mcp", Transport.HTTP_CLIENT))
			.hasToString("http://host/mcp");
		assertThat(SpringAiConnections.requestUrl("http://host/base", "/mcp", Transport.WEB_CLIENT))
			.hasToString("http://host/base/mcp");
	}

	@Test
	void connectionWhoseUrlIsTheServersThenMatchesWhateverItsName() {
		this.properties.getConnections().put("anything", new ConnectionParameters("http://127.0.0.1:9003", null));

		URI url = this.connections.requestUrl("anything", Transport.HTTP_CLIENT);

		assertThat(this.connections.server(url)).extracting(McpServerDefinition::name).isEqualTo("sample");
	}

	@Test
	void connectionOfTheSameNameOnAnotherHostThenMatchesNoServerAndTheHostsAreNamed() {
		this.properties.getConnections().put("sample", new ConnectionParameters("http://localhost:9003", null));

		URI url = this.connections.requestUrl("sample", Transport.WEB_CLIENT);

		assertThat(this.connections.server(url)).isNull();
		assertThat(this.connections.uncovered("sample", url))
			.startsWith("Its host localhost is not the host 127.0.0.1 of mcp.oauth.servers.sample.url "
					+ "(http://127.0.0.1:9003/mcp)")
			.endsWith("Use the same host in spring.ai.mcp.client.streamable-http.connections.sample.url and "
					+ "mcp.oauth.servers.sample.url.");
	}

	@Test
	void connectionOnAnotherPortThenNoHostMismatchIsClaimed() {
		URI url = URI.create("http://localhost:9004/mcp");

		assertThat(this.connections.server(url)).isNull();
		assertThat(this.connections.uncovered("other", url)).isEqualTo("Add mcp.oauth.servers.other (its url may be left "
				+ "out: it is taken from spring.ai.mcp.client.streamable-http.connections.other), or an mcp.oauth "
				+ "server whose url covers http://localhost:9004/mcp.");
	}

	@Test
	void connectionWithoutUrlThenHasNoRequestUrl() {
		this.properties.getConnections().put("empty", new ConnectionParameters(null, "/mcp"));

		assertThat(this.connections.requestUrl("empty", Transport.HTTP_CLIENT)).isNull();
		assertThat(this.connections.requestUrl("unknown", Transport.HTTP_CLIENT)).isNull();
	}

}
