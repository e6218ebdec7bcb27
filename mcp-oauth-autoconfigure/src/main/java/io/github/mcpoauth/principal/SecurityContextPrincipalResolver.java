package io.github.mcpoauth.principal;

import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;

/**
 * The principal of a request that Spring Security authenticated: the
 * {@link Authentication#getName() name} of the authenticated, non-anonymous user in the
 * {@link ReactiveSecurityContextHolder}. Empty outside such a request (a background job, a
 * CLI), so the default principal is used there.
 */
public final class SecurityContextPrincipalResolver implements PrincipalResolver {

	@Override
	@SuppressWarnings("NullAway") // mapNotNull takes a function that may answer null
	public Mono<String> resolve(ContextView context) {
		if (!context.hasKey(SecurityContext.class)) {
			return Mono.empty(); // not within a Spring Security request: no work per request
		}
		return ReactiveSecurityContextHolder.getContext()
			.mapNotNull(SecurityContext::getAuthentication)
			.filter((authentication) -> authentication.isAuthenticated()
					&& !(authentication instanceof AnonymousAuthenticationToken))
			.map(Authentication::getName)
			.filter((name) -> !name.isBlank());
	}

}
