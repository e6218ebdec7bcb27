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

import java.nio.file.Path;

import io.github.mcpoauth.integration.FormLoginUserAgent;
import io.github.mcpoauth.sample.server.StaticAuthServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the README's Spring AI quick start against the real sample server: the application of
 * {@link SpringAiQuickStartApplication} with the README's {@code application.yml} values. The
 * test adds the user (a user agent that logs in as demo/demo through the sample server's
 * form, instead of a person in a browser), a private token store, and leaves out the
 * {@code WebClient} transport's auto-configuration, because this test classpath holds both of
 * Spring AI's MCP client starters and the README's application only one.
 */
@ExtendWith(OutputCaptureExtension.class)
class SpringAiQuickStartTests {

	@Test
	void springAiQuickStartCallsTheSampleServersEchoTool(@TempDir Path store, CapturedOutput output) {
		try (StaticAuthServer server = StaticAuthServer.start("--port=0");
				ConfigurableApplicationContext application = new SpringApplicationBuilder(
						SpringAiQuickStartApplication.class, DemoUser.class)
					.properties("spring.main.web-application-type=none",
							// the README's application.yml, with the server's random port
							"spring.ai.mcp.client.streamable-http.connections.sample.url=" + server.baseUrl(),
							"mcp.oauth.servers.sample.client-id=static-mcp-client-001",
							"mcp.oauth.servers.sample.client-secret=your-secret-key-change-this-in-production",
							// a private store instead of the user's ~/.mcp-oauth
							"mcp.oauth.storage.type=encrypted-file", "mcp.oauth.storage.file.directory=" + store,
							"spring.autoconfigure.exclude=org.springframework.ai.mcp.client.webflux.autoconfigure."
									+ "StreamableHttpWebFluxTransportAutoConfiguration")
					.run()) {
			assertThat(output).contains("{echo=Hello, Spring AI, length=16}");
			assertThat(application.getBean(FormLoginUserAgent.class).logins()).isEqualTo(1);
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class DemoUser {

		@Bean
		FormLoginUserAgent demoUser() {
			return new FormLoginUserAgent("demo", "demo");
		}

	}

}
