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
