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

package io.github.mcpoauth.sample.client;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.bootstrap.DefaultBootstrapContext;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationStartingEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.support.EnvironmentPostProcessorApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * The Spring Boot environment of the command line without an application context: the
 * first part of {@link SpringApplication#run(String...)}, done by the same listeners. The
 * {@code --name=value} arguments, system properties, environment variables,
 * {@code SPRING_APPLICATION_JSON}, {@code application.yml} files and profiles are read by
 * Spring Boot's environment post-processors, then the logging system is set up with the
 * {@code logging.*} settings. Binding {@code mcp.oauth} from this environment gives what the
 * application context would bind.
 */
final class CliEnvironment {

	private CliEnvironment() {
	}

	/**
	 * Prepares the environment.
	 * @param application the application whose environment it is (its profiles and
	 * resource loader are used; it is not run)
	 * @param arguments the {@code --name=value} arguments
	 * @return the environment
	 */
	static ConfigurableEnvironment prepare(SpringApplication application, String[] arguments) {
		DefaultBootstrapContext bootstrapContext = new DefaultBootstrapContext();
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource(arguments));
		ConfigurationPropertySources.attach(environment);
		LoggingApplicationListener logging = new LoggingApplicationListener();
		logging.onApplicationEvent(new ApplicationStartingEvent(bootstrapContext, application, arguments));
		ApplicationEnvironmentPreparedEvent prepared = new ApplicationEnvironmentPreparedEvent(bootstrapContext,
				application, arguments, environment);
		new EnvironmentPostProcessorApplicationListener().onApplicationEvent(prepared);
		logging.onApplicationEvent(prepared);
		return environment;
	}

}
