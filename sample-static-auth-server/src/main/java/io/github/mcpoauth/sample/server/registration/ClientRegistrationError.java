package io.github.mcpoauth.sample.server.registration;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An RFC 7591 §3.2.2 error response body.
 *
 * @param error the error code
 * @param errorDescription a human-readable description
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7591#section-3.2.2">RFC 7591 §3.2.2</a>
 */
record ClientRegistrationError(@JsonProperty("error") String error,
		@JsonProperty("error_description") String errorDescription) {

	static final String INVALID_REDIRECT_URI = "invalid_redirect_uri";

	static final String INVALID_CLIENT_METADATA = "invalid_client_metadata";

	static final String ACCESS_DENIED = "access_denied";

}
