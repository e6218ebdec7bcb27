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

package io.github.mcpoauth.client;

import io.github.mcpoauth.core.McpOAuthException;
import io.github.mcpoauth.core.McpServerDefinition;
import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import reactor.core.publisher.Mono;

/**
 * Runs token acquisitions as Micrometer observations, keyed by the server name, the grant
 * type and the error code ({@code none}, an {@link io.github.mcpoauth.core.McpOAuthErrorCode},
 * {@code UNEXPECTED} or {@code CANCELLED}), so an application with Actuator gets timers and
 * failure counts for them.
 */
final class AcquisitionObservations {

	private final ObservationRegistry registry;

	AcquisitionObservations(ObservationRegistry registry) {
		this.registry = registry;
	}

	/**
	 * The observation stops before the result reaches the caller (not in
	 * {@code doFinally}, which runs after it), and every outcome sets {@code error.code}, so
	 * that its meters always carry the same keys.
	 */
	<T> Mono<T> observe(String name, McpServerDefinition server, String grantType, Mono<T> acquisition) {
		if (this.registry.isNoop()) {
			return acquisition;
		}
		return Mono.defer(() -> {
			Observation observation = Observation.createNotStarted(name, this.registry)
				.contextualName(name)
				.lowCardinalityKeyValue("mcp.server", server.name())
				.lowCardinalityKeyValue("grant.type", grantType)
				.start();
			return acquisition
				.doOnSuccess((result) -> observation.lowCardinalityKeyValue(KeyValue.of("error.code", "none")).stop())
				.doOnError((ex) -> observation
					.lowCardinalityKeyValue("error.code",
							(ex instanceof McpOAuthException oauth) ? oauth.getErrorCode().name() : "UNEXPECTED")
					.error(ex)
					.stop())
				.doOnCancel(() -> observation.lowCardinalityKeyValue("error.code", "CANCELLED").stop());
		});
	}

}
