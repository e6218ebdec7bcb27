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

package io.github.mcpoauth.grant;

import io.github.mcpoauth.core.McpOAuthException;
import reactor.core.publisher.Mono;

/**
 * Decides what a refused grant removes, in one place: after an {@code invalid_grant} on a
 * refresh the tokens are useless, after an {@code invalid_client} the client registration is
 * (RFC 6749 §5.2). The engine calls it once it is sure the refusal is not just a race with
 * another process, then passes the error on.
 *
 * @see RemovingGrantFailureHandler
 */
@FunctionalInterface
public interface GrantFailureHandler {

	/**
	 * @param failure the refusal
	 * @param context the grant that was refused
	 * @return completion, once whatever the refusal makes useless is removed
	 */
	Mono<Void> onFailure(McpOAuthException failure, GrantContext context);

}
