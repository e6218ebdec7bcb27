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

package io.github.mcpoauth.principal;

import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

/**
 * Finds the principal of the current reactive request: whose tokens it uses. Read from
 * the Reactor context the caller subscribes with, so it works in any WebFlux request, a
 * {@code WebClient} call made from one, or background work that writes its own context.
 *
 * <p>The engine asks, in this order: a principal named explicitly
 * ({@link McpPrincipals#withPrincipal(String)}, or the {@code WebClient} request attribute
 * {@code mcpPrincipal(name)}), then this resolver, then the configured default principal.
 *
 * <pre>{@code
 * PrincipalResolver tenants = (context) -> Mono.justOrEmpty(context.<String>getOrEmpty("tenant"));
 * McpOAuthClient engine = McpOAuthClient.builder().principalResolver(tenants).build();
 * }</pre>
 * (compiled and run by {@code JavadocExamplesTests}).
 *
 * @see SecurityContextPrincipalResolver
 */
@FunctionalInterface
public interface PrincipalResolver {

	/**
	 * @param context the Reactor context of the current subscription
	 * @return the name of the current principal, or empty when this resolver knows none
	 * (cheaply: this runs for every request to an MCP server)
	 */
	Mono<String> resolve(ContextView context);

	/**
	 * @return a resolver that never knows a principal, so the default principal is used
	 */
	static PrincipalResolver none() {
		return (context) -> Mono.empty();
	}

}
