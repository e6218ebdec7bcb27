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

import java.util.concurrent.atomic.AtomicReference;

import io.github.mcpoauth.core.McpServerDefinition;
import io.github.mcpoauth.core.McpServerDefinition.DPoPMode;
import io.github.mcpoauth.core.McpServerDefinition.GrantType;
import io.github.mcpoauth.core.McpServerRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.NestedExceptionUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code dpop} and {@code workload-identity.*} properties of a server: how they become
 * its definition, and how a wrong combination fails the start naming its key.
 */
class McpOAuthPropertiesDPoPAndWorkloadTests {

	private static final String SERVER = "mcp.oauth.servers.sample.";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(McpOAuthAutoConfiguration.class))
		.withPropertyValues("mcp.oauth.storage.type=memory", SERVER + "url=https://mcp.example/mcp");

	@Test
	void dpopIsAutoUnlessConfigured() {
		this.contextRunner.run((context) -> assertThat(definition(context).dpop()).isEqualTo(DPoPMode.AUTO));
		this.contextRunner.withPropertyValues(SERVER + "dpop=required")
			.run((context) -> assertThat(definition(context).dpop()).isEqualTo(DPoPMode.REQUIRED));
		this.contextRunner.withPropertyValues(SERVER + "dpop=off")
			.run((context) -> assertThat(definition(context).dpop()).isEqualTo(DPoPMode.OFF));
	}

	@Test
	void unknownDpopValueThenFailsToStart() {
		this.contextRunner.withPropertyValues(SERVER + "dpop=sometimes")
			.run((context) -> assertThat(context).hasFailed());
	}

	@Test
	void workloadIdentityWithAnAssertionFileBecomesAFileSource() {
		this.contextRunner
			.withPropertyValues(SERVER + "grant-type=workload-identity", SERVER + "client-id=workload",
					SERVER + "workload-identity.assertion-file=/var/run/secrets/tokens/mcp")
			.run((context) -> {
				McpServerDefinition definition = definition(context);
				assertThat(definition.grantType()).isEqualTo(GrantType.WORKLOAD_IDENTITY);
				assertThat(definition.workloadAssertion()).hasToString("file /var/run/secrets/tokens/mcp");
			});
	}

	@Test
	void workloadIdentityWithAnEnvironmentVariableOrACommandBecomesThatSource() {
		this.contextRunner
			.withPropertyValues(SERVER + "grant-type=workload-identity", SERVER + "client-id=workload",
					SERVER + "workload-identity.assertion-env=MCP_TOKEN")
			.run((context) -> assertThat(definition(context).workloadAssertion())
				.hasToString("environment variable MCP_TOKEN"));
		this.contextRunner
			.withPropertyValues(SERVER + "grant-type=workload-identity", SERVER + "client-id=workload",
					SERVER + "workload-identity.assertion-command[0]=gcloud",
					SERVER + "workload-identity.assertion-command[1]=auth",
					SERVER + "workload-identity.assertion-command[2]=print-identity-token",
					SERVER + "workload-identity.assertion-command-timeout=20s")
			.run((context) -> assertThat(definition(context).workloadAssertion()).hasToString("command gcloud"));
	}

	@Test
	void workloadIdentityWithoutASourceThenFailsNamingTheKey() {
		assertInvalid(SERVER + "workload-identity.assertion-file", "assertion-file, assertion-env or assertion-command",
				SERVER + "grant-type=workload-identity", SERVER + "client-id=workload");
	}

	@Test
	void workloadIdentityWithTwoSourcesThenFailsNamingTheSecond() {
		assertInvalid(SERVER + "workload-identity.assertion-env", "Set only one",
				SERVER + "grant-type=workload-identity", SERVER + "client-id=workload",
				SERVER + "workload-identity.assertion-file=/token", SERVER + "workload-identity.assertion-env=TOKEN");
	}

	@Test
	void workloadIdentityWithoutClientIdThenFailsNamingTheKey() {
		assertInvalid(SERVER + "client-id", "workload-identity grant needs the client-id",
				SERVER + "grant-type=workload-identity", SERVER + "workload-identity.assertion-file=/token");
	}

	@Test
	void workloadIdentitySourceWithAnotherGrantTypeThenFailsNamingTheGrantType() {
		assertInvalid(SERVER + "grant-type", "set grant-type to workload-identity",
				SERVER + "workload-identity.assertion-env=TOKEN");
	}

	@Test
	void workloadIdentityWithZeroCommandTimeoutThenFailsNamingTheKey() {
		assertInvalid(SERVER + "workload-identity.assertion-command-timeout", "positive duration",
				SERVER + "grant-type=workload-identity", SERVER + "client-id=workload",
				SERVER + "workload-identity.assertion-command=print-token",
				SERVER + "workload-identity.assertion-command-timeout=0s");
	}

	private static McpServerDefinition definition(
			org.springframework.boot.test.context.assertj.AssertableApplicationContext context) {
		assertThat(context).hasNotFailed();
		return context.getBean(McpServerRegistry.class).get("sample");
	}

	private void assertInvalid(String key, String reason, String... properties) {
		AtomicReference<Throwable> failure = new AtomicReference<>();
		this.contextRunner.withPropertyValues(properties).run((context) -> {
			assertThat(context).hasFailed();
			failure.set(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()));
		});
		assertThat(failure.get()).isInstanceOf(InvalidConfigurationPropertyValueException.class)
			.hasMessageContaining("Property " + key + " ")
			.hasMessageContaining(reason);
		assertThat(((InvalidConfigurationPropertyValueException) failure.get()).getName()).isEqualTo(key);
	}

}
