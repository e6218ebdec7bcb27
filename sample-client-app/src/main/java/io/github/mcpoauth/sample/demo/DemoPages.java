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

import io.github.mcpoauth.core.McpServerRegistry;
import io.github.mcpoauth.transport.McpWebClientTransports;
import io.github.mcpoauth.web.McpConnections;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The demo's pages, per signed-in user:
 * <ul>
 * <li>{@code GET /}: the configured MCP servers with the user's status (connected, with the
 * fingerprint, expiry and scopes of the user's own token, or not);</li>
 * <li>{@code POST /servers/{name}/connect}: connects the server; when the user holds no
 * token, the starter's web support sends the browser to the server's login;</li>
 * <li>{@code GET /servers/{name}/tools}: the server's tools, with a form for each;</li>
 * <li>{@code POST /servers/{name}/tools/{tool}}: calls a tool and shows its result;</li>
 * <li>{@code POST /servers/{name}/disconnect}: removes the user's tokens for the server.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class DemoPages {

	@Bean
	RouterFunction<ServerResponse> demoRoutes(McpServerRegistry servers, McpConnections connections,
			McpWebClientTransports transports) {
		DemoHandlers handlers = new DemoHandlers(servers, connections, transports);
		return RouterFunctions.route()
			.GET("/", handlers::home)
			.POST("/servers/{name}/connect", handlers::connect)
			.POST("/servers/{name}/disconnect", handlers::disconnect)
			.GET("/servers/{name}/tools", handlers::tools)
			.POST("/servers/{name}/tools/{tool}", handlers::call)
			.build();
	}

}
