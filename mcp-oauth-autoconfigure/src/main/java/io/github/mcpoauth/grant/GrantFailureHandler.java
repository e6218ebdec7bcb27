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
