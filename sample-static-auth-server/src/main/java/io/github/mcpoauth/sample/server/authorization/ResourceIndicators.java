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

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.github.mcpoauth.sample.server.ServerBaseUrl;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContext;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;
import org.springframework.util.Assert;

/**
 * The RFC 8707 {@code resource} parameter: reading it from request parameters and the
 * one resource this server accepts.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8707#section-2">RFC 8707 §2</a>
 */
final class ResourceIndicators {

	/**
	 * The name of the request parameter.
	 */
	static final String PARAMETER = "resource";

	/**
	 * The RFC 8707 §2 error code for an unacceptable resource.
	 */
	static final String INVALID_TARGET = "invalid_target";

	private static final String ERROR_URI = "https://www.rfc-editor.org/rfc/rfc8707#section-2";

	private ResourceIndicators() {
	}

	/**
	 * The resource indicators among additional request parameters.
	 * @param additionalParameters the parameters; a repeated parameter is an array
	 * @return the resources, possibly empty
	 */
	static List<String> requested(@Nullable Map<String, Object> additionalParameters) {
		if (additionalParameters == null) {
			return List.of();
		}
		Object value = additionalParameters.get(PARAMETER);
		List<String> resources = new ArrayList<>();
		if (value instanceof String resource) {
			resources.add(resource);
		}
		else if (value instanceof String[] array) {
			resources.addAll(List.of(array));
		}
		else if (value instanceof Collection<?> collection) {
			collection.forEach((resource) -> resources.add(String.valueOf(resource)));
		}
		return resources;
	}

	/**
	 * The only resource this server issues tokens for: its MCP endpoint, below the issuer
	 * of the current request.
	 * @return {@code <issuer>/mcp}
	 */
	static String accepted() {
		AuthorizationServerContext context = AuthorizationServerContextHolder.getContext();
		Assert.state(context != null, "no AuthorizationServerContext: not inside an authorization server request");
		return ServerBaseUrl.mcpResource(context.getIssuer());
	}

	/**
	 * The resources of an authorization server that serves other resource servers (role
	 * {@code authorization-server}), from the settings of the current request.
	 * @return the policy, or {@code null} when the server accepts its own MCP endpoint only
	 */
	static @Nullable AcceptedResources external() {
		AuthorizationServerContext context = AuthorizationServerContextHolder.getContext();
		if (context == null || context.getAuthorizationServerSettings() == null) {
			return null;
		}
		Object setting = context.getAuthorizationServerSettings().getSetting(AcceptedResources.SETTING);
		return (setting instanceof AcceptedResources acceptedResources) ? acceptedResources : null;
	}

	/**
	 * The first requested resource that is not the accepted one.
	 * @param requested the requested resources
	 * @param accepted the accepted resource
	 * @return the offending resource, or {@code null} when all are acceptable
	 */
	static @Nullable String firstUnacceptable(Collection<String> requested, String accepted) {
		return requested.stream().filter((resource) -> !accepted.equals(resource)).findFirst().orElse(null);
	}

	/**
	 * The {@code invalid_target} error for a resource this server does not serve.
	 * @param resource the requested resource
	 * @param accepted the accepted resource
	 * @return the error
	 */
	static OAuth2Error invalidTarget(String resource, String accepted) {
		return new OAuth2Error(INVALID_TARGET,
				"The resource '" + resource + "' is not served by this authorization server; use " + accepted,
				ERROR_URI);
	}

}
