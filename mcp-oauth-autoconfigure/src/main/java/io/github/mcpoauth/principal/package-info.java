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

/**
 * Principals: whose tokens a request uses. The authenticated user of a reactive request
 * (Spring Security), a principal named explicitly, or the configured default principal.
 *
 * <p>Work for one user outside a web request names the principal in the Reactor context; a
 * {@link io.github.mcpoauth.principal.PrincipalResolver} of your own finds it elsewhere:
 * <pre>{@code
 * Mono<String> principal = engine.principal().contextWrite(McpPrincipals.withPrincipal("alice"));   // "alice"
 *
 * // Whose tokens a request uses, found in the Reactor context (here: a tenant key).
 * PrincipalResolver tenants = (context) -> Mono.justOrEmpty(context.<String>getOrEmpty("tenant"));
 * McpOAuthClient engine = McpOAuthClient.builder().principalResolver(tenants).build();
 * }</pre>
 *
 * <p>The example is compiled, and run where it needs no server, by
 * {@code io.github.mcpoauth.JavadocExamplesTests} in the library's tests: change both
 * together.
 */
@NullMarked
package io.github.mcpoauth.principal;

import org.jspecify.annotations.NullMarked;
