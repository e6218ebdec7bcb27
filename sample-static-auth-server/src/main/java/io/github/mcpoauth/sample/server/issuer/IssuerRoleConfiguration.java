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

package io.github.mcpoauth.sample.server.issuer;

import io.github.mcpoauth.sample.server.RoleProperties;
import io.github.mcpoauth.sample.server.ServerRole;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code authorization-server} role: the authorization server of the
 * {@code authorization} package (login, {@code /authorize}, {@code /token},
 * {@code /jwks}, RFC 8414 metadata) and the registration endpoint, open by default in
 * this role, without the MCP endpoint. Tokens are issued for the RFC 8707 resource the
 * client asks for (the audience a separate resource server checks), restricted by
 * {@code --resource} when given: the {@link RoleProperties} enabled here become the
 * {@code AcceptedResources} of the authorization server's settings.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = ServerRole.PROPERTY, havingValue = "authorization-server")
@EnableConfigurationProperties(RoleProperties.class)
public class IssuerRoleConfiguration {

}
