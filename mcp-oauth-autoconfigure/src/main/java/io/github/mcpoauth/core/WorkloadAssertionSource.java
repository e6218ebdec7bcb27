package io.github.mcpoauth.core;

/**
 * Where a workload's identity assertion comes from: the JWT its platform issues to it (a
 * Kubernetes projected service-account token, a cloud identity token), which the workload
 * identity grant presents to the authorization server (MCP SEP-1933, RFC 7523 §2.1). The grant
 * reads it anew each time, since platforms rotate these tokens.
 *
 * <p>Reading may block (a file, a command): the engine calls {@link #read()} on
 * {@code Schedulers.boundedElastic()}. {@code toString()} describes the source, never the
 * assertion. The library's sources are in {@code io.github.mcpoauth.grant.WorkloadAssertions}.
 */
@FunctionalInterface
public interface WorkloadAssertionSource {

	/**
	 * Reads the current assertion.
	 * @return the assertion, a compact JWT
	 * @throws McpOAuthException with {@link McpOAuthErrorCode#WORKLOAD_ASSERTION_UNAVAILABLE}
	 * when there is none to read
	 */
	String read();

}
