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

package io.github.mcpoauth.sample.server.fleet;

import io.github.mcpoauth.sample.server.StaticServerProperties;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Which beans the sample server uses: the JDBC services when {@code mcp.static.database-url}
 * is set, the in-memory ones otherwise; the configured signing key when
 * {@code mcp.static.signing-key} is set, else the one Spring Boot generates.
 */
public final class FleetConditions {

	private FleetConditions() {
	}

	private static boolean isSet(ConditionContext context, String name) {
		return StringUtils.hasText(context.getEnvironment().getProperty(StaticServerProperties.CONFIG_PREFIX + "." + name));
	}

	/** {@code mcp.static.database-url} is set. */
	public static final class Database implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return isSet(context, "database-url");
		}

	}

	/** {@code mcp.static.database-url} is not set. */
	public static final class NoDatabase implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return !isSet(context, "database-url");
		}

	}

	/** {@code mcp.static.signing-key} is set. */
	public static final class SigningKey implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return isSet(context, "signing-key");
		}

	}

}
