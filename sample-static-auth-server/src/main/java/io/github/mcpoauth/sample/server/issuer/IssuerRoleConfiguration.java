package io.github.mcpoauth.sample.server.issuer;

import io.github.mcpoauth.sample.server.RoleProperties;
import io.github.mcpoauth.sample.server.ServerRole;
import io.github.mcpoauth.sample.server.authorization.AcceptedResources;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;

/**
 * The {@code authorization-server} role: the authorization server of the
 * {@code authorization} package (login, {@code /authorize}, {@code /token},
 * {@code /jwks}, RFC 8414 metadata) and the registration endpoint, open by default in
 * this role, without the MCP endpoint. Tokens are issued for the RFC 8707 resource the
 * client asks for (the audience a separate resource server checks), restricted by
 * {@code --resource} when given.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = ServerRole.PROPERTY, havingValue = "authorization-server")
@EnableConfigurationProperties(RoleProperties.class)
public class IssuerRoleConfiguration {

	/**
	 * Adds the {@link AcceptedResources} of this role to the authorization server settings.
	 * @param properties the role properties, looked up when the settings are created
	 * @return the post-processor
	 */
	@Bean
	static BeanPostProcessor acceptedResourcesSettingPostProcessor(ObjectProvider<RoleProperties> properties) {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (bean instanceof AuthorizationServerSettings settings) {
					return AuthorizationServerSettings.withSettings(settings.getSettings())
						.setting(AcceptedResources.SETTING, new AcceptedResources(properties.getObject().resources()))
						.build();
				}
				return bean;
			}

		};
	}

}
