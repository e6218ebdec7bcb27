package io.github.mcpoauth.autoconfigure;

import io.github.mcpoauth.core.McpOAuthException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a {@link McpOAuthException} that stops the application from starting (a token store
 * that cannot be opened, a password variable that is not set) into Boot's failure report:
 * the message as the description and the error code's hint as the action, without a stack
 * trace. The message never holds a secret.
 */
class McpOAuthFailureAnalyzer extends AbstractFailureAnalyzer<McpOAuthException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, McpOAuthException cause) {
		return new FailureAnalysis("MCP OAuth could not start: " + cause.getDetail(),
				cause.getErrorCode().hint() + " (error code " + cause.getErrorCode() + ")", cause);
	}

}
