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

package io.github.mcpoauth.discovery;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * A {@code Bearer} challenge (RFC 6750 §3) or a {@code DPoP} challenge (RFC 9449 §7.1) from a
 * {@code WWW-Authenticate} response header, with the parameters MCP relies on:
 * {@code resource_metadata} (RFC 9728 §5.1), {@code scope} and {@code error}. Both schemes
 * carry the same parameters; a DPoP challenge may add {@code algs} and the error
 * {@code use_dpop_nonce} (RFC 9449 §9).
 *
 * <p>The parser follows the challenge grammar of RFC 9110 §11.6.1: several challenges in one
 * header or in several headers, quoted strings with backslash escapes, token68 values and
 * case-insensitive scheme and parameter names.
 *
 * @param scheme the scheme, {@value #BEARER} or {@value #DPOP}
 * @param parameters the challenge's auth-params, with lower-case names
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6750#section-3">RFC 6750 §3</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9449#section-7.1">RFC 9449 §7.1</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9728#section-5.1">RFC 9728 §5.1</a>
 */
public record BearerChallenge(String scheme, Map<String, String> parameters) {

	/** The scheme of bearer tokens (RFC 6750 §3). */
	public static final String BEARER = "Bearer";

	/** The scheme of DPoP-bound tokens (RFC 9449 §7.1). */
	public static final String DPOP = "DPoP";

	public BearerChallenge {
		parameters = Map.copyOf(parameters);
	}

	/**
	 * A {@code Bearer} challenge.
	 * @param parameters the challenge's auth-params, with lower-case names
	 */
	public BearerChallenge(Map<String, String> parameters) {
		this(BEARER, parameters);
	}

	/**
	 * Finds the first {@code Bearer} challenge in the given {@code WWW-Authenticate} header
	 * values, else the first {@code DPoP} challenge (a server that accepts only DPoP-bound
	 * tokens challenges with {@code DPoP} alone).
	 * @param headerValues every value of the {@code WWW-Authenticate} header
	 * @return the challenge, or empty when there is none
	 */
	public static Optional<BearerChallenge> parse(List<String> headerValues) {
		BearerChallenge dpop = null;
		for (String value : headerValues) {
			for (Challenge challenge : parseChallenges(value)) {
				if (BEARER.equalsIgnoreCase(challenge.scheme())) {
					return Optional.of(new BearerChallenge(BEARER, challenge.parameters()));
				}
				if (dpop == null && DPOP.equalsIgnoreCase(challenge.scheme())) {
					dpop = new BearerChallenge(DPOP, challenge.parameters());
				}
			}
		}
		return Optional.ofNullable(dpop);
	}

	/**
	 * Whether the header values hold a {@code DPoP} challenge with
	 * {@code error="use_dpop_nonce"}: the resource server wants the request again with a proof
	 * that carries the nonce of its {@code DPoP-Nonce} header (RFC 9449 §9).
	 * @param headerValues every value of the {@code WWW-Authenticate} header
	 * @return whether a nonce is asked for
	 */
	public static boolean asksForDPoPNonce(List<String> headerValues) {
		for (String value : headerValues) {
			for (Challenge challenge : parseChallenges(value)) {
				if (DPOP.equalsIgnoreCase(challenge.scheme())
						&& "use_dpop_nonce".equals(challenge.parameters().get("error"))) {
					return true;
				}
			}
		}
		return false;
	}

	/**
	 * Whether the header values hold a {@code DPoP} challenge at all: a resource server that
	 * accepts DPoP-bound tokens names the scheme when it refuses a request (RFC 9449 §7.1).
	 * @param headerValues every value of the {@code WWW-Authenticate} header
	 * @return whether a {@code DPoP} challenge is among them
	 */
	public static boolean offersDPoP(List<String> headerValues) {
		for (String value : headerValues) {
			for (Challenge challenge : parseChallenges(value)) {
				if (DPOP.equalsIgnoreCase(challenge.scheme())) {
					return true;
				}
			}
		}
		return false;
	}

	/**
	 * @return whether this is a {@code DPoP} challenge
	 */
	public boolean isDPoP() {
		return DPOP.equals(this.scheme);
	}

	/**
	 * @return the {@code error} parameter, for example {@code invalid_token} or {@code insufficient_scope}
	 */
	public @Nullable String error() {
		return this.parameters.get("error");
	}

	public @Nullable String errorDescription() {
		return this.parameters.get("error_description");
	}

	/**
	 * @return the scopes the challenge asks for, in order, empty when it names none
	 */
	public Set<String> scopes() {
		String scope = this.parameters.get("scope");
		return (scope != null) ? Scopes.parse(scope) : Set.of();
	}

	/**
	 * @return the protected-resource metadata URL, or {@code null} when absent or not an absolute URI
	 */
	public @Nullable URI resourceMetadata() {
		String value = this.parameters.get("resource_metadata");
		if (value == null) {
			return null;
		}
		try {
			URI uri = URI.create(value);
			return uri.isAbsolute() ? uri : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	public boolean isInsufficientScope() {
		return "insufficient_scope".equals(error());
	}

	record Challenge(String scheme, Map<String, String> parameters) {
	}

	/**
	 * Parses one {@code WWW-Authenticate} header value into its challenges (RFC 9110 §11.6.1).
	 * Unquoted parameter values are read leniently up to the next comma or space, since
	 * servers commonly send URLs unquoted.
	 * @param header the header value
	 * @return the challenges in order
	 */
	static List<Challenge> parseChallenges(String header) {
		List<Challenge> challenges = new ArrayList<>();
		Lexer lexer = new Lexer(header);
		String scheme = null;
		Map<String, String> params = new LinkedHashMap<>();
		boolean firstAfterScheme = false;
		while (lexer.skipSpaceAndCommas()) {
			String token = lexer.token();
			if (token.isEmpty()) {
				lexer.position++; // a stray character: skip it
				continue;
			}
			int afterToken = lexer.position;
			lexer.skipSpace();
			boolean isParam = scheme != null && lexer.peek() == '=' && !lexer.isToken68Padding();
			if (isParam) {
				lexer.position++;
				lexer.skipSpace();
				String value = (lexer.peek() == '"') ? lexer.quotedString() : lexer.bareValue();
				params.putIfAbsent(token.toLowerCase(Locale.ROOT), value);
				firstAfterScheme = false;
			}
			else if (firstAfterScheme) {
				// token68 credentials-style value directly after the scheme: not a parameter
				lexer.skipToken68Padding();
				firstAfterScheme = false;
			}
			else {
				if (scheme != null) {
					challenges.add(new Challenge(scheme, params));
				}
				scheme = token;
				params = new LinkedHashMap<>();
				lexer.position = afterToken;
				firstAfterScheme = lexer.peek() == ' ' || lexer.peek() == '\t';
			}
		}
		if (scheme != null) {
			challenges.add(new Challenge(scheme, params));
		}
		return challenges;
	}

	private static final class Lexer {

		private static final String TCHARS = "!#$%&'*+-.^_`|~/";

		private final String text;

		private int position;

		Lexer(String text) {
			this.text = text;
		}

		boolean atEnd() {
			return this.position >= this.text.length();
		}

		char peek() {
			return atEnd() ? '\0' : this.text.charAt(this.position);
		}

		void skipSpace() {
			while (!atEnd() && (peek() == ' ' || peek() == '\t')) {
				this.position++;
			}
		}

		boolean skipSpaceAndCommas() {
			while (!atEnd() && (peek() == ' ' || peek() == '\t' || peek() == ',')) {
				this.position++;
			}
			return !atEnd();
		}

		/**
		 * Whether the '=' at the position only pads a token68 value ("abc==", "abc=,"), rather
		 * than separating an auth-param name from its value, which may be surrounded by
		 * whitespace (RFC 9110 §11.2: {@code token BWS "=" BWS value}).
		 */
		boolean isToken68Padding() {
			int i = this.position;
			while (i < this.text.length() && this.text.charAt(i) == '=') {
				i++;
			}
			int equalsSigns = i - this.position;
			while (i < this.text.length() && (this.text.charAt(i) == ' ' || this.text.charAt(i) == '\t')) {
				i++;
			}
			return i >= this.text.length() || this.text.charAt(i) == ',' || equalsSigns > 1;
		}

		void skipToken68Padding() {
			while (peek() == '=') {
				this.position++;
			}
		}

		String token() {
			int start = this.position;
			while (!atEnd() && (Character.isLetterOrDigit(peek()) || TCHARS.indexOf(peek()) >= 0)) {
				this.position++;
			}
			return this.text.substring(start, this.position);
		}

		String bareValue() {
			int start = this.position;
			while (!atEnd() && peek() != ',' && peek() != ' ' && peek() != '\t') {
				this.position++;
			}
			return this.text.substring(start, this.position);
		}

		String quotedString() {
			StringBuilder value = new StringBuilder();
			this.position++; // the opening quote
			while (!atEnd()) {
				char c = this.text.charAt(this.position++);
				if (c == '\\' && !atEnd()) {
					value.append(this.text.charAt(this.position++));
				}
				else if (c == '"') {
					return value.toString();
				}
				else {
					value.append(c);
				}
			}
			return value.toString();
		}

	}

	/** Space-delimited scope lists (RFC 6749 §3.3). */
	public static final class Scopes {

		private Scopes() {
		}

		public static Set<String> parse(String scope) {
			Set<String> scopes = new LinkedHashSet<>();
			for (String s : scope.trim().split("\\s+")) {
				if (!s.isEmpty()) {
					scopes.add(s);
				}
			}
			return scopes;
		}

	}

}
