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

package io.github.mcpoauth.core;

/**
 * Where a workload's identity assertion comes from: the JWT its platform issues to it (a
 * Kubernetes projected service-account token, a cloud identity token), which the workload
 * identity grant presents to the authorization server (MCP SEP-1933, RFC 7523 §2.1). The grant
 * reads it anew each time, since platforms rotate these tokens.
 *
 * <p>Reading may block (a file, a command): the engine calls {@link #read()} on
 * {@code Schedulers.boundedElastic()}. {@code toString()} describes the source, never the
 * assertion. The library's sources are in {@code io.github.mcpoauth.grant.WorkloadAssertions}.
 */
@FunctionalInterface
public interface WorkloadAssertionSource {

	/**
	 * Reads the current assertion.
	 * @return the assertion, a compact JWT
	 * @throws McpOAuthException with {@link McpOAuthErrorCode#WORKLOAD_ASSERTION_UNAVAILABLE}
	 * when there is none to read
	 */
	String read();

}
