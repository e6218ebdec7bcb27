package io.github.mcpoauth.principal;

import reactor.core.publisher.Mono;

/**
 * Finds the principal of the current reactive request: whose tokens it uses. Read from
 * the Reactor context the caller subscribes with, so it works in any WebFlux request, a
 * {@code WebClient} call made from one, or background work that writes its own context.
 *
 * <p>The engine asks, in this order: a principal named explicitly
 * ({@link McpPrincipals#withPrincipal(String)}, or the {@code WebClient} request attribute
 * {@code mcpPrincipal(name)}), then this resolver, then the configured default principal.
 *
 * @see SecurityContextPrincipalResolver
 */
@FunctionalInterface
public interface PrincipalResolver {

	/**
	 * @return the name of the current principal, or empty when this resolver knows none
	 */
	Mono<String> resolve();

	/**
	 * @return a resolver that never knows a principal, so the default principal is used
	 */
	static PrincipalResolver none() {
		return Mono::empty;
	}

}
