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

package io.github.mcpoauth.integration.springai;

import io.github.mcpoauth.integration.FormLoginUserAndTokenCounters;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/**
 * An application with Spring AI's MCP client starter, this project's starter and
 * {@code application-spring-ai-it.yml}, and no MCP or OAuth code of its own. What the tests
 * add is imported: a user who logs in through the sample server's form, and counters of the
 * engine's token requests.
 */
@SpringBootApplication(proxyBeanMethods = false)
@Import(FormLoginUserAndTokenCounters.class)
class SpringAiTestApplication {

}
