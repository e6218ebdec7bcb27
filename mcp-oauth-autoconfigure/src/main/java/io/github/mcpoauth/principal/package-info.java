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
