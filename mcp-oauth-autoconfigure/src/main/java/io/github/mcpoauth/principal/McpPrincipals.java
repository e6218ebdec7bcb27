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

import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

import org.springframework.util.Assert;

/**
 * Names the principal of reactive work explicitly, in its Reactor context: background jobs,
 * or an application that keeps its own notion of users.
 *
 * <pre class="code">
 * engine.ensureAuthenticated(server).contextWrite(McpPrincipals.withPrincipal("alice"));
 * </pre>
 */
public final class McpPrincipals {

	private static final Object KEY = McpPrincipals.class.getName() + ".PRINCIPAL";

	private McpPrincipals() {
	}

	/**
	 * @param principal the principal name
	 * @return a context holding it, for {@code contextWrite}
	 */
	public static Function<Context, Context> withPrincipal(String principal) {
		Assert.hasText(principal, "principal cannot be empty");
		return (context) -> context.put(KEY, principal);
	}

	/**
	 * @param context a Reactor context
	 * @return the principal named in it, or {@code null}
	 */
	public static @Nullable String explicitPrincipal(ContextView context) {
		return context.<String>getOrEmpty(KEY).orElse(null);
	}

}
