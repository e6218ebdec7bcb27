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

import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;

import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import io.github.mcpoauth.core.McpOAuthErrorCode;
import io.github.mcpoauth.core.McpOAuthException;
import io.github.mcpoauth.core.McpServerDefinition.GrantType;
import io.github.mcpoauth.core.WorkloadAssertionSource;
import io.github.mcpoauth.token.OAuthToken;
import io.github.mcpoauth.token.TokenEndpointClient;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.util.Assert;

/**
 * Workload identity federation (MCP SEP-1933): the workload presents the identity assertion
 * its platform issued to it (a Kubernetes projected service-account token, a cloud identity
 * token) with the JWT bearer grant,
 * {@code grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer&assertion=<JWT>}
 * (RFC 7523 §2.1). The client authenticates as its registration says, which may be
 * {@code none}: the assertion is the credential.
 *
 * <p>The assertion is read from the server's {@link WorkloadAssertionSource} anew for every
 * grant (on {@code Schedulers.boundedElastic()}), and checked before it is sent: it must be a
 * JWT with an {@code exp} that has not passed (RFC 7523 §3). A refused grant is reported as
 * it is: no retry, and no other grant is tried.
 *
 * <p>Applies to servers configured with {@link GrantType#WORKLOAD_IDENTITY}.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7523#section-2.1">RFC 7523 §2.1</a>
 * @see WorkloadAssertions
 */
public final class WorkloadIdentityGrantProvider implements GrantProvider {

	private final TokenEndpointClient tokenClient;

	private final Clock clock;

	/**
	 * @param tokenClient the token-response client for the JWT bearer grant
	 * @param clock the clock an assertion's expiry is judged with
	 */
	public WorkloadIdentityGrantProvider(TokenEndpointClient tokenClient, Clock clock) {
		Assert.notNull(tokenClient, "tokenClient cannot be null");
		Assert.notNull(clock, "clock cannot be null");
		this.tokenClient = tokenClient;
		this.clock = clock;
	}

	@Override
	public Mono<OAuthToken> obtain(GrantContext context) {
		WorkloadAssertionSource source = context.server().workloadAssertion();
		if (context.isRefresh() || context.server().grantType() != GrantType.WORKLOAD_IDENTITY || source == null) {
			return Mono.empty();
		}
		return Mono.fromCallable(() -> checked(source.read(), source))
			.subscribeOn(Schedulers.boundedElastic())
			.flatMap((assertion) -> context.registration(context.server().redirectUri())
				.flatMap((registration) -> this.tokenClient.jwtBearer(context.tokenRequest(registration, null),
						assertion)));
	}

	/** RFC 7523 §3: a JWT whose {@code exp} has not passed. */
	private String checked(String assertion, WorkloadAssertionSource source) {
		JWT jwt;
		Date expiry;
		try {
			jwt = JWTParser.parse(assertion);
			expiry = jwt.getJWTClaimsSet().getExpirationTime();
		}
		catch (ParseException ex) {
			// the parser's message can quote the text: leave it out
			throw new McpOAuthException(McpOAuthErrorCode.WORKLOAD_ASSERTION_UNAVAILABLE,
					"The workload identity assertion from " + source + " is not a JWT (RFC 7523 §2.1).");
		}
		if (expiry == null) {
			throw new McpOAuthException(McpOAuthErrorCode.WORKLOAD_ASSERTION_UNAVAILABLE,
					"The workload identity assertion from " + source + " has no 'exp' claim (RFC 7523 §3).");
		}
		Instant now = this.clock.instant();
		if (!expiry.toInstant().isAfter(now)) {
			throw new McpOAuthException(McpOAuthErrorCode.WORKLOAD_ASSERTION_UNAVAILABLE,
					"The workload identity assertion from " + source + " expired at " + expiry.toInstant()
							+ "; the platform did not renew it (it is now " + now + ").");
		}
		return assertion;
	}

}
