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
