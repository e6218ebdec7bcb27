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

package io.github.mcpoauth.web;

import java.net.URI;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

import org.springframework.util.Assert;

/**
 * What {@link McpAuthorizationWebFilter} tells {@link WebAuthorizationCodeGrantProvider}
 * through the Reactor context of a web request: that a browser is at the other end and where
 * the authorization response comes back to (the callback URI), or, while the callback is
 * handled, the authorization response to redeem.
 */
public final class WebAuthorizationContext {

	private static final Object CALLBACK_KEY = WebAuthorizationContext.class.getName() + ".CALLBACK";

	private static final Object RESPONSE_KEY = WebAuthorizationContext.class.getName() + ".RESPONSE";

	private WebAuthorizationContext() {
	}

	/**
	 * @param callbackUri the absolute URI of the application's callback
	 * @return a context function marking a web request
	 */
	public static Function<Context, Context> withCallback(URI callbackUri) {
		Assert.notNull(callbackUri, "callbackUri cannot be null");
		return (context) -> context.put(CALLBACK_KEY, callbackUri);
	}

	/**
	 * @param context a Reactor context
	 * @return the callback URI of the web request, or {@code null} outside one
	 */
	public static @Nullable URI callbackUri(ContextView context) {
		return context.<URI>getOrEmpty(CALLBACK_KEY).orElse(null);
	}

	/**
	 * @param response the checked authorization response and the request it answers
	 * @return a context function carrying it to the grant provider
	 */
	public static Function<Context, Context> withResponse(AuthorizationCallbackResponse response) {
		Assert.notNull(response, "response cannot be null");
		return (context) -> context.put(RESPONSE_KEY, response);
	}

	/**
	 * @param context a Reactor context
	 * @return the authorization response to redeem, or {@code null}
	 */
	public static @Nullable AuthorizationCallbackResponse response(ContextView context) {
		return context.<AuthorizationCallbackResponse>getOrEmpty(RESPONSE_KEY).orElse(null);
	}

	/**
	 * An authorization response received at the callback and checked ({@code state},
	 * {@code iss}), with the request it answers.
	 *
	 * <p>{@link #toString()} never shows the code.
	 *
	 * @param authorization the pending authorization it answers
	 * @param code the authorization code
	 */
	public record AuthorizationCallbackResponse(PendingAuthorization authorization, String code) {

		@Override
		public String toString() {
			return "AuthorizationCallbackResponse[" + this.authorization + ", code=[redacted]]";
		}

	}

}
