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

package io.github.mcpoauth.dpop;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collection;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The names DPoP (RFC 9449) puts on the wire, and the small rules around them.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9449">RFC 9449</a>
 */
public final class DPoP {

	/** The request header that carries a proof (RFC 9449 §4.1). */
	public static final String HEADER = "DPoP";

	/** The response header that carries a server-provided nonce (RFC 9449 §8, §9). */
	public static final String NONCE_HEADER = "DPoP-Nonce";

	/** The authentication scheme and token type of DPoP-bound tokens (RFC 9449 §5, §7.1). */
	public static final String SCHEME = "DPoP";

	/** The error a server answers when a proof must carry its nonce (RFC 9449 §8, §9). */
	public static final String USE_DPOP_NONCE = "use_dpop_nonce";

	/** The authorization-server metadata member that lists the accepted proof algorithms (RFC 9449 §5.1). */
	public static final String SIGNING_ALG_VALUES_SUPPORTED = "dpop_signing_alg_values_supported";

	/**
	 * The proof algorithms this client can sign with, in the order it prefers them: ES256
	 * first (small keys and proofs), then the other ECDSA and RSA algorithms.
	 */
	public static final List<String> ALGORITHMS = List.of("ES256", "ES384", "ES512", "PS256", "RS256", "PS384",
			"RS384", "PS512", "RS512");

	private DPoP() {
	}

	/**
	 * Whether a token type names a DPoP-bound token (compared without case, RFC 9449 §5).
	 * @param tokenType the {@code token_type} of a token response
	 * @return {@code true} for {@code DPoP}
	 */
	public static boolean isDPoP(@Nullable String tokenType) {
		return SCHEME.equalsIgnoreCase(tokenType);
	}

	/**
	 * The first algorithm of {@link #ALGORITHMS} that an authorization server accepts.
	 * @param supported the server's {@code dpop_signing_alg_values_supported}
	 * @return the algorithm, or {@code null} when the server accepts none this client can use
	 */
	public static @Nullable String chooseAlgorithm(Collection<String> supported) {
		return ALGORITHMS.stream().filter(supported::contains).findFirst().orElse(null);
	}

	/**
	 * The {@code htu} of a request: its URI without query and fragment (RFC 9449 §4.2).
	 * @param uri the request URI
	 * @return the URI to put in a proof
	 */
	public static URI htu(URI uri) {
		if (uri.getRawQuery() == null && uri.getRawFragment() == null) {
			return uri;
		}
		try {
			return new URI(uri.getScheme(), uri.getRawAuthority(), uri.getRawPath(), null, null);
		}
		catch (URISyntaxException ex) {
			throw new IllegalArgumentException("Not a request URI: " + uri, ex);
		}
	}

}
