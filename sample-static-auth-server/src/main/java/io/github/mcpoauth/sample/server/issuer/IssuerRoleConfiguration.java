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
