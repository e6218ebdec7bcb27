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

package io.github.mcpoauth.store;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.mcpoauth.core.McpOAuthErrorCode;
import io.github.mcpoauth.core.McpOAuthException;
import io.github.mcpoauth.dpop.DPoPKey;
import io.github.mcpoauth.registration.OAuthClientRegistration;
import io.github.mcpoauth.token.OAuthToken;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one JSON form of {@link OAuthToken} and {@link OAuthClientRegistration} shared by every
 * persistent {@link TokenStore}: the encrypted file, the OS keychain and Vault. The stored
 * form has its own snake_case field names and a {@code format_version}, so renaming a Java
 * component never makes stored entries unreadable.
 *
 * <p>A token's DPoP key (RFC 9449) is part of the token's entry, as a private JWK under
 * {@code dpop_key}: each backend protects it exactly as it protects the token (the file's
 * encryption, the keychain, Vault). Entries written before DPoP simply have none.
 *
 * <p>Parse failures are reported without the underlying Jackson message, which can quote the
 * stored text (and so a token).
 */
final class TokenStoreCodec {

	/**
	 * The version written in every stored token, registration and keychain index; readers
	 * refuse newer ones.
	 */
	static final int FORMAT_VERSION = 1;

	/**
	 * The version of a whole store file's contents: 2 keeps tokens by server, then
	 * principal; readers refuse newer ones.
	 */
	static final int CONTENTS_FORMAT_VERSION = 2;

	/** The contents version of mcp-oauth 0.1.0: tokens by server only. */
	static final int LEGACY_CONTENTS_FORMAT_VERSION = 1;

	private static final JsonMapper MAPPER = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private TokenStoreCodec() {
	}

	static byte[] writeToken(OAuthToken token) {
		return write(StoredToken.from(token));
	}

	static OAuthToken readToken(byte[] json, String where) {
		return read(json, StoredToken.class, where).toToken(where);
	}

	static byte[] writeRegistration(OAuthClientRegistration registration) {
		return write(StoredRegistration.from(registration));
	}

	static OAuthClientRegistration readRegistration(byte[] json, String where) {
		return read(json, StoredRegistration.class, where).toRegistration(where);
	}

	/**
	 * The token as a JSON object tree, for stores (Vault) whose values are JSON objects.
	 * @param token the token
	 * @return its stored fields
	 */
	@SuppressWarnings("unchecked")
	static Map<String, Object> tokenToMap(OAuthToken token) {
		return MAPPER.convertValue(StoredToken.from(token), LinkedHashMap.class);
	}

	static OAuthToken tokenFromMap(Map<String, ?> data, String where) {
		return convert(data, StoredToken.class, where).toToken(where);
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> registrationToMap(OAuthClientRegistration registration) {
		return MAPPER.convertValue(StoredRegistration.from(registration), LinkedHashMap.class);
	}

	static OAuthClientRegistration registrationFromMap(Map<String, ?> data, String where) {
		return convert(data, StoredRegistration.class, where).toRegistration(where);
	}

	static byte[] writeContents(StoreContents contents) {
		Map<String, Map<String, StoredToken>> tokens = new TreeMap<>();
		contents.tokens()
			.forEach((server, byPrincipal) -> byPrincipal.forEach((principal, token) -> tokens
				.computeIfAbsent(server, (key) -> new TreeMap<>())
				.put(principal, StoredToken.from(token))));
		Map<String, Map<String, StoredRegistration>> registrations = new TreeMap<>();
		contents.registrations()
			.forEach((server, byIssuer) -> byIssuer.forEach((issuer, registration) -> registrations
				.computeIfAbsent(server, (key) -> new TreeMap<>())
				.put(issuer, StoredRegistration.from(registration))));
		return write(new StoredContents(CONTENTS_FORMAT_VERSION, tokens, registrations));
	}

	/**
	 * Reads the contents of a store file: the current layout (tokens by server, then
	 * principal), or the layout of mcp-oauth 0.1.0 ({@code format_version} 1, tokens by
	 * server only), whose tokens become the {@link TokenKey#DEFAULT_PRINCIPAL default
	 * principal}'s.
	 * @param json the decrypted file
	 * @param where the file, for messages
	 * @return the contents
	 */
	static StoreContents readContents(byte[] json, String where) {
		int version = read(json, StoredVersion.class, where).formatVersion();
		checkVersion(version, CONTENTS_FORMAT_VERSION, where);
		StoreContents contents = new StoreContents();
		Map<String, Map<String, StoredRegistration>> registrations;
		if (version <= LEGACY_CONTENTS_FORMAT_VERSION) {
			LegacyStoredContents stored = read(json, LegacyStoredContents.class, where);
			if (stored.tokens() != null) {
				stored.tokens().forEach((server, token) -> contents.putToken(TokenKey.of(server), token.toToken(where)));
			}
			registrations = stored.registrations();
			contents.setLegacyFormat(true);
		}
		else {
			StoredContents stored = read(json, StoredContents.class, where);
			if (stored.tokens() != null) {
				stored.tokens()
					.forEach((server, byPrincipal) -> byPrincipal.forEach((principal, token) -> contents
						.putToken(TokenKey.of(server, principal), token.toToken(where))));
			}
			registrations = stored.registrations();
		}
		if (registrations != null) {
			registrations.forEach((server, byIssuer) -> byIssuer
				.forEach((issuer, registration) -> contents.putRegistration(server, registration.toRegistration(where))));
		}
		return contents;
	}

	/**
	 * Writes a list of strings (the keychain index).
	 * @param index the index
	 * @return JSON
	 */
	static byte[] writeIndex(StoredIndex index) {
		return write(index);
	}

	static StoredIndex readIndex(byte[] json, String where) {
		StoredIndex index = read(json, StoredIndex.class, where);
		checkVersion(index.formatVersion(), FORMAT_VERSION, where);
		return index;
	}

	private static byte[] write(Object value) {
		try {
			return MAPPER.writeValueAsBytes(value);
		}
		catch (JacksonException ex) {
			// the message could quote a value: do not chain it
			throw new McpOAuthException(McpOAuthErrorCode.STORAGE_FAILED,
					"Could not serialize a " + value.getClass().getSimpleName() + " for storage");
		}
	}

	private static <T> T read(byte[] json, Class<T> type, String where) {
		try {
			T value = MAPPER.readValue(json, type);
			if (value == null) {
				throw unreadable(where);
			}
			return value;
		}
		catch (JacksonException ex) {
			// the message could quote the stored text: do not chain it
			throw unreadable(where);
		}
	}

	private static <T> T convert(Map<String, ?> data, Class<T> type, String where) {
		try {
			return MAPPER.convertValue(data, type);
		}
		catch (IllegalArgumentException | JacksonException ex) {
			throw unreadable(where);
		}
	}

	private static McpOAuthException unreadable(String where) {
		return new McpOAuthException(McpOAuthErrorCode.STORAGE_FAILED, "The stored entry " + where
				+ " is not a valid mcp-oauth document; delete that entry (the server will ask to authorize again)");
	}

	private static void checkVersion(int version, int newest, String where) {
		if (version > newest) {
			throw new McpOAuthException(McpOAuthErrorCode.STORAGE_FAILED,
					"The stored entry " + where + " was written in format version " + version
							+ " by a newer mcp-oauth; this version reads up to " + newest
							+ ": upgrade, or point this application at another store");
		}
	}

	private static Instant instant(@Nullable String value, String field, String where) {
		if (value == null) {
			throw new McpOAuthException(McpOAuthErrorCode.STORAGE_FAILED,
					"The stored entry " + where + " lacks '" + field + "'; delete that entry");
		}
		try {
			return Instant.parse(value);
		}
		catch (DateTimeParseException ex) {
			throw new McpOAuthException(McpOAuthErrorCode.STORAGE_FAILED,
					"The stored entry " + where + " has an invalid '" + field + "'; delete that entry");
		}
	}

	private static <T> T build(String where, Supplier<T> constructor) {
		try {
			return constructor.get();
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			// Assert messages name fields, never values
			throw new McpOAuthException(McpOAuthErrorCode.STORAGE_FAILED,
					"The stored entry " + where + " is incomplete (" + ex.getMessage() + "); delete that entry");
		}
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record StoredToken(@JsonProperty("format_version") int formatVersion,
			@JsonProperty("access_token") @Nullable String accessToken,
			@JsonProperty("token_type") @Nullable String tokenType,
			@JsonProperty("refresh_token") @Nullable String refreshToken,
			@JsonProperty("issued_at") @Nullable String issuedAt,
			@JsonProperty("expires_at") @Nullable String expiresAt, @JsonProperty("issuer") @Nullable String issuer,
			@JsonProperty("resource") @Nullable String resource,
			@JsonProperty("scopes") @Nullable List<String> scopes,
			@JsonProperty("dpop_key") @Nullable Map<String, Object> dpopKey) {

		static StoredToken from(OAuthToken token) {
			return new StoredToken(FORMAT_VERSION, token.accessToken(), token.tokenType(), token.refreshToken(),
					token.issuedAt().toString(), (token.expiresAt() != null) ? token.expiresAt().toString() : null,
					token.issuer(), token.resource(), List.copyOf(new TreeSet<>(token.scopes())),
					(token.dpopKey() != null) ? token.dpopKey().toJwk() : null);
		}

		@SuppressWarnings("NullAway") // a missing field reaches the constructor, whose check build() reports
		OAuthToken toToken(String where) {
			checkVersion(this.formatVersion, FORMAT_VERSION, where);
			Instant issued = instant(this.issuedAt, "issued_at", where);
			Instant expires = (this.expiresAt != null) ? instant(this.expiresAt, "expires_at", where) : null;
			List<String> scopeList = (this.scopes != null) ? this.scopes : List.of();
			DPoPKey key = (this.dpopKey != null) ? dpopKey(this.dpopKey, where) : null;
			return build(where, () -> OAuthToken.builder()
				.accessToken(this.accessToken)
				.tokenType(this.tokenType)
				.refreshToken(this.refreshToken)
				.issuedAt(issued)
				.expiresAt(expires)
				.issuer(this.issuer)
				.resource(this.resource)
				.scopes(new TreeSet<>(scopeList))
				.dpopKey(key)
				.build());
		}

		private static DPoPKey dpopKey(Map<String, Object> jwk, String where) {
			try {
				return DPoPKey.fromJwk(jwk);
			}
			catch (IllegalArgumentException ex) {
				throw new McpOAuthException(McpOAuthErrorCode.STORAGE_FAILED,
						"The stored entry " + where + " has an unusable 'dpop_key'; delete that entry");
			}
		}

		@Override
		public String toString() {
			return "StoredToken[redacted]";
		}

	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record StoredRegistration(@JsonProperty("format_version") int formatVersion,
			@JsonProperty("issuer") @Nullable String issuer, @JsonProperty("client_id") @Nullable String clientId,
			@JsonProperty("client_secret") @Nullable String clientSecret,
			@JsonProperty("token_endpoint_auth_method") @Nullable String tokenEndpointAuthMethod,
			@JsonProperty("redirect_uris") @Nullable List<String> redirectUris,
			@JsonProperty("client_secret_expires_at") @Nullable String clientSecretExpiresAt,
			@JsonProperty("source") @Nullable String source) {

		static StoredRegistration from(OAuthClientRegistration registration) {
			return new StoredRegistration(FORMAT_VERSION, registration.issuer(), registration.clientId(),
					registration.clientSecret(), registration.tokenEndpointAuthMethod(), registration.redirectUris(),
					(registration.clientSecretExpiresAt() != null) ? registration.clientSecretExpiresAt().toString()
							: null,
					registration.source().name());
		}

		@SuppressWarnings("NullAway") // a missing field reaches the constructor, whose check build() reports
		OAuthClientRegistration toRegistration(String where) {
			checkVersion(this.formatVersion, FORMAT_VERSION, where);
			Instant secretExpiresAt = (this.clientSecretExpiresAt != null)
					? instant(this.clientSecretExpiresAt, "client_secret_expires_at", where) : null;
			OAuthClientRegistration.Source parsedSource = parseSource(where);
			List<String> uris = (this.redirectUris != null) ? this.redirectUris : List.of();
			return build(where, () -> new OAuthClientRegistration(this.issuer, this.clientId, this.clientSecret,
					this.tokenEndpointAuthMethod, uris, secretExpiresAt, parsedSource));
		}

		private OAuthClientRegistration.Source parseSource(String where) {
			try {
				return OAuthClientRegistration.Source.valueOf(String.valueOf(this.source));
			}
			catch (IllegalArgumentException ex) {
				throw new McpOAuthException(McpOAuthErrorCode.STORAGE_FAILED,
						"The stored entry " + where + " has an unknown registration source; delete that entry");
			}
		}

		@Override
		public String toString() {
			return "StoredRegistration[redacted]";
		}

	}

	record StoredVersion(@JsonProperty("format_version") int formatVersion) {
	}

	record StoredContents(@JsonProperty("format_version") int formatVersion,
			@JsonProperty("tokens") @Nullable Map<String, Map<String, StoredToken>> tokens,
			@JsonProperty("registrations") @Nullable Map<String, Map<String, StoredRegistration>> registrations) {

		@Override
		public String toString() {
			return "StoredContents[redacted]";
		}

	}

	/**
	 * A store file of mcp-oauth 0.1.0: one token per server.
	 */
	record LegacyStoredContents(@JsonProperty("format_version") int formatVersion,
			@JsonProperty("tokens") @Nullable Map<String, StoredToken> tokens,
			@JsonProperty("registrations") @Nullable Map<String, Map<String, StoredRegistration>> registrations) {

		@Override
		public String toString() {
			return "LegacyStoredContents[redacted]";
		}

	}

	/**
	 * The keychain's index: keychains cannot enumerate their entries.
	 * @param formatVersion the format version
	 * @param servers the server names whose token is still in the layout of mcp-oauth 0.1.0
	 * (one token per server), until it is moved to the default principal
	 * @param tokens the (server name, principal) pairs that have a token
	 * @param registrations the (server name, issuer) pairs that have a registration
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record StoredIndex(@JsonProperty("format_version") int formatVersion,
			@JsonProperty("servers") @Nullable List<String> servers,
			@JsonProperty("tokens") @Nullable List<List<String>> tokens,
			@JsonProperty("registrations") @Nullable List<List<String>> registrations) {

		static StoredIndex of(Collection<String> legacyServers, Iterable<List<String>> tokens,
				Iterable<List<String>> registrations) {
			List<List<String>> tokenList = new ArrayList<>();
			tokens.forEach(tokenList::add);
			List<List<String>> registrationList = new ArrayList<>();
			registrations.forEach(registrationList::add);
			return new StoredIndex(FORMAT_VERSION, legacyServers.isEmpty() ? null : List.copyOf(legacyServers),
					List.copyOf(tokenList), List.copyOf(registrationList));
		}

		List<String> legacyServerList() {
			return (this.servers != null) ? this.servers : List.of();
		}

		List<List<String>> tokenList() {
			return (this.tokens != null) ? this.tokens : List.of();
		}

		List<List<String>> registrationList() {
			return (this.registrations != null) ? this.registrations : List.of();
		}

	}

}
