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
 * Grant providers: how a token is obtained, one provider per OAuth grant (authorization
 * code, refresh token, client credentials, enterprise-managed jwt-bearer, workload identity),
 * the sources of workload identity assertions, and the failure handler that decides what a
 * refused grant removes.
 *
 * <p>A grant of your own is a {@link io.github.mcpoauth.grant.GrantProvider}, asked before the
 * built-in ones; it answers empty for the contexts it does not handle. Here the JWT bearer grant
 * (RFC 7523 §2.1) with an assertion of your own, for one server:
 * <pre>{@code
 * TokenEndpointClient tokens = new TokenEndpointClient(
 *         BackChannel.webClient(WebClient.create(), BackChannel.DEFAULT_TIMEOUT), Clock.systemUTC());
 * GrantProvider partnerAssertion = (context) -> {
 *     if (context.isRefresh() || !context.server().name().equals("partner")) {
 *         return Mono.empty();   // not this provider's: the next one is asked
 *     }
 *     return context.registration(context.server().redirectUri())
 *         .flatMap((registration) -> tokens.jwtBearer(context.tokenRequest(registration, null),
 *                 System.getenv("PARTNER_ASSERTION")));
 * };
 * McpOAuthClient engine = McpOAuthClient.builder().grantProvider(partnerAssertion).build();
 * }</pre>
 *
 * <p>With the starter, declare the provider as a bean instead. The engine saves the token it
 * returns; a refusal goes to the {@link io.github.mcpoauth.grant.GrantFailureHandler}.
 *
 * <p>The example is compiled, and run where it needs no server, by
 * {@code io.github.mcpoauth.JavadocExamplesTests} in the library's tests: change both
 * together.
 */
@NullMarked
package io.github.mcpoauth.grant;

import org.jspecify.annotations.NullMarked;
