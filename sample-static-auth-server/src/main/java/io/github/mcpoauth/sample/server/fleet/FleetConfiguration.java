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

package io.github.mcpoauth.sample.server.fleet;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.util.UUID;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.jsontype.BasicPolymorphicTypeValidator;

import io.github.mcpoauth.sample.server.StaticServerProperties;
import io.github.mcpoauth.sample.server.authorization.RegisteredClients;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.jackson.SecurityJacksonModules;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * With {@code --database-url}: Spring Authorization Server's JDBC services on PostgreSQL
 * instead of the in-memory ones, so that every instance on the database serves the same
 * clients (the static one, and those registered dynamically at any instance), the same
 * authorizations (a code issued by one instance is redeemed at another, a refresh token
 * works at any) and the same revocations. The tables are created at start-up when missing.
 *
 * <p>The MCP endpoint's check that a token is still active goes through
 * {@link CachingAuthorizationService}: revocations at another instance apply here within
 * {@code mcp.static.active-token-cache-ttl} (5 s by default).
 *
 * <p>The browser part of one authorization (the authorization request, the login, the
 * redirect with the code) keeps its state in the HTTP session of the instance it started
 * at: put the instances behind a load balancer with sticky sessions, or share sessions.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(FleetConditions.Database.class)
@EnableConfigurationProperties(FleetProperties.class)
public class FleetConfiguration {

	private static final Log logger = LogFactory.getLog(FleetConfiguration.class);

	/**
	 * The connection pool to the database; fails at start-up, naming the URL without its
	 * password, when the database cannot be reached. Creates the missing tables.
	 * @param fleet the fleet settings
	 * @return the pool
	 */
	@Bean(destroyMethod = "close")
	HikariDataSource mcpStaticDataSource(FleetProperties fleet) {
		HikariConfig config = new HikariConfig();
		config.setPoolName("mcp-static");
		config.setJdbcUrl(fleet.databaseUrl());
		config.setUsername(fleet.databaseUsername());
		config.setPassword(fleet.databasePassword());
		config.setMaximumPoolSize(10);
		config.setConnectionTimeout(10_000);
		HikariDataSource dataSource;
		try {
			dataSource = new HikariDataSource(config);
			AuthorizationServerSchema.create(dataSource);
		}
		catch (SQLException | RuntimeException ex) {
			throw new IllegalStateException("Could not use the database " + fleet.displayDatabaseUrl()
					+ ((fleet.databaseUsername() != null) ? " as " + fleet.databaseUsername() : "") + ": "
					+ rootMessage(ex) + ". Check --database-url, --database-username and --database-password"
					+ " (MCP_STATIC_DATABASE_URL, _USERNAME, _PASSWORD), and that PostgreSQL is up", ex);
		}
		logger.info("Clients, authorizations and consents are kept in " + fleet.displayDatabaseUrl()
				+ "; a token revoked at another instance is refused here within " + fleet.activeTokenCacheTtl().toMillis()
				+ " ms");
		return dataSource;
	}

	/**
	 * The registered clients, in the database: the static client is written (or updated) at
	 * start-up under an id derived from its client id, so that every instance updates the
	 * same row; dynamically registered clients are added by the registration endpoint.
	 * @param dataSource the database
	 * @param properties the server properties
	 * @return the JDBC repository
	 */
	@Bean
	RegisteredClientRepository registeredClientRepository(DataSource dataSource, StaticServerProperties properties) {
		JdbcRegisteredClientRepository repository = new JdbcRegisteredClientRepository(new JdbcTemplate(dataSource));
		RegisteredClient staticClient = RegisteredClient
			.from(RegisteredClients.staticClient(properties))
			.id(UUID.nameUUIDFromBytes(("mcp-static/static-client/" + properties.clientId()).getBytes(StandardCharsets.UTF_8)).toString())
			.build();
		try {
			repository.save(staticClient);
		}
		catch (DuplicateKeyException ex) {
			// another instance inserted it at the same moment: update it
			repository.save(staticClient);
		}
		return repository;
	}

	/**
	 * The authorizations (codes, access and refresh tokens), in the database, with the
	 * MCP endpoint's lookups cached briefly.
	 * @param dataSource the database
	 * @param registeredClients the registered clients
	 * @param fleet the fleet settings
	 * @return the service
	 */
	@Bean
	OAuth2AuthorizationService authorizationService(DataSource dataSource, RegisteredClientRepository registeredClients,
			FleetProperties fleet) {
		JdbcOAuth2AuthorizationService service = new JdbcOAuth2AuthorizationService(new JdbcTemplate(dataSource),
				registeredClients);
		service.setAuthorizationRowMapper(
				new JdbcOAuth2AuthorizationService.JsonMapperOAuth2AuthorizationRowMapper(registeredClients, jsonMapper()));
		return new CachingAuthorizationService(service, fleet.activeTokenCacheTtl(), Clock.systemUTC());
	}

	/**
	 * Spring Security's mapper for stored authorizations, which reads back only allow-listed
	 * types, with the JDK's immutable collections ({@code List.of(...)}, as in the {@code aud}
	 * claim) allowed too.
	 */
	private static JsonMapper jsonMapper() {
		ClassLoader classLoader = FleetConfiguration.class.getClassLoader();
		BasicPolymorphicTypeValidator.Builder types = BasicPolymorphicTypeValidator.builder()
			.allowIfSubType("java.util.ImmutableCollections$");
		return JsonMapper.builder().addModules(SecurityJacksonModules.getModules(classLoader, types)).build();
	}

	/**
	 * The consents, in the database (the sample asks for none, but a client that requires
	 * consent keeps it across instances).
	 * @param dataSource the database
	 * @param registeredClients the registered clients
	 * @return the service
	 */
	@Bean
	OAuth2AuthorizationConsentService authorizationConsentService(DataSource dataSource,
			RegisteredClientRepository registeredClients) {
		return new JdbcOAuth2AuthorizationConsentService(new JdbcTemplate(dataSource), registeredClients);
	}

	private static String rootMessage(Throwable ex) {
		Throwable cause = ex;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		return String.valueOf(cause.getMessage());
	}

}
