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

package io.github.mcpoauth.sample.client;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plays the user in a browser over plain HTTP, for tests without Chromium: opens the
 * authorization URL the command printed, signs in at the sample server's real login form
 * (cookies, CSRF token), follows the redirects and finally delivers the authorization
 * response to the command's loopback listener, as a browser would.
 */
final class FormLogin {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

	private FormLogin() {
	}

	/**
	 * @param authorizationUri the URL the command asked the user to open
	 * @param username the user
	 * @param password the password
	 * @return the page the loopback listener answered with
	 */
	static HttpResponse<String> login(URI authorizationUri, String username, String password)
			throws IOException, InterruptedException {
		HttpClient http = HttpClient.newBuilder()
			.cookieHandler(new CookieManager())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		URI next = authorizationUri;
		for (int hop = 0; hop < 10; hop++) {
			HttpResponse<String> response = http.send(HttpRequest.newBuilder(next).GET().build(),
					HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() == 200 && response.body().contains("_csrf")) {
				Matcher csrf = CSRF.matcher(response.body());
				if (!csrf.find()) {
					throw new IllegalStateException("no CSRF token on the login page");
				}
				String form = "username=" + encode(username) + "&password=" + encode(password) + "&_csrf="
						+ encode(csrf.group(1));
				response = http.send(HttpRequest.newBuilder(next)
					.header("Content-Type", "application/x-www-form-urlencoded")
					.POST(HttpRequest.BodyPublishers.ofString(form))
					.build(), HttpResponse.BodyHandlers.ofString());
			}
			if (response.statusCode() == 200) {
				return response; // the loopback listener's page
			}
			int status = response.statusCode();
			String location = response.headers().firstValue("Location")
				.orElseThrow(() -> new IllegalStateException("HTTP " + status + " without a redirect"));
			next = next.resolve(location);
		}
		throw new IllegalStateException("too many redirects");
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
