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

package io.github.mcpoauth.sample.client;

import java.net.URI;
import java.util.Map;

import io.github.mcpoauth.core.McpServerDefinition;
import io.github.mcpoauth.core.McpServerDefinition.GrantType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The conformance command's reading of the workload identity context of
 * {@code auth/wif-jwt-bearer}.
 */
class ConformanceWorkloadIdentityTests {

	private final McpServerDefinition.Builder builder = McpServerDefinition
		.builder("conformance", URI.create("http://localhost:3000/mcp"))
		.clientId("conformance-wif-workload");

	@Test
	void contextWithAWorkloadJwtSelectsTheWorkloadIdentityGrantWithThatAssertion() {
		boolean applied = ConformanceWorkloadIdentity.apply(this.builder, Map.of("client_id",
				"conformance-wif-workload", "valid_jwt", "eyJ.valid.jwt", "expired_jwt", "eyJ.expired.jwt"));

		McpServerDefinition definition = this.builder.build();
		assertThat(applied).isTrue();
		assertThat(definition.grantType()).isEqualTo(GrantType.WORKLOAD_IDENTITY);
		assertThat(definition.workloadAssertion().read()).isEqualTo("eyJ.valid.jwt");
		assertThat(definition.toString()).doesNotContain("eyJ.valid.jwt");
	}

	@Test
	void contextWithoutAWorkloadJwtLeavesTheDefinitionAlone() {
		assertThat(ConformanceWorkloadIdentity.apply(this.builder, Map.of("client_id", "x", "client_secret", "y")))
			.isFalse();
		assertThat(this.builder.build().grantType()).isEqualTo(GrantType.AUTHORIZATION_CODE);
	}

}
