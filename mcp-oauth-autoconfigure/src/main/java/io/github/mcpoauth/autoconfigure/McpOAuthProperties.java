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

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.mcpoauth.core.McpServerDefinition;
import io.github.mcpoauth.core.McpServerDefinition.DPoPMode;
import io.github.mcpoauth.core.McpServerDefinition.GrantType;
import io.github.mcpoauth.grant.WorkloadAssertions;
import io.github.mcpoauth.store.TokenKey;
import io.github.mcpoauth.store.TokenStoreSettings;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * Configuration of the MCP OAuth client, under {@value #CONFIG_PREFIX}.
 *
 * <pre class="code">
 * mcp:
 *   oauth:
 *     servers:
 *       sample:
 *         url: http://127.0.0.1:9003/mcp
 *         client-id: static-mcp-client-001
 *         client-secret: ${SAMPLE_CLIENT_SECRET}
 *     storage:
 *       type: encrypted-file
 * </pre>
 *
 * <p>Binding, defaults and validation only: {@link #afterPropertiesSet()} checks every value
 * once, and {@link McpOAuthPropertiesMapper} turns the checked values into the library's
 * objects. Without an application context (a command-line fast path), bind it with
 * {@code Binder.get(environment).bindOrCreate(CONFIG_PREFIX, McpOAuthProperties.class)} and
 * call {@link #validate()}.
 */
@ConfigurationProperties(prefix = McpOAuthProperties.CONFIG_PREFIX)
public class McpOAuthProperties implements BeanClassLoaderAware, InitializingBean {

	/** The prefix of every property. */
	public static final String CONFIG_PREFIX = "mcp.oauth";

	/**
	 * Whether requests to the configured MCP servers are authorized.
	 */
	private boolean enabled = true;

	/**
	 * The MCP servers, by the name the application and the token store use for them.
	 */
	private final Map<String, Server> servers = new LinkedHashMap<>();

	/**
	 * Where tokens and client registrations are kept.
	 */
	private final Storage storage = new Storage();

	/**
	 * How the user takes part in an authorization-code grant.
	 */
	private final UserAgent userAgent = new UserAgent();

	/**
	 * How long before its expiry a token is treated as expired and refreshed.
	 */
	private Duration clockSkew = Duration.ofSeconds(60);

	/**
	 * The principal whose tokens are used by work that names none and runs outside a
	 * signed-in user's request: single-user applications, the CLI, background jobs.
	 */
	private String defaultPrincipal = TokenKey.DEFAULT_PRINCIPAL;

	/**
	 * The engine's own requests to authorization servers (the back channel).
	 */
	private final Http http = new Http();

	private ClassLoader classLoader = McpOAuthProperties.class.getClassLoader();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Map<String, Server> getServers() {
		return this.servers;
	}

	public Storage getStorage() {
		return this.storage;
	}

	public UserAgent getUserAgent() {
		return this.userAgent;
	}

	public Duration getClockSkew() {
		return this.clockSkew;
	}

	public Http getHttp() {
		return this.http;
	}

	public void setClockSkew(Duration clockSkew) {
		this.clockSkew = clockSkew;
	}

	public String getDefaultPrincipal() {
		return this.defaultPrincipal;
	}

	public void setDefaultPrincipal(String defaultPrincipal) {
		this.defaultPrincipal = defaultPrincipal;
	}

	/**
	 * The class loader in which {@link #validate()} looks for a storage backend's library.
	 * @param classLoader the application's class loader
	 */
	@Override
	public void setBeanClassLoader(ClassLoader classLoader) {
		this.classLoader = classLoader;
	}

	/**
	 * Checks every value once the properties are bound.
	 * @throws InvalidConfigurationPropertyValueException naming the first wrong key
	 */
	@Override
	public void afterPropertiesSet() {
		validate();
	}

	/**
	 * Checks every value, so that a wrong one fails the start with its key. Called by
	 * {@link #afterPropertiesSet()}; call it yourself after binding without a context.
	 * @throws InvalidConfigurationPropertyValueException naming the first wrong key
	 */
	public void validate() {
		if (this.clockSkew == null || this.clockSkew.isNegative()) {
			throw invalid("clock-skew", this.clockSkew, "It must be zero or a positive duration, such as 60s.");
		}
		if (!StringUtils.hasText(this.defaultPrincipal)) {
			throw invalid("default-principal", this.defaultPrincipal,
					"It must name a principal, such as '" + TokenKey.DEFAULT_PRINCIPAL + "'.");
		}
		this.userAgent.validate();
		this.http.validate();
		this.storage.validate(this.classLoader);
		this.servers.forEach((name, server) -> server.validate(name));
	}

	static InvalidConfigurationPropertyValueException invalid(String key, @Nullable Object value, String reason) {
		return new InvalidConfigurationPropertyValueException(CONFIG_PREFIX + "." + key, value, reason);
	}

	/**
	 * One MCP server.
	 */
	public static class Server {

		/**
		 * The MCP endpoint URL, for example http://127.0.0.1:9003/mcp. Requests whose URL starts
		 * with it are authorized.
		 */
		private @Nullable URI url;

		/**
		 * Scopes to request instead of those the server's challenge or metadata names.
		 */
		private Set<String> scopes = new LinkedHashSet<>();

		/**
		 * How tokens are obtained: authorization-code (a user signs in), client-credentials
		 * (the application's own identity) or workload-identity (the identity assertion the
		 * platform issues to the workload, see workload-identity.*).
		 */
		private GrantType grantType = GrantType.AUTHORIZATION_CODE;

		/**
		 * A pre-registered client id. Without it the client uses its Client ID Metadata Document
		 * (client-metadata-url) or registers itself (RFC 7591).
		 */
		private @Nullable String clientId;

		/**
		 * The pre-registered client's secret; use a placeholder such as ${MCP_CLIENT_SECRET}
		 * rather than the value.
		 */
		private @Nullable String clientSecret;

		/**
		 * The token-endpoint authentication method: client_secret_basic, client_secret_post,
		 * private_key_jwt or none. Chosen from the server's metadata when unset.
		 */
		private @Nullable ClientAuthenticationMethod clientAuthenticationMethod;

		/**
		 * The https URL of this client's Client ID Metadata Document, used as its client id
		 * where the authorization server supports it.
		 */
		private @Nullable String clientMetadataUrl;

		/**
		 * The client name sent with dynamic registration.
		 */
		private String clientName = "mcp-oauth";

		/**
		 * The loopback redirect URI of the authorization-code grant. Port 0 picks a free port.
		 */
		private URI redirectUri = McpServerDefinition.DEFAULT_REDIRECT_URI;

		/**
		 * The port of the loopback redirect URI, a shorthand for redirect-uri
		 * http://127.0.0.1:PORT/callback (for authorization servers that register a fixed port).
		 */
		private @Nullable Integer callbackPort;

		/**
		 * The RFC 8707 resource to request instead of the one the protected-resource metadata
		 * names.
		 */
		private @Nullable String resource;

		/**
		 * The issuer of the authorization server the pre-registered client credentials belong
		 * to. They are never sent to another authorization server; without it they are bound
		 * to the first issuer they are used with.
		 */
		private @Nullable String issuer;

		/**
		 * Whether tokens are bound to a DPoP key (RFC 9449): auto (when the authorization server
		 * lists dpop_signing_alg_values_supported), required (fail when it does not) or off
		 * (bearer tokens).
		 */
		private DPoPMode dpop = DPoPMode.AUTO;

		/**
		 * Where the workload-identity grant reads the workload's identity assertion.
		 */
		private final WorkloadIdentity workloadIdentity = new WorkloadIdentity();

		public @Nullable URI getUrl() {
			return this.url;
		}

		public void setUrl(@Nullable URI url) {
			this.url = url;
		}

		public Set<String> getScopes() {
			return this.scopes;
		}

		public void setScopes(Set<String> scopes) {
			this.scopes = scopes;
		}

		public GrantType getGrantType() {
			return this.grantType;
		}

		public void setGrantType(GrantType grantType) {
			this.grantType = grantType;
		}

		public @Nullable String getClientId() {
			return this.clientId;
		}

		public void setClientId(@Nullable String clientId) {
			this.clientId = clientId;
		}

		public @Nullable String getClientSecret() {
			return this.clientSecret;
		}

		public void setClientSecret(@Nullable String clientSecret) {
			this.clientSecret = clientSecret;
		}

		public @Nullable ClientAuthenticationMethod getClientAuthenticationMethod() {
			return this.clientAuthenticationMethod;
		}

		public void setClientAuthenticationMethod(@Nullable ClientAuthenticationMethod clientAuthenticationMethod) {
			this.clientAuthenticationMethod = clientAuthenticationMethod;
		}

		public @Nullable String getClientMetadataUrl() {
			return this.clientMetadataUrl;
		}

		public void setClientMetadataUrl(@Nullable String clientMetadataUrl) {
			this.clientMetadataUrl = clientMetadataUrl;
		}

		public String getClientName() {
			return this.clientName;
		}

		public void setClientName(String clientName) {
			this.clientName = clientName;
		}

		public URI getRedirectUri() {
			return this.redirectUri;
		}

		public void setRedirectUri(URI redirectUri) {
			this.redirectUri = redirectUri;
		}

		public @Nullable Integer getCallbackPort() {
			return this.callbackPort;
		}

		public void setCallbackPort(@Nullable Integer callbackPort) {
			this.callbackPort = callbackPort;
		}

		public @Nullable String getResource() {
			return this.resource;
		}

		public void setResource(@Nullable String resource) {
			this.resource = resource;
		}

		public @Nullable String getIssuer() {
			return this.issuer;
		}

		public void setIssuer(@Nullable String issuer) {
			this.issuer = issuer;
		}

		public DPoPMode getDpop() {
			return this.dpop;
		}

		public void setDpop(DPoPMode dpop) {
			this.dpop = dpop;
		}

		public WorkloadIdentity getWorkloadIdentity() {
			return this.workloadIdentity;
		}

		/**
		 * Checks this server's values; {@link McpOAuthProperties#validate()} checks every
		 * server. Public for callers that take a server's settings from elsewhere (a command
		 * line's options) and report the keys in their own words.
		 * @param name the server's name
		 * @throws InvalidConfigurationPropertyValueException naming the first wrong key,
		 * {@code mcp.oauth.servers.<name>.<key>}
		 */
		public void validate(String name) {
			String key = "servers." + name + ".";
			if (this.url == null) {
				throw invalid(key + "url", null, "Every MCP server needs the URL of its MCP endpoint.");
			}
			String scheme = this.url.getScheme();
			if (!this.url.isAbsolute() || this.url.getHost() == null
					|| !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
				throw invalid(key + "url", this.url, "It must be an absolute http(s) URL, such as http://127.0.0.1:9003/mcp.");
			}
			if (this.url.getRawQuery() != null || this.url.getRawFragment() != null) {
				throw invalid(key + "url", this.url, "It must not carry a query or a fragment.");
			}
			if (this.grantType == GrantType.CROSS_APP_ACCESS) {
				throw invalid(key + "grant-type", this.grantType,
						"Cross-app access needs the user's ID token at run time; build its McpServerDefinition in code.");
			}
			if (this.clientSecret != null && !StringUtils.hasText(this.clientId)) {
				// Names client-id, not client-secret: Boot's failure report prints the named key's value.
				throw invalid(key + "client-id", null, "A client-secret is set, so the client-id it belongs to is needed.");
			}
			if (this.grantType == GrantType.CLIENT_CREDENTIALS && !StringUtils.hasText(this.clientId)) {
				throw invalid(key + "client-id", null, "The client-credentials grant needs a pre-registered client-id.");
			}
			if (this.grantType == GrantType.WORKLOAD_IDENTITY && !StringUtils.hasText(this.clientId)) {
				throw invalid(key + "client-id", null,
						"The workload-identity grant needs the client-id the authorization server knows the workload by.");
			}
			if (this.dpop == null) {
				throw invalid(key + "dpop", null, "Use auto, required or off.");
			}
			this.workloadIdentity.validate(key + "workload-identity.", this.grantType, key);
			if (this.clientAuthenticationMethod == ClientAuthenticationMethod.NONE && this.clientSecret != null) {
				throw invalid(key + "client-authentication-method", this.clientAuthenticationMethod.value(),
						"A public client (none) sends no client-secret: remove the secret or choose client_secret_basic.");
			}
			if (this.clientMetadataUrl != null && !isClientMetadataUrl(this.clientMetadataUrl)) {
				throw invalid(key + "client-metadata-url", this.clientMetadataUrl,
						"A Client ID Metadata Document URL must be an https URL with a path and no fragment.");
			}
			if (this.callbackPort != null && (this.callbackPort < 0 || this.callbackPort > 65535)) {
				throw invalid(key + "callback-port", this.callbackPort, "It must be a port number from 0 to 65535.");
			}
			if (!"http".equalsIgnoreCase(this.redirectUri.getScheme()) || !"127.0.0.1".equals(this.redirectUri.getHost())) {
				throw invalid(key + "redirect-uri", this.redirectUri,
						"It must be a loopback URI on 127.0.0.1 (RFC 8252 §7.3), such as http://127.0.0.1:0/callback.");
			}
			if (this.resource != null) {
				URI parsed = parse(this.resource);
				if (parsed == null || !parsed.isAbsolute() || parsed.getRawFragment() != null) {
					throw invalid(key + "resource", this.resource,
							"It must be an absolute URI without a fragment (RFC 8707 §2).");
				}
			}
		}

		/**
		 * A client id that is a URL: https, a path, no fragment and no user info.
		 * @see <a href="https://datatracker.ietf.org/doc/draft-ietf-oauth-client-id-metadata-document/">OAuth
		 * Client ID Metadata Document, Client Identifier</a>
		 */
		private static boolean isClientMetadataUrl(String value) {
			URI uri = parse(value);
			return uri != null && "https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null
					&& uri.getRawPath() != null && uri.getRawPath().length() > 1 && uri.getRawFragment() == null
					&& uri.getRawUserInfo() == null;
		}

		private static @Nullable URI parse(String value) {
			try {
				return new URI(value);
			}
			catch (URISyntaxException ex) {
				return null;
			}
		}

		@Override
		public String toString() {
			return "Server[url=" + this.url + ", clientId=" + this.clientId + ", clientSecret="
					+ ((this.clientSecret != null) ? "[redacted]" : "[none]") + "]";
		}

	}

	/**
	 * The sources of a workload's identity assertion (MCP SEP-1933), read anew for every grant.
	 * Exactly one is set when the grant type is workload-identity.
	 */
	public static class WorkloadIdentity {

		/**
		 * A file that holds the assertion, such as a Kubernetes projected service-account
		 * token (/var/run/secrets/tokens/...).
		 */
		private @Nullable Path assertionFile;

		/**
		 * An environment variable that holds the assertion.
		 */
		private @Nullable String assertionEnv;

		/**
		 * A command (and its arguments, run without a shell) that prints the assertion, such as
		 * a cloud CLI's identity-token command.
		 */
		private List<String> assertionCommand = new ArrayList<>();

		/**
		 * How long assertion-command may run.
		 */
		private Duration assertionCommandTimeout = WorkloadAssertions.DEFAULT_COMMAND_TIMEOUT;

		public @Nullable Path getAssertionFile() {
			return this.assertionFile;
		}

		public void setAssertionFile(@Nullable Path assertionFile) {
			this.assertionFile = assertionFile;
		}

		public @Nullable String getAssertionEnv() {
			return this.assertionEnv;
		}

		public void setAssertionEnv(@Nullable String assertionEnv) {
			this.assertionEnv = assertionEnv;
		}

		public List<String> getAssertionCommand() {
			return this.assertionCommand;
		}

		public void setAssertionCommand(List<String> assertionCommand) {
			this.assertionCommand = assertionCommand;
		}

		public Duration getAssertionCommandTimeout() {
			return this.assertionCommandTimeout;
		}

		public void setAssertionCommandTimeout(Duration assertionCommandTimeout) {
			this.assertionCommandTimeout = assertionCommandTimeout;
		}

		private List<String> sourcesSet() {
			List<String> set = new ArrayList<>();
			if (this.assertionFile != null) {
				set.add("assertion-file");
			}
			if (StringUtils.hasText(this.assertionEnv)) {
				set.add("assertion-env");
			}
			if (!this.assertionCommand.isEmpty()) {
				set.add("assertion-command");
			}
			return set;
		}

		void validate(String key, GrantType grantType, String serverKey) {
			List<String> set = sourcesSet();
			if (grantType != GrantType.WORKLOAD_IDENTITY) {
				if (!set.isEmpty()) {
					throw invalid(serverKey + "grant-type", grantType, "workload-identity." + set.get(0)
							+ " is set; set grant-type to workload-identity to use it, or remove it.");
				}
				return;
			}
			if (set.isEmpty()) {
				throw invalid(key + "assertion-file", null, "The workload-identity grant needs where to read the "
						+ "assertion: assertion-file, assertion-env or assertion-command.");
			}
			if (set.size() > 1) {
				throw invalid(key + set.get(1), null,
						"Set only one of assertion-file, assertion-env and assertion-command; " + set.get(0)
								+ " is set too.");
			}
			if (this.assertionCommand.stream().anyMatch((part) -> !StringUtils.hasText(part))) {
				throw invalid(key + "assertion-command", this.assertionCommand,
						"Every element (the command, then its arguments) must be non-empty.");
			}
			if (this.assertionCommandTimeout == null || this.assertionCommandTimeout.isNegative()
					|| this.assertionCommandTimeout.isZero()) {
				throw invalid(key + "assertion-command-timeout", this.assertionCommandTimeout,
						"It must be a positive duration, such as 10s.");
			}
		}

	}

	/**
	 * The token store.
	 */
	public static class Storage {

		/**
		 * The backend: memory, encrypted-file, keychain, vault, database, or auto (the OS
		 * keychain when it answers, else the encrypted file).
		 */
		private TokenStoreSettings.Type type = TokenStoreSettings.Type.AUTO;

		/**
		 * The encrypted-file backend.
		 */
		private final File file = new File();

		/**
		 * The OS keychain backend (macOS Keychain, Secret Service, Windows Credential Manager).
		 */
		private final Keychain keychain = new Keychain();

		/**
		 * The HashiCorp Vault KV v2 backend.
		 */
		private final Vault vault = new Vault();

		/**
		 * The PostgreSQL backend, on the application's R2DBC ConnectionFactory (spring.r2dbc.*).
		 */
		private final Database database = new Database();

		public TokenStoreSettings.Type getType() {
			return this.type;
		}

		public void setType(TokenStoreSettings.Type type) {
			this.type = type;
		}

		public File getFile() {
			return this.file;
		}

		public Keychain getKeychain() {
			return this.keychain;
		}

		public Vault getVault() {
			return this.vault;
		}

		public Database getDatabase() {
			return this.database;
		}

		void validate(ClassLoader classLoader) {
			if (this.type == null) {
				throw invalid("storage.type", null, "Use memory, encrypted-file, keychain, vault, database or auto.");
			}
			requireClassFor(classLoader, TokenStoreSettings.Type.KEYCHAIN, "com.github.javakeyring.Keyring",
					"com.github.javakeyring:java-keyring");
			requireClassFor(classLoader, TokenStoreSettings.Type.VAULT, "org.springframework.vault.core.VaultOperations",
					"org.springframework.vault:spring-vault-core");
			requireClassFor(classLoader, TokenStoreSettings.Type.DATABASE, "io.r2dbc.spi.ConnectionFactory",
					"org.postgresql:r2dbc-postgresql (and spring-boot-starter-data-r2dbc)");
			if (this.type == TokenStoreSettings.Type.DATABASE && !StringUtils.hasText(this.database.passwordEnv)) {
				throw invalid("storage.database.password-env", null,
						"The database backend encrypts every value: name the environment variable that holds the password.");
			}
			positive("storage.database.refresh-lock-lease", this.database.refreshLockLease);
			positive("storage.database.refresh-lock-timeout", this.database.refreshLockTimeout);
			positive("storage.database.operation-timeout", this.database.operationTimeout);
			if (this.keychain.probeTimeout.isNegative() || this.keychain.probeTimeout.isZero()) {
				throw invalid("storage.keychain.probe-timeout", this.keychain.probeTimeout, "It must be positive.");
			}
			if (this.type == TokenStoreSettings.Type.VAULT) {
				this.vault.validate();
			}
		}

		private void requireClassFor(ClassLoader classLoader, TokenStoreSettings.Type backend, String className,
				String artifact) {
			if (this.type == backend && !ClassUtils.isPresent(className, classLoader)) {
				throw invalid("storage.type", backend.value(), "It needs " + artifact + " on the classpath: add that"
						+ " dependency, or choose another type.");
			}
		}

		private static void positive(String key, @Nullable Duration value) {
			if (value == null || value.isNegative() || value.isZero()) {
				throw invalid(key, value, "It must be a positive duration, such as 30s.");
			}
		}

		/**
		 * The encrypted-file backend: AES-256-GCM, the key from a password (PBKDF2) or a key file.
		 */
		public static class File {

			/**
			 * The store directory. Defaults to ~/.mcp-oauth.
			 */
			private @Nullable Path directory;

			/**
			 * The name of the environment variable that holds the password. When unset, a random
			 * key is kept in a 0600 key file instead.
			 */
			private @Nullable String passwordEnv;

			/**
			 * The key file used when no password is set. Defaults to tokens.key in the directory.
			 */
			private @Nullable Path keyFile;

			public @Nullable Path getDirectory() {
				return this.directory;
			}

			public void setDirectory(@Nullable Path directory) {
				this.directory = directory;
			}

			public @Nullable String getPasswordEnv() {
				return this.passwordEnv;
			}

			public void setPasswordEnv(@Nullable String passwordEnv) {
				this.passwordEnv = passwordEnv;
			}

			public @Nullable Path getKeyFile() {
				return this.keyFile;
			}

			public void setKeyFile(@Nullable Path keyFile) {
				this.keyFile = keyFile;
			}

		}

		/**
		 * The OS keychain backend.
		 */
		public static class Keychain {

			/**
			 * The service name the entries are stored under.
			 */
			private String serviceName = "mcp-oauth";

			/**
			 * How long the auto type waits for the keychain to answer before it falls back to the
			 * encrypted file.
			 */
			private Duration probeTimeout = Duration.ofSeconds(10);

			public String getServiceName() {
				return this.serviceName;
			}

			public void setServiceName(String serviceName) {
				this.serviceName = serviceName;
			}

			public Duration getProbeTimeout() {
				return this.probeTimeout;
			}

			public void setProbeTimeout(Duration probeTimeout) {
				this.probeTimeout = probeTimeout;
			}

		}

		/**
		 * The HashiCorp Vault KV v2 backend.
		 */
		public static class Vault {

			/**
			 * The Vault address, for example https://vault.example.com:8200.
			 */
			private @Nullable URI uri;

			/**
			 * A Vault token (token authentication); use a placeholder such as ${VAULT_TOKEN}.
			 */
			private @Nullable String token;

			/**
			 * The AppRole role id (AppRole authentication).
			 */
			private @Nullable String appRoleId;

			/**
			 * The AppRole secret id; use a placeholder such as ${VAULT_SECRET_ID}.
			 */
			private @Nullable String appRoleSecretId;

			/**
			 * The AppRole auth mount path.
			 */
			private String appRolePath = "approle";

			/**
			 * The KV v2 secrets engine mount.
			 */
			private String mount = "secret";

			/**
			 * The path under the mount where the entries go.
			 */
			private String pathPrefix = "mcp-oauth";

			public @Nullable URI getUri() {
				return this.uri;
			}

			public void setUri(@Nullable URI uri) {
				this.uri = uri;
			}

			public @Nullable String getToken() {
				return this.token;
			}

			public void setToken(@Nullable String token) {
				this.token = token;
			}

			public @Nullable String getAppRoleId() {
				return this.appRoleId;
			}

			public void setAppRoleId(@Nullable String appRoleId) {
				this.appRoleId = appRoleId;
			}

			public @Nullable String getAppRoleSecretId() {
				return this.appRoleSecretId;
			}

			public void setAppRoleSecretId(@Nullable String appRoleSecretId) {
				this.appRoleSecretId = appRoleSecretId;
			}

			public String getAppRolePath() {
				return this.appRolePath;
			}

			public void setAppRolePath(String appRolePath) {
				this.appRolePath = appRolePath;
			}

			public String getMount() {
				return this.mount;
			}

			public void setMount(String mount) {
				this.mount = mount;
			}

			public String getPathPrefix() {
				return this.pathPrefix;
			}

			public void setPathPrefix(String pathPrefix) {
				this.pathPrefix = pathPrefix;
			}

			/**
			 * The login settings need the address; with neither, the application's
			 * {@code VaultOperations} bean is used.
			 */
			void validate() {
				boolean token = StringUtils.hasText(this.token);
				boolean appRole = StringUtils.hasText(this.appRoleId);
				if (this.uri == null) {
					if (token || appRole || StringUtils.hasText(this.appRoleSecretId)) {
						throw invalid("storage.vault.uri", null, "The vault backend needs the Vault address to log in"
								+ " with the configured token or AppRole.");
					}
					// no login settings at all: the application's VaultOperations bean is used
					return;
				}
				if (token == appRole) {
					// Names app-role-id, not token: Boot's failure report prints the named key's value.
					throw invalid("storage.vault.app-role-id", null,
							"Set either a Vault token (storage.vault.token) or an AppRole role id with its secret id, not both or neither.");
				}
				if (appRole && !StringUtils.hasText(this.appRoleSecretId)) {
					throw invalid("storage.vault.app-role-secret-id", null, "The AppRole login needs its secret id.");
				}
			}

			@Override
			public String toString() {
				return "Vault[uri=" + this.uri + ", token=[redacted], appRoleId=" + this.appRoleId
						+ ", appRoleSecretId=[redacted]]";
			}

		}

		/**
		 * The PostgreSQL backend: tokens and client registrations in the database of the
		 * application's R2DBC ConnectionFactory, encrypted with AES-256-GCM, with one refresh
		 * per token across every instance that shares it.
		 */
		public static class Database {

			/**
			 * The name of the environment variable that holds the password the encryption key is
			 * derived from (required; every instance sharing the database needs the same).
			 */
			private @Nullable String passwordEnv;

			/**
			 * Whether to create the schema, or migrate an older one, at start-up. When false, a
			 * missing or older schema stops the application with the scripts to run.
			 */
			private boolean initializeSchema = true;

			/**
			 * How long a refresh may hold the refresh lock of a token; PostgreSQL ends the lock of
			 * a holder that hangs longer (a holder that crashes releases it at once).
			 */
			private Duration refreshLockLease = Duration.ofSeconds(30);

			/**
			 * How long a refresh waits for another instance's refresh of the same token before it
			 * fails.
			 */
			private Duration refreshLockTimeout = Duration.ofSeconds(60);

			/**
			 * How long one read or write may take before it fails.
			 */
			private Duration operationTimeout = Duration.ofSeconds(10);

			public @Nullable String getPasswordEnv() {
				return this.passwordEnv;
			}

			public void setPasswordEnv(@Nullable String passwordEnv) {
				this.passwordEnv = passwordEnv;
			}

			public boolean isInitializeSchema() {
				return this.initializeSchema;
			}

			public void setInitializeSchema(boolean initializeSchema) {
				this.initializeSchema = initializeSchema;
			}

			public Duration getRefreshLockLease() {
				return this.refreshLockLease;
			}

			public void setRefreshLockLease(Duration refreshLockLease) {
				this.refreshLockLease = refreshLockLease;
			}

			public Duration getRefreshLockTimeout() {
				return this.refreshLockTimeout;
			}

			public void setRefreshLockTimeout(Duration refreshLockTimeout) {
				this.refreshLockTimeout = refreshLockTimeout;
			}

			public Duration getOperationTimeout() {
				return this.operationTimeout;
			}

			public void setOperationTimeout(Duration operationTimeout) {
				this.operationTimeout = operationTimeout;
			}

		}

	}

	/**
	 * The engine's own requests: metadata discovery, client registration, token and
	 * identity-assertion requests. They never follow redirects.
	 */
	public static class Http {

		/**
		 * How long one request to an authorization server (metadata, registration, token,
		 * identity assertion) may take, its answer's body included, before it fails with
		 * TIMEOUT. A metadata URL that does not answer within 10 s (or this timeout, if shorter)
		 * is skipped for the next one.
		 */
		private Duration timeout = Duration.ofSeconds(30);

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		void validate() {
			if (this.timeout == null || this.timeout.isNegative() || this.timeout.isZero()) {
				throw invalid("http.timeout", this.timeout, "It must be a positive duration, such as 30s.");
			}
		}

	}

	/**
	 * The user agent of the authorization-code grant.
	 */
	public static class UserAgent {

		/**
		 * How the authorization URL reaches the user: browser (open the system browser, wait on
		 * a loopback listener), print (print the URL, wait on a loopback listener), direct (follow
		 * the redirects without a user, for servers that approve without a login) or none (never
		 * authorize interactively: requests fail with INTERACTION_REQUIRED).
		 */
		private Mode mode = Mode.BROWSER;

		/**
		 * The command that opens a URL, the URL appended as the last argument; for example
		 * [firefox, --new-window]. Defaults to the platform's opener (open, xdg-open, start).
		 */
		private List<String> browserCommand = new ArrayList<>();

		/**
		 * How long to wait for the user to finish in the browser.
		 */
		private Duration callbackTimeout = Duration.ofMinutes(5);

		public Mode getMode() {
			return this.mode;
		}

		public void setMode(Mode mode) {
			this.mode = mode;
		}

		public List<String> getBrowserCommand() {
			return this.browserCommand;
		}

		public void setBrowserCommand(List<String> browserCommand) {
			this.browserCommand = browserCommand;
		}

		public Duration getCallbackTimeout() {
			return this.callbackTimeout;
		}

		public void setCallbackTimeout(Duration callbackTimeout) {
			this.callbackTimeout = callbackTimeout;
		}

		void validate() {
			if (this.callbackTimeout == null || this.callbackTimeout.isNegative() || this.callbackTimeout.isZero()) {
				throw invalid("user-agent.callback-timeout", this.callbackTimeout, "It must be a positive duration, such as 5m.");
			}
		}

		/** How the authorization URL reaches the user. */
		public enum Mode {

			/** Open the system browser; receive the code on a loopback listener. */
			BROWSER,

			/** Print the URL for the user to open; receive the code on a loopback listener. */
			PRINT,

			/** Follow the redirects without a user. */
			DIRECT,

			/** No interactive authorization. */
			NONE

		}

	}

	/**
	 * How a client authenticates at the token endpoint (RFC 7591 §2,
	 * {@code token_endpoint_auth_method}). Bound from the registered names, such as
	 * {@code client_secret_basic}.
	 */
	public enum ClientAuthenticationMethod {

		/** The client id and secret in an HTTP Basic header (RFC 6749 §2.3.1). */
		CLIENT_SECRET_BASIC("client_secret_basic"),

		/** The client id and secret in the request body (RFC 6749 §2.3.1). */
		CLIENT_SECRET_POST("client_secret_post"),

		/** A JWT signed with the client's private key (RFC 7523 §2.2). */
		PRIVATE_KEY_JWT("private_key_jwt"),

		/** A public client: no authentication. */
		NONE("none");

		private final String value;

		ClientAuthenticationMethod(String value) {
			this.value = value;
		}

		/**
		 * @return the registered name, for example {@code client_secret_basic}
		 */
		public String value() {
			return this.value;
		}

	}

}
