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

package io.github.mcpoauth.testsupport;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import io.github.mcpoauth.core.McpOAuthErrorCode;
import io.github.mcpoauth.core.McpOAuthException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.reactivestreams.Publisher;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Assertions on {@link McpOAuthException}s, signalled or thrown.
 */
public final class McpOAuthAssertions {

	public static final Duration TIMEOUT = Duration.ofSeconds(15);

	private McpOAuthAssertions() {
	}

	/**
	 * Verifies that a publisher fails with an {@link McpOAuthException} of the given code.
	 * @param publisher the publisher
	 * @param code the expected code
	 * @return the exception, for further assertions
	 */
	public static McpOAuthException expectError(Publisher<?> publisher, McpOAuthErrorCode code) {
		AtomicReference<Throwable> error = new AtomicReference<>();
		StepVerifier.create(publisher).expectErrorSatisfies(error::set).verify(TIMEOUT);
		return check(error.get(), code);
	}

	/**
	 * Verifies that the code throws an {@link McpOAuthException} of the given code.
	 * @param callable the code
	 * @param code the expected code
	 * @return the exception, for further assertions
	 */
	public static McpOAuthException expectThrown(ThrowingCallable callable, McpOAuthErrorCode code) {
		return check(catchThrowable(callable), code);
	}

	private static McpOAuthException check(Throwable error, McpOAuthErrorCode code) {
		assertThat(error).isInstanceOf(McpOAuthException.class);
		McpOAuthException ex = (McpOAuthException) error;
		assertThat(ex.getErrorCode()).as("error code of: %s", ex.getMessage()).isEqualTo(code);
		assertThat(ex.getMessage()).as("message names the code and ends with the hint")
			.contains("[" + code + "]")
			.endsWith(code.hint());
		return ex;
	}

}
