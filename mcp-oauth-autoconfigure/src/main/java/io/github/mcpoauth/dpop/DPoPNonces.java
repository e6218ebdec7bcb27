package io.github.mcpoauth.dpop;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The last nonce each server handed out with a {@code DPoP-Nonce} header, so that the next
 * proof for that server carries it (RFC 9449 §8 for authorization servers, §9 for resource
 * servers). Keys name the server: the token endpoint of an authorization server, the name of
 * an MCP server. Thread-safe.
 */
public final class DPoPNonces {

	private final Map<String, String> nonces = new ConcurrentHashMap<>();

	/**
	 * @param server the server
	 * @return its last nonce, or {@code null} when it has given none
	 */
	public @Nullable String get(String server) {
		return this.nonces.get(server);
	}

	/**
	 * Remembers a server's nonce.
	 * @param server the server
	 * @param nonce the value of its {@code DPoP-Nonce} header; {@code null} or empty is ignored
	 * @return whether the nonce is new for that server (a proof without it was refused for a
	 * reason another try can fix)
	 */
	public boolean remember(String server, @Nullable String nonce) {
		Assert.notNull(server, "server cannot be null");
		if (nonce == null || nonce.isBlank()) {
			return false;
		}
		return !nonce.equals(this.nonces.put(server, nonce));
	}

}
