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

package io.github.mcpoauth.sample.server;

import java.time.Clock;
import java.time.ZoneId;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * A sample MCP server protected by Spring Authorization Server, with a statically
 * registered client, on one port: the authorization server, the login page, the
 * protected-resource metadata and the MCP Streamable HTTP endpoint.
 */
@SpringBootApplication(proxyBeanMethods = false)
@EnableConfigurationProperties(StaticServerProperties.class)
public class StaticAuthServerApplication {

	/**
	 * Starts the server.
	 * @param args command-line flags, see {@link StaticServerArguments#USAGE}
	 */
	public static void main(String[] args) {
		if (StaticServerArguments.isHelpRequested(args)) {
			System.out.print(StaticServerArguments.USAGE);
			return;
		}
		// the defaults of sample-static-auth-server.yml, then an application.yml where it is started
		application().properties("spring.config.name=" + StaticAuthServer.CONFIG_NAME + ",application")
			.run(StaticServerArguments.toSpringArguments(args));
	}

	/**
	 * The application of both launchers ({@link #main} and
	 * {@link StaticAuthServer#start(String...)}).
	 * @return the builder
	 */
	static SpringApplicationBuilder application() {
		return new SpringApplicationBuilder(StaticAuthServerApplication.class).web(WebApplicationType.SERVLET)
			.initializers(new ServerRoleInitializer());
	}

	/**
	 * The clock of the {@code get_time} tool: UTC, which the tool reports as its time
	 * zone.
	 * @return the clock
	 */
	@Bean
	Clock clock() {
		return Clock.system(ZoneId.of("UTC"));
	}

	/**
	 * The base-URL resolver shared by the authorization server and the protected
	 * resource.
	 * @param properties the server properties
	 * @return the resolver
	 */
	@Bean
	ServerBaseUrl serverBaseUrl(StaticServerProperties properties) {
		return new ServerBaseUrl(properties.publicUrl());
	}

	/**
	 * Logs where the server listens and warns about published default credentials.
	 * @param properties the server properties
	 * @return the listener
	 */
	@Bean
	StartupReport startupReport(StaticServerProperties properties) {
		return new StartupReport(properties);
	}

}
