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

package io.github.mcpoauth.autoconfigure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * What a user sees when the application cannot start: Boot's failure report, which prints
 * the value of the key an error names, must never show a secret, and a store that cannot
 * be opened is reported with its hint instead of a stack trace.
 */
@ExtendWith(OutputCaptureExtension.class)
class McpOAuthStartupFailureTests {

	@Test
	void clientSecretWithoutClientIdThenTheFailureReportDoesNotShowTheSecret(CapturedOutput output) {
		assertThatException().isThrownBy(() -> run("--mcp.oauth.servers.demo.url=https://mcp.example/mcp",
				"--mcp.oauth.servers.demo.client-secret=s3cr3t-value"));

		assertThat(output).contains("mcp.oauth.servers.demo.client-id").doesNotContain("s3cr3t-value");
	}

	@Test
	void vaultTokenAndAppRoleThenTheFailureReportDoesNotShowTheToken(CapturedOutput output) {
		assertThatException().isThrownBy(() -> run("--mcp.oauth.storage.type=vault",
				"--mcp.oauth.storage.vault.uri=https://vault.example:8200", "--mcp.oauth.storage.vault.token=hvs.s3cr3t",
				"--mcp.oauth.storage.vault.app-role-id=role", "--mcp.oauth.storage.vault.app-role-secret-id=sid-s3cr3t"));

		assertThat(output).contains("mcp.oauth.storage.vault.app-role-id").doesNotContain("hvs.s3cr3t", "sid-s3cr3t");
	}

	@Test
	void unsetPasswordVariableThenTheFailureReportNamesTheKeyAndTheHint(CapturedOutput output) {
		assertThatException().isThrownBy(() -> run("--mcp.oauth.storage.type=encrypted-file",
				"--mcp.oauth.storage.file.directory=target/startup-failure-store",
				"--mcp.oauth.storage.file.password-env=MCP_OAUTH_TEST_VARIABLE_THAT_IS_NOT_SET"));

		assertThat(output).contains("MCP OAuth could not start")
			.contains("mcp.oauth.storage.file.password-env names MCP_OAUTH_TEST_VARIABLE_THAT_IS_NOT_SET")
			.contains("Action:")
			.contains("INVALID_CONFIGURATION");
	}

	private static void run(String... args) {
		SpringApplication application = new SpringApplication(App.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.run(args).close();
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(McpOAuthAutoConfiguration.class)
	static class App {

	}

}
