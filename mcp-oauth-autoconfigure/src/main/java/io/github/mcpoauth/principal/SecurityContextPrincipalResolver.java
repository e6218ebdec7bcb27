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
