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

package io.github.mcpoauth.autoconfigure;

import java.net.InetAddress;
import java.net.ServerSocket;

import io.github.mcpoauth.client.McpOAuthClient;
import io.github.mcpoauth.core.McpOAuthErrorCode;
import io.github.mcpoauth.testsupport.PostgresServer;
import io.github.mcpoauth.store.InMemoryTokenStore;
import io.github.mcpoauth.store.McpOAuthStore;
import io.github.mcpoauth.store.PostgresTokenStore;
import io.github.mcpoauth.store.TokenKey;
import io.github.mcpoauth.store.TokenStore;
import io.github.mcpoauth.store.TokenStoreSettings;
import io.github.mcpoauth.store.TokenStores;
import io.github.mcpoauth.testsupport.McpOAuthAssertions;
import io.github.mcpoauth.token.OAuthToken;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static io.github.mcpoauth.testsupport.McpOAuthAssertions.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * {@code mcp.oauth.storage.type=database}: the PostgreSQL store on the application's R2DBC
 * {@link ConnectionFactory} bean, against a real PostgreSQL ({@link PostgresServer}), and
 * what a user sees when it cannot start.
 */
@ExtendWith(OutputCaptureExtension.class)
class McpOAuthDatabaseStoreAutoConfigurationTests {

	private static final String KEY_VARIABLE = "MCP_OAUTH_TEST_DB_KEY";

	@RegisterExtension
	static final PostgresServer postgres = new PostgresServer();

	private static String database;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(McpOAuthAutoConfiguration.class))
		.withPropertyValues("mcp.oauth.user-agent.mode=none");

	@BeforeAll
	static void createDatabase() {
		database = postgres.createDatabase("mcp_oauth_autoconfigure");
	}

	@Test
	void databaseTypeThenThePostgresStoreOnTheApplicationsConnectionFactoryServesTheEngine() {
		this.runner.withBean(ConnectionFactory.class, McpOAuthDatabaseStoreAutoConfigurationTests::connectionFactory)
			.withPropertyValues("mcp.oauth.storage.type=database", "mcp.oauth.storage.database.password-env=" + KEY_VARIABLE,
					KEY_VARIABLE + "=a fleet-wide key password", "mcp.oauth.storage.database.refresh-lock-lease=5s",
					"spring.r2dbc.url=r2dbc:postgresql://postgres:" + PostgresServer.PASSWORD + "@127.0.0.1:"
							+ postgres.port() + "/" + database)
			.run((context) -> {
				assertThat(context).hasSingleBean(McpOAuthStore.class);
				PostgresTokenStore store = context.getBean(PostgresTokenStore.class);
				assertThat(context.getBean(McpOAuthClient.class).tokenStore()).isSameAs(store);
				assertThat(store.backendName()).isEqualTo("database");
				assertThat(store.location()).isEqualTo("r2dbc:postgresql://postgres@127.0.0.1:" + postgres.port() + "/"
						+ database);
				assertThat(store.toString()).doesNotContain(PostgresServer.PASSWORD, "a fleet-wide key password");
				assertThat(postgres.query(database, "SELECT max(version) FROM mcp_oauth_schema"))
					.as("the schema was created at start-up")
					.containsExactly(java.util.List.of(PostgresTokenStore.SCHEMA_VERSION));
				OAuthToken token = OAuthToken.builder()
					.accessToken("AT")
					.refreshToken("RT")
					.issuedAt(java.time.Instant.now())
					.expiresAt(java.time.Instant.now().plusSeconds(3600))
					.issuer("https://as.example.com")
					.resource("https://mcp.example.com/mcp")
					.build();
				store.saveToken(TokenKey.of("sample"), token).block(TIMEOUT);
				assertThat(store.loadToken(TokenKey.of("sample")).block(TIMEOUT)).isEqualTo(token);
			});
	}

	@Test
	void databaseTypeWhenTheApplicationDefinesATokenStoreThenBacksOff() {
		this.runner.withBean(ConnectionFactory.class, McpOAuthDatabaseStoreAutoConfigurationTests::connectionFactory)
			.withBean(TokenStore.class, () -> new InMemoryTokenStore(java.time.Clock.systemUTC()))
			.withPropertyValues("mcp.oauth.storage.type=database", "mcp.oauth.storage.database.password-env=" + KEY_VARIABLE,
					KEY_VARIABLE + "=key")
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(PostgresTokenStore.class);
				assertThat(context.getBean(McpOAuthClient.class).tokenStore()).isInstanceOf(InMemoryTokenStore.class);
			});
	}

	@Test
	void databaseTypeWithoutAConnectionFactoryThenSaysWhatToAdd() {
		this.runner
			.withPropertyValues("mcp.oauth.storage.type=database", "mcp.oauth.storage.database.password-env=" + KEY_VARIABLE,
					KEY_VARIABLE + "=key")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("needs one R2DBC ConnectionFactory bean")
				.hasMessageContaining("spring.r2dbc.url"));
	}

	@Test
	void tokenStoresWhenAskedForTheDatabaseTypeThenPointsToTheAutoConfigurationOrTheBuilder() {
		assertThat(McpOAuthAssertions.expectThrown(
				() -> TokenStores.create(TokenStoreSettings.defaults().withType(TokenStoreSettings.Type.DATABASE)),
				McpOAuthErrorCode.INVALID_CONFIGURATION))
			.hasMessageContaining("PostgresTokenStore.builder(connectionFactory)");
	}

	@Test
	void databaseTypeWithoutPasswordEnvThenTheFailureNamesTheKey() {
		this.runner.withBean(ConnectionFactory.class, McpOAuthDatabaseStoreAutoConfigurationTests::connectionFactory)
			.withPropertyValues("mcp.oauth.storage.type=database")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("mcp.oauth.storage.database.password-env"));
	}

	@Test
	void databaseTypeWhenThePasswordVariableIsNotSetThenNamesIt() {
		this.runner.withBean(ConnectionFactory.class, McpOAuthDatabaseStoreAutoConfigurationTests::connectionFactory)
			.withPropertyValues("mcp.oauth.storage.type=database",
					"mcp.oauth.storage.database.password-env=MCP_OAUTH_TEST_VARIABLE_THAT_IS_NOT_SET")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("names MCP_OAUTH_TEST_VARIABLE_THAT_IS_NOT_SET, which is not set or empty"));
	}

	@Test
	void databaseDownAtStartUpThenTheFailureReportNamesTheUrlWithoutItsPassword(CapturedOutput output) throws Exception {
		int closed;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closed = socket.getLocalPort();
		}
		String url = "r2dbc:postgresql://app:s3cr3t-db-password@127.0.0.1:" + closed + "/tokens";

		assertThatException().isThrownBy(() -> run("--mcp.oauth.storage.type=database",
				"--mcp.oauth.storage.database.password-env=" + KEY_VARIABLE, "--" + KEY_VARIABLE + "=k3y-s3cr3t",
				"--spring.r2dbc.url=" + url, "--mcp.oauth.storage.database.operation-timeout=5s"));

		assertThat(output).contains("MCP OAuth could not start: Could not open the token store in r2dbc:postgresql://app@127.0.0.1:"
				+ closed + "/tokens")
			.contains("check that PostgreSQL is up")
			.contains("Action:")
			.contains(McpOAuthErrorCode.STORAGE_FAILED.name())
			.doesNotContain("s3cr3t-db-password", "k3y-s3cr3t");
	}

	@Test
	void withoutPasswordRemovesThePasswordFromTheUserInfoAndTheOptions() {
		assertThat(McpOAuthDatabaseStoreConfiguration.withoutPassword("r2dbc:postgresql://app:secret@db:5432/tokens"))
			.isEqualTo("r2dbc:postgresql://app@db:5432/tokens");
		assertThat(McpOAuthDatabaseStoreConfiguration
			.withoutPassword("r2dbc:pool:postgresql://db/tokens?user=app&password=secret&sslMode=require"))
			.isEqualTo("r2dbc:pool:postgresql://db/tokens?user=app&password=[redacted]&sslMode=require");
		assertThat(McpOAuthDatabaseStoreConfiguration.withoutPassword("r2dbc:postgresql://db/tokens"))
			.isEqualTo("r2dbc:postgresql://db/tokens");
		assertThat(McpOAuthDatabaseStoreConfiguration.withoutPassword("r2dbc:postgresql://a%40b:p%3Aw@db/x"))
			.isEqualTo("r2dbc:postgresql://a%40b@db/x");
	}

	private static ConnectionFactory connectionFactory() {
		return ConnectionFactories.get("r2dbc:postgresql://" + PostgresServer.USER + ":" + PostgresServer.PASSWORD
				+ "@127.0.0.1:" + postgres.port() + "/" + database);
	}

	private static void run(String... args) {
		SpringApplication application = new SpringApplication(DownDatabaseApp.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.run(args).close();
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(McpOAuthAutoConfiguration.class)
	static class DownDatabaseApp {

		@Bean
		ConnectionFactory connectionFactory(org.springframework.core.env.Environment environment) {
			return ConnectionFactories.get(environment.getRequiredProperty("spring.r2dbc.url"));
		}

	}

}
