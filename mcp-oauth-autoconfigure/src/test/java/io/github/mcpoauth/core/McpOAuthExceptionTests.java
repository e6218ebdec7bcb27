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

package io.github.mcpoauth.core;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link McpOAuthException} and {@link McpOAuthErrorCode}.
 */
class McpOAuthExceptionTests {

	@Test
	void messageThenSaysWhatHappenedTheCodeAndWhatToDo() {
		McpOAuthException ex = new McpOAuthException(McpOAuthErrorCode.REFRESH_FAILED, "The refresh token was refused.",
				"invalid_grant", null);

		assertThat(ex.getMessage()).isEqualTo("The refresh token was refused. [REFRESH_FAILED] "
				+ McpOAuthErrorCode.REFRESH_FAILED.hint());
		assertThat(ex.getErrorCode()).isEqualTo(McpOAuthErrorCode.REFRESH_FAILED);
		assertThat(ex.getOAuthError()).isEqualTo("invalid_grant");
	}

	@Test
	void constructorWithCauseThenKeepsIt() {
		IllegalStateException cause = new IllegalStateException("io");

		McpOAuthException ex = new McpOAuthException(McpOAuthErrorCode.STORAGE_FAILED, "Cannot write.", cause);

		assertThat(ex).hasCause(cause);
		assertThat(ex.getOAuthError()).isNull();
	}

	@Test
	void everyCodeThenHasAHintThatEndsASentence() {
		assertThat(Arrays.asList(McpOAuthErrorCode.values())).allSatisfy((code) -> assertThat(code.hint()).isNotBlank()
			.endsWith("."));
	}

}
