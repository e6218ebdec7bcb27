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

package io.github.mcpoauth.sample.demo;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.mcpoauth.core.McpServerRegistry;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.context.annotation.Import;

/**
 * A multi-user WebFlux application built on the starter and nothing else of this project:
 * form login with two demo users, and a page per user that lists the MCP servers with that
 * user's status ({@link DemoPages}). The starter's web support sends a user's browser to an
 * MCP server's authorization server when the user connects it, and keeps the tokens per user.
 *
 * <p>It runs in a Spring application of its own, started by the {@code serve} command with
 * the command line's servers and {@code mcp.oauth.*} properties. It reads no
 * {@code application.yml} ({@value #CONFIG_NAME} instead), and in it nothing signs in
 * outside a user's request ({@code mcp.oauth.user-agent.mode=none}).
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import({ DemoSecurity.class, DemoPages.class })
public class DemoWebApplication {

	/** The configuration file name the demo reads, if present, instead of {@code application}. */
	public static final String CONFIG_NAME = "mcp-oauth-demo";

	/** The demo's port when none is given. */
	public static final int DEFAULT_PORT = 8080;

	/**
	 * Starts the demo and waits until it listens.
	 * @param servers the MCP servers to offer
	 * @param args Spring Boot properties ({@code --name=value}), such as {@code --server.port=0}
	 * or {@code --mcp.oauth.storage.type=encrypted-file}
	 * @return the running application
	 */
	public static ConfigurableApplicationContext start(McpServerRegistry servers, String... args) {
		SpringApplication application = new SpringApplication(DemoWebApplication.class);
		application.setWebApplicationType(WebApplicationType.REACTIVE);
		Map<String, Object> defaults = new LinkedHashMap<>();
		defaults.put("spring.config.name", CONFIG_NAME);
		defaults.put("spring.main.banner-mode", "off");
		// Relaxed for local development: loopback only, as the sample server
		defaults.put("server.address", "127.0.0.1");
		defaults.put("server.port", DEFAULT_PORT);
		// a server signs in only through a user's browser, never a browser of its own
		defaults.put("mcp.oauth.user-agent.mode", "none");
		defaults.put("spring.application.name", "mcp-oauth-demo");
		application.setDefaultProperties(defaults);
		application.addInitializers((context) -> ((GenericApplicationContext) context)
			.registerBean("mcpServerRegistry", McpServerRegistry.class, () -> servers));
		return application.run(args);
	}

}
