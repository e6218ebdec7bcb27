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
