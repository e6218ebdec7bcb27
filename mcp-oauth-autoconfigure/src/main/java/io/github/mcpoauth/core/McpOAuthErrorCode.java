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

/**
 * Stable codes for every way the MCP OAuth client can fail. The code is part of the
 * public contract: applications may branch on it, and the CLI maps it to an exit code.
 */
public enum McpOAuthErrorCode {

	/** A server (the MCP server or its authorization server) could not be reached at all. */
	CONNECTION_FAILED("Check that the server is running and reachable from here (URL, port, proxy, firewall)."),

	/** A server's answer could not be read (for example a body that is not JSON, or one too large to read). */
	INVALID_RESPONSE("The server's answer could not be read; check that the URL points at an MCP endpoint or an authorization server."),

	/** Neither protected-resource nor authorization-server metadata could be found. */
	DISCOVERY_FAILED("Check that the MCP server URL is right and that the server is up."),

	/** A metadata document could not be parsed or lacks a required member. */
	INVALID_METADATA("The server published a malformed metadata document; report it to the server operator."),

	/** The authorization-server metadata names another issuer than the one it was fetched for (RFC 8414 §3.3). */
	ISSUER_MISMATCH("The authorization server's metadata does not belong to it; do not trust this server."),

	/** The protected-resource metadata names another resource than the server called (RFC 9728 §3.3). */
	RESOURCE_MISMATCH("The protected-resource metadata belongs to another server; check the configured URL or set 'resource'."),

	/**
	 * An endpoint or metadata URL is neither {@code https} nor {@code http} on a loopback host
	 * (OAuth 2.1 §1.5, RFC 8414 §2, RFC 8252 §8.3); nothing was sent to it.
	 */
	INSECURE_ENDPOINT("Endpoints must be https (plain http only on 127.0.0.1, [::1] or localhost); check the server URL, or report the server's metadata to its operator."),

	/**
	 * The authorization server (or a metadata URL) answered a back-channel request with a
	 * redirect, which is never followed.
	 */
	REDIRECT_REFUSED("Requests to authorization servers never follow redirects; configure the URL the redirect points to, or report it to the server operator."),

	/** The authorization server does not advertise PKCE with S256 (RFC 7636, MCP authorization). */
	PKCE_UNSUPPORTED("The authorization server does not support PKCE S256, which MCP requires."),

	/**
	 * DPoP is required for the server ({@code dpop: required}) but its authorization server does
	 * not support it with an algorithm this client signs with, or issued a bearer token (RFC 9449).
	 */
	DPOP_UNSUPPORTED("The authorization server does not issue DPoP-bound tokens; set 'dpop' to 'auto' to accept bearer tokens, or ask its operator to enable DPoP."),

	/** No way to obtain client credentials: no pre-registration, no CIMD support, no registration endpoint. */
	REGISTRATION_UNAVAILABLE("Configure a pre-registered client: set 'client-id' (and 'client-secret' for a confidential client)."),

	/**
	 * Pre-registered credentials belong to another authorization server than the one the MCP
	 * server now names, which offers no registration (MCP SEP-2352): they are not sent there.
	 */
	CREDENTIALS_BOUND_TO_OTHER_ISSUER("Configure credentials issued by the new authorization server and set 'issuer' to it."),

	/** The registration endpoint refused to register this client (RFC 7591 §3.2.2). */
	REGISTRATION_REFUSED("Ask the server operator for a pre-registered client and set 'client-id' / 'client-secret'."),

	/** The authorization response carried another state than the one sent (RFC 6749 §10.12). */
	STATE_MISMATCH("The authorization response was not for this request; start the authorization again."),

	/** The authorization response names another issuer than expected (RFC 9207 §2.4). */
	ISSUER_RESPONSE_MISMATCH("The authorization response came from an unexpected authorization server; start again."),

	/** The user or the authorization server denied the authorization request (RFC 6749 §4.1.2.1). */
	ACCESS_DENIED("Authorization was denied; start again and approve the request."),

	/** The authorization server returned an error to the redirect URI other than access_denied. */
	AUTHORIZATION_FAILED("The authorization server refused the request; see the error description."),

	/**
	 * No authorization response arrived in time, or the authorization server did not answer
	 * a back-channel request in time.
	 */
	TIMEOUT("Nothing answered in time; start again, or raise the timeout the message names."),

	/** A new authorization is needed but no user agent is available to perform it. */
	INTERACTION_REQUIRED("Run the authorization interactively (for example the CLI's 'auth' command) or configure a user agent."),

	/**
	 * A signed-in user of a web application must authorize the application at the MCP
	 * server's authorization server first; the web support sends the user's browser there.
	 */
	AUTHORIZATION_REQUIRED("The user must sign in at the MCP server's authorization server; in a WebFlux application the starter's web support sends the browser there."),

	/** The token endpoint refused a request (RFC 6749 §5.2). */
	TOKEN_REQUEST_FAILED("The token endpoint refused the request; see the error description."),

	/** The refresh token was refused (invalid_grant); the stored tokens were dropped. */
	REFRESH_FAILED("The refresh token is no longer valid; authorize again."),

	/** The client authentication failed (invalid_client); the stored registration was dropped. */
	INVALID_CLIENT("The client credentials were refused; check 'client-id' / 'client-secret' or register again."),

	/** Repeated 403 insufficient_scope even after re-authorizing with the challenged scopes. */
	INSUFFICIENT_SCOPE("The server keeps asking for more scope than it grants; check the scopes the client may request."),

	/**
	 * The workload identity grant found no usable assertion: the file, environment variable or
	 * command gave none, or what it gave is not a JWT or has expired (MCP SEP-1933).
	 */
	WORKLOAD_ASSERTION_UNAVAILABLE("Check the workload-identity source named in the message (the projected token file, the environment variable or the command) on this host."),

	/** The configuration is incomplete or contradictory. */
	INVALID_CONFIGURATION("Fix the configuration property named in the message."),

	/** Token or registration storage failed. */
	STORAGE_FAILED("Check the storage configuration (path, permissions, password) named in the message.");

	private final String hint;

	McpOAuthErrorCode(String hint) {
		this.hint = hint;
	}

	/**
	 * What the user can do about this failure.
	 * @return a one-sentence hint
	 */
	public String hint() {
		return this.hint;
	}

}
