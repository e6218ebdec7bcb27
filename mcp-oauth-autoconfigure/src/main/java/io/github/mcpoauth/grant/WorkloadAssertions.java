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

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;

import io.github.mcpoauth.core.McpOAuthErrorCode;
import io.github.mcpoauth.core.McpOAuthException;
import io.github.mcpoauth.core.WorkloadAssertionSource;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The places a workload's identity assertion is read from (MCP SEP-1933): a file (such as a
 * Kubernetes projected service-account token, which the kubelet rotates), an environment
 * variable, or the output of a command (such as a cloud CLI that prints an identity token).
 * Each is read anew for every grant; surrounding whitespace is dropped. A source that yields
 * nothing fails with {@link McpOAuthErrorCode#WORKLOAD_ASSERTION_UNAVAILABLE}, naming the
 * source and never the assertion.
 *
 * <p>Reading blocks: the grant reads on {@code Schedulers.boundedElastic()}.
 *
 * <pre class="code">
 * McpServerDefinition.builder("tools", url)
 *     .grantType(GrantType.WORKLOAD_IDENTITY)
 *     .clientId("my-workload")
 *     .workloadAssertion(WorkloadAssertions.file(Path.of("/var/run/secrets/tokens/mcp-token")))
 *     .build();
 * </pre>
 */
public final class WorkloadAssertions {

	/** How long a command may run when nothing else is configured. */
	public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(10);

	/** The largest assertion read: platform tokens are a few KiB. */
	static final int MAX_BYTES = 64 * 1024;

	private WorkloadAssertions() {
	}

	/**
	 * @param path the file that holds the assertion, such as a Kubernetes projected
	 * service-account token
	 * @return the source
	 */
	public static WorkloadAssertionSource file(Path path) {
		Assert.notNull(path, "path cannot be null");
		return new FileSource(path);
	}

	/**
	 * @param variable the environment variable that holds the assertion
	 * @return the source
	 */
	public static WorkloadAssertionSource environment(String variable) {
		return environment(variable, System::getenv);
	}

	static WorkloadAssertionSource environment(String variable, UnaryOperator<@Nullable String> environment) {
		Assert.hasText(variable, "variable cannot be empty");
		return new EnvironmentSource(variable, environment);
	}

	/**
	 * @param command the command and its arguments (run directly, not through a shell); it
	 * prints the assertion on its standard output and exits with status 0
	 * @param timeout how long it may run before it is stopped
	 * @return the source
	 */
	public static WorkloadAssertionSource command(List<String> command, Duration timeout) {
		Assert.notEmpty(command, "command cannot be empty");
		Assert.noNullElements(command, "command cannot contain null elements");
		Assert.isTrue(timeout != null && !timeout.isNegative() && !timeout.isZero(), "timeout must be positive");
		return new CommandSource(List.copyOf(command), timeout);
	}

	/**
	 * A fixed assertion, for an application that obtains it itself, and for tests.
	 * @param assertion the assertion
	 * @return the source
	 */
	public static WorkloadAssertionSource of(String assertion) {
		Assert.hasText(assertion, "assertion cannot be empty");
		return new FixedSource(assertion);
	}

	private static McpOAuthException unavailable(String message, @Nullable Throwable cause) {
		return new McpOAuthException(McpOAuthErrorCode.WORKLOAD_ASSERTION_UNAVAILABLE, message, cause);
	}

	private static String nonEmpty(String value, Object source) {
		String assertion = value.strip();
		if (assertion.isEmpty()) {
			throw unavailable("The workload identity assertion from " + source + " is empty.", null);
		}
		return assertion;
	}

	private static byte[] readAtMost(InputStream in, Object source) throws IOException {
		byte[] bytes = in.readNBytes(MAX_BYTES + 1);
		if (bytes.length > MAX_BYTES) {
			throw unavailable("The workload identity assertion from " + source + " is larger than "
					+ (MAX_BYTES / 1024) + " KiB; it is not a platform token.", null);
		}
		return bytes;
	}

	private record FileSource(Path path) implements WorkloadAssertionSource {

		@Override
		public String read() {
			try (InputStream in = Files.newInputStream(this.path)) {
				return nonEmpty(new String(readAtMost(in, this), StandardCharsets.UTF_8), this);
			}
			catch (NoSuchFileException ex) {
				throw unavailable("The workload identity assertion file " + this.path
						+ " does not exist; check assertion-file and that the platform mounts the token there.", ex);
			}
			catch (IOException ex) {
				throw unavailable("The workload identity assertion file " + this.path + " cannot be read: "
						+ ex.getMessage(), ex);
			}
		}

		@Override
		public String toString() {
			return "file " + this.path;
		}

	}

	private record EnvironmentSource(String variable,
			UnaryOperator<@Nullable String> environment) implements WorkloadAssertionSource {

		@Override
		public String read() {
			String value = this.environment.apply(this.variable);
			if (value == null) {
				throw unavailable("The environment variable " + this.variable
						+ " that should hold the workload identity assertion is not set.", null);
			}
			return nonEmpty(value, this);
		}

		@Override
		public String toString() {
			return "environment variable " + this.variable;
		}

	}

	private record CommandSource(List<String> command, Duration timeout) implements WorkloadAssertionSource {

		@Override
		public String read() {
			Process process;
			try {
				process = new ProcessBuilder(this.command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
			}
			catch (IOException ex) {
				throw unavailable("The workload identity command " + this.command.get(0) + " cannot be started: "
						+ ex.getMessage(), ex);
			}
			try {
				process.getOutputStream().close();
				// read on another thread, so that a command that never closes its output is bounded too
				FutureTask<byte[]> output = new FutureTask<>(() -> readAtMost(process.getInputStream(), this));
				Thread reader = new Thread(output, "mcp-oauth-workload-assertion");
				reader.setDaemon(true);
				reader.start();
				long deadline = System.nanoTime() + this.timeout.toNanos();
				if (!process.waitFor(this.timeout.toNanos(), TimeUnit.NANOSECONDS)) {
					throw timedOut();
				}
				if (process.exitValue() != 0) {
					throw unavailable("The workload identity command " + this.command.get(0) + " exited with status "
							+ process.exitValue() + "; run it yourself to see its error output.", null);
				}
				byte[] bytes = output.get(Math.max(deadline - System.nanoTime(), 0), TimeUnit.NANOSECONDS);
				return nonEmpty(new String(bytes, StandardCharsets.UTF_8), this);
			}
			catch (TimeoutException ex) {
				throw timedOut();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw unavailable("Interrupted while running the workload identity command " + this.command.get(0)
						+ ".", ex);
			}
			catch (ExecutionException ex) {
				if (ex.getCause() instanceof McpOAuthException oauth) {
					throw oauth;
				}
				Throwable cause = Objects.requireNonNullElse(ex.getCause(), ex);
				throw unavailable("The output of the workload identity command " + this.command.get(0)
						+ " cannot be read: " + cause.getMessage(), cause);
			}
			catch (IOException ex) {
				throw unavailable("The workload identity command " + this.command.get(0) + " cannot be run: "
						+ ex.getMessage(), ex);
			}
			finally {
				process.destroyForcibly();
			}
		}

		private McpOAuthException timedOut() {
			return unavailable("The workload identity command " + this.command.get(0) + " did not finish within "
					+ this.timeout.toMillis() + " ms; it was stopped. Raise assertion-command-timeout if it is only slow.",
					null);
		}

		@Override
		public String toString() {
			return "command " + this.command.get(0);
		}

	}

	private record FixedSource(String assertion) implements WorkloadAssertionSource {

		@Override
		public String read() {
			return this.assertion;
		}

		@Override
		public String toString() {
			return "a fixed assertion";
		}

	}

}
