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

package io.github.mcpoauth.sample.server.registration;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.http.converter.OAuth2ErrorHttpMessageConverter;
import org.springframework.util.Assert;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Runs in front of Spring Authorization Server's registration endpoint ({@code /register})
 * and keeps what anyone who reaches the port may make the server do bounded: the body is
 * read up to {@code max-body-size} (413 beyond it), and at most {@code max-registrations}
 * requests within {@code window} reach the endpoint (429 with {@code Retry-After}; a request
 * the endpoint refuses gives its place back). With registration closed, every request gets
 * 403 {@code access_denied}, naming the pre-registered client to use instead.
 * <p>
 * The error bodies are RFC 7591 §3.2.2 error responses. 413 and 429 are the HTTP statuses
 * for "too large" and "too many" (RFC 9110 §15.5.14, RFC 6585 §4); RFC 7591 has no error
 * code for the rate, so {@code temporarily_unavailable} is borrowed from RFC 6749
 * §4.1.2.1.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7591#section-3.2.2">RFC 7591 §3.2.2</a>
 */
public final class RegistrationRequestFilter extends OncePerRequestFilter {

	static final String TEMPORARILY_UNAVAILABLE = "temporarily_unavailable";

	private final OAuth2ErrorHttpMessageConverter errors = new OAuth2ErrorHttpMessageConverter();

	private final RegistrationLimits limits;

	private final RegistrationRate rate;

	private final @Nullable String closedDescription;

	/**
	 * Creates the filter.
	 * @param limits the limits
	 * @param clock the clock of the registration window
	 * @param staticClientId with registration closed, the client id to name in the
	 * refusal; {@code null} when registration is open
	 */
	public RegistrationRequestFilter(RegistrationLimits limits, Clock clock, @Nullable String staticClientId) {
		Assert.notNull(limits, "limits cannot be null");
		this.limits = limits;
		this.rate = new RegistrationRate(limits.maxRegistrations(), limits.window(), clock);
		this.closedDescription = (staticClientId != null)
				? "Dynamic client registration is disabled on this server; use the pre-registered client id '"
						+ staticClientId + "' and its secret (or start the server with --dynamic-registration)"
				: null;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain filterChain)
			throws ServletException, IOException {
		if (this.closedDescription != null) {
			error(response, HttpStatus.FORBIDDEN, "access_denied", this.closedDescription);
			return;
		}
		if (!HttpMethod.POST.matches(request.getMethod())) {
			response.setStatus(HttpStatus.METHOD_NOT_ALLOWED.value());
			response.setHeader(HttpHeaders.ALLOW, HttpMethod.POST.name());
			return;
		}
		long max = this.limits.maxBodySize().toBytes();
		byte[] body = (request.getContentLengthLong() > max) ? null
				: request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
		if (body == null || body.length > max) {
			String size = (body == null) ? request.getContentLengthLong() + " bytes" : "more than " + max + " bytes";
			error(response, HttpStatus.CONTENT_TOO_LARGE, PublicClientRegistrations.INVALID_CLIENT_METADATA,
					"The client metadata is " + size + "; at most " + max + " bytes are accepted ("
							+ RegistrationLimits.CONFIG_PREFIX + ".max-body-size)");
			return;
		}
		Duration retryAfter = this.rate.acquire();
		if (retryAfter != null) {
			long seconds = Math.max(1, retryAfter.toSeconds() + ((retryAfter.toNanosPart() > 0) ? 1 : 0));
			response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
			error(response, HttpStatus.TOO_MANY_REQUESTS, TEMPORARILY_UNAVAILABLE,
					"More than " + this.limits.maxRegistrations() + " clients registered within "
							+ this.limits.window().toSeconds() + " s; try again in " + seconds + " s ("
							+ RegistrationLimits.CONFIG_PREFIX + ".max-registrations)");
			return;
		}
		try {
			filterChain.doFilter(new BodyRequest(request, body), response);
		}
		finally {
			if (response.getStatus() != HttpStatus.CREATED.value()) {
				this.rate.release();
			}
		}
	}

	private void error(HttpServletResponse response, HttpStatus status, String code, String description)
			throws IOException {
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		ServletServerHttpResponse httpResponse = new ServletServerHttpResponse(response);
		httpResponse.setStatusCode(status);
		this.errors.write(new OAuth2Error(code, description, null), MediaType.APPLICATION_JSON, httpResponse);
	}

	/** The request with the body already read. */
	private static final class BodyRequest extends HttpServletRequestWrapper {

		private final byte[] body;

		BodyRequest(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
		}

		@Override
		public int getContentLength() {
			return this.body.length;
		}

		@Override
		public long getContentLengthLong() {
			return this.body.length;
		}

		@Override
		public ServletInputStream getInputStream() {
			ByteArrayInputStream in = new ByteArrayInputStream(this.body);
			return new ServletInputStream() {

				@Override
				public boolean isFinished() {
					return in.available() == 0;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					throw new UnsupportedOperationException();
				}

				@Override
				public int read() {
					return in.read();
				}

				@Override
				public int read(byte[] b, int off, int len) {
					return in.read(b, off, len);
				}

			};
		}

	}

}
