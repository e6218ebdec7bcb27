package io.github.mcpoauth.autoconfigure;

import io.github.mcpoauth.client.McpOAuthClientBuilder;

/**
 * Customizes the {@link McpOAuthClientBuilder} of the auto-configured engine, for example to
 * give it a {@code WebClient} with a proxy or a test clock. Applied in {@code @Order}.
 */
@FunctionalInterface
public interface McpOAuthClientBuilderCustomizer {

	/**
	 * @param builder the builder to customize
	 */
	void customize(McpOAuthClientBuilder builder);

}
