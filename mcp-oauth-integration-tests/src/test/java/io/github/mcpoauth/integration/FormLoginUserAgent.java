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

package io.github.mcpoauth.integration;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.mcpoauth.authorization.UserAgent;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A {@link UserAgent} for tests that plays the user at the sample server's real login form
 * over HTTP: it follows redirects by hand, keeps cookies, reads the CSRF token, posts the
 * credentials and stops at the redirect to the client's redirect URI.
 */
public final class FormLoginUserAgent implements UserAgent {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

	private final String username;

	private final String password;

	final AtomicInteger logins = new AtomicInteger();

	public FormLoginUserAgent(String username, String password) {
		this.username = username;
		this.password = password;
	}

	/**
	 * @return how many times the user has logged in through the form
	 */
	public int logins() {
		return this.logins.get();
	}

	@Override
	public Mono<Session> start(URI preferredRedirectUri) {
		URI redirectUri = URI.create("http://127.0.0.1/callback");
		return Mono.just(new Session() {
			@Override
			public URI redirectUri() {
				return redirectUri;
			}

			@Override
			public Mono<URI> authorize(URI authorizationUri) {
				return Mono.fromCallable(() -> login(authorizationUri, redirectUri)).subscribeOn(Schedulers.boundedElastic());
			}

			@Override
			public void close() {
			}
		});
	}

	private URI login(URI authorizationUri, URI redirectUri) throws IOException, InterruptedException {
		this.logins.incrementAndGet();
		HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
			.followRedirects(HttpClient.Redirect.NEVER).build();
		URI next = authorizationUri;
		for (int hop = 0; hop < 10; hop++) {
			HttpResponse<String> response = http.send(HttpRequest.newBuilder(next).GET().build(),
					HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() == 200 && response.body().contains("_csrf")) {
				Matcher csrf = CSRF.matcher(response.body());
				if (!csrf.find()) {
					throw new IllegalStateException("no CSRF token on the login page");
				}
				String form = "username=" + enc(this.username) + "&password=" + enc(this.password) + "&_csrf="
						+ enc(csrf.group(1));
				response = http.send(HttpRequest.newBuilder(next)
					.header("Content-Type", "application/x-www-form-urlencoded")
					.POST(HttpRequest.BodyPublishers.ofString(form))
					.build(), HttpResponse.BodyHandlers.ofString());
			}
			int status = response.statusCode();
			String location = response.headers().firstValue("Location")
				.orElseThrow(() -> new IllegalStateException("HTTP " + status + " without a redirect"));
			next = next.resolve(location);
			if (next.getHost().equals(redirectUri.getHost()) && next.getPath().equals(redirectUri.getPath())
					&& next.getPort() == redirectUri.getPort()) {
				return next;
			}
		}
		throw new IllegalStateException("too many redirects");
	}

	private static String enc(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
