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

package io.github.mcpoauth.sample.server.authorization;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collection;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The RFC 8707 resources an authorization server without an MCP endpoint of its own
 * (role {@code authorization-server}) issues tokens for: a configured list, or, when the
 * list is empty, any absolute {@code http(s)} URI without fragment (relaxed for local
 * development: any resource server can ask for tokens of its own audience).
 * <p>
 * Stored as a custom setting ({@link #SETTING}) of the {@code AuthorizationServerSettings};
 * without it the server accepts its own MCP endpoint only.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8707#section-2">RFC 8707 §2</a>
 */
public final class AcceptedResources {

	/**
	 * The name of the custom setting of {@code AuthorizationServerSettings}.
	 */
	public static final String SETTING = "io.github.mcpoauth.sample.accepted-resources";

	private final List<String> resources;

	/**
	 * Creates the policy.
	 * @param resources the accepted resources; empty for any absolute http(s) URI
	 */
	public AcceptedResources(List<String> resources) {
		Assert.notNull(resources, "resources cannot be null");
		this.resources = List.copyOf(resources);
	}

	/**
	 * The first requested resource that is not accepted.
	 * @param requested the requested resources
	 * @return the offending resource, or {@code null} when all are acceptable
	 */
	@Nullable String firstUnacceptable(Collection<String> requested) {
		return requested.stream().filter((resource) -> !isAccepted(resource)).findFirst().orElse(null);
	}

	/**
	 * What is accepted, for error descriptions.
	 * @return the list, or a description of the open policy
	 */
	String describe() {
		return this.resources.isEmpty() ? "an absolute http(s) URI without fragment"
				: String.join(" or ", this.resources);
	}

	private boolean isAccepted(String resource) {
		if (!this.resources.isEmpty()) {
			return this.resources.contains(resource);
		}
		try {
			URI uri = new URI(resource);
			return uri.isAbsolute() && uri.getRawFragment() == null && uri.getHost() != null
					&& ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()));
		}
		catch (URISyntaxException ex) {
			return false;
		}
	}

}
