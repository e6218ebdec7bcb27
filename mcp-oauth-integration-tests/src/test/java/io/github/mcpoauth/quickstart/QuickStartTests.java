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
 * Runs the README's quick start against the real sample server: the application of
 * {@link QuickStartApplication} with the README's {@code application.yml} values. The only
 * thing the test adds is the user: instead of a person in a browser, a user agent that logs
 * in as demo/demo through the sample server's login form.
 */
@ExtendWith(OutputCaptureExtension.class)
class QuickStartTests {

	@Test
	void quickStartCallsTheSampleServersEchoTool(@TempDir Path store, CapturedOutput output) {
		try (StaticAuthServer server = StaticAuthServer.start("--port=0", "--mcp.oauth.enabled=false");
				ConfigurableApplicationContext application = new SpringApplicationBuilder(QuickStartApplication.class,
						DemoUser.class)
					.properties("spring.main.web-application-type=none",
							// the README's application.yml, with the server's random port
							"mcp.oauth.servers.sample.url=" + server.mcpUrl(),
							"mcp.oauth.servers.sample.client-id=static-mcp-client-001",
							"mcp.oauth.servers.sample.client-secret=your-secret-key-change-this-in-production",
							// a private store instead of the user's ~/.mcp-oauth
							"mcp.oauth.storage.type=encrypted-file", "mcp.oauth.storage.file.directory=" + store)
					.run()) {
			assertThat(output).contains("{echo=Hello, MCP, length=10}");
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
