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

import java.util.Map;

import io.github.mcpoauth.core.McpServerDefinition;
import io.github.mcpoauth.core.McpServerDefinition.GrantType;
import io.github.mcpoauth.grant.WorkloadAssertions;

/**
 * The workload identity part of the conformance suite's context ({@code MCP_CONFORMANCE_CONTEXT}
 * of the scenario {@code auth/wif-jwt-bearer}): the suite hands the client a workload JWT
 * ({@code valid_jwt}, audience = the authorization server) and a {@code client_id}, as a
 * platform would mount a token file. The client then uses the workload identity grant
 * (SEP-1933) with that assertion; the suite's other assertions ({@code wrong_audience_jwt},
 * {@code expired_jwt}) are not used.
 */
final class ConformanceWorkloadIdentity {

	/** The context member that holds the workload's assertion. */
	static final String ASSERTION = "valid_jwt";

	private ConformanceWorkloadIdentity() {
	}

	/**
	 * Sets the workload identity grant on the server definition when the context carries a
	 * workload assertion (the {@code client_id} is set from the context as for every scenario).
	 * @param builder the definition being built
	 * @param context the suite's context
	 * @return whether the context was a workload identity one
	 */
	static boolean apply(McpServerDefinition.Builder builder, Map<String, ?> context) {
		if (!(context.get(ASSERTION) instanceof String assertion) || assertion.isBlank()) {
			return false;
		}
		builder.grantType(GrantType.WORKLOAD_IDENTITY).workloadAssertion(WorkloadAssertions.of(assertion));
		return true;
	}

}
