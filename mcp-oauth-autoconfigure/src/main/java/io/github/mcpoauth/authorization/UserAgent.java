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

package io.github.mcpoauth.authorization;

import java.net.URI;

import reactor.core.publisher.Mono;

/**
 * Takes the resource owner to the authorization endpoint and brings the authorization
 * response back: a browser with a loopback listener, a printed URL, or an HTTP client
 * following the redirects of a server that approves at once.
 */
@FunctionalInterface
public interface UserAgent {

	/**
	 * Prepares to receive one authorization response. A loopback user agent binds its
	 * listener here, so the redirect URI (with its port) is known before the client
	 * registers or builds the authorization request.
	 * @param preferredRedirectUri the configured redirect URI; port 0 means "any free port"
	 * @return a session that knows its redirect URI
	 */
	Mono<Session> start(URI preferredRedirectUri);

	/** One authorization in progress. */
	interface Session extends AutoCloseable {

		/**
		 * @return the redirect URI to send in the authorization and token requests
		 */
		URI redirectUri();

		/**
		 * Sends the user to the authorization URL and waits for the redirect back.
		 * @param authorizationUri the full authorization request URL
		 * @return the URI the authorization server redirected to, with its query
		 */
		Mono<URI> authorize(URI authorizationUri);

		/** Releases the listener, if any. */
		@Override
		void close();

	}

}
