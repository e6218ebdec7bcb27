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

import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;

import org.jspecify.annotations.Nullable;

import io.github.mcpoauth.sample.server.StaticServerProperties;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationUnit;

/**
 * The fleet settings of the sample server, bound from {@code mcp.static.*} beside
 * {@link StaticServerProperties} (flags {@code --database-url}, {@code --database-username},
 * {@code --database-password}, {@code --signing-key}, or {@code MCP_STATIC_DATABASE_URL},
 * ...). The database password never appears in {@link #toString()}.
 *
 * @param databaseUrl the JDBC URL of a PostgreSQL database, for example
 * {@code jdbc:postgresql://db.example.com:5432/mcp}: registered clients, authorizations and
 * consents are kept there, so that every instance on it serves the same clients and tokens.
 * Unset: everything stays in memory, per instance.
 * @param databaseUsername the database user
 * @param databasePassword the database password (prefer the environment variable
 * {@code MCP_STATIC_DATABASE_PASSWORD} to the flag, which other users can see in the
 * process list)
 * @param signingKey a file holding the RSA private key that signs access tokens (PKCS#8
 * PEM, {@code -----BEGIN PRIVATE KEY-----}); every instance of a fleet needs the same.
 * Unset: a key is generated at start-up and tokens die with the instance.
 * @param activeTokenCacheTtl how long an instance trusts its last lookup of an access token
 * at {@code /mcp}: the longest time a token revoked at another instance is still accepted
 * here (revocations at this instance apply at once)
 */
@ConfigurationProperties(prefix = StaticServerProperties.CONFIG_PREFIX)
public record FleetProperties(@Nullable String databaseUrl, @Nullable String databaseUsername,
		@Nullable String databasePassword, @Nullable Path signingKey,
		@DefaultValue("5s") @DurationUnit(ChronoUnit.SECONDS) Duration activeTokenCacheTtl) {

	/**
	 * Validates the cache lifetime.
	 */
	public FleetProperties {
		if (activeTokenCacheTtl == null || activeTokenCacheTtl.isNegative()) {
			throw new IllegalArgumentException(StaticServerProperties.CONFIG_PREFIX
					+ ".active-token-cache-ttl must be zero (no cache) or a positive duration");
		}
	}

	/**
	 * The database URL without a password it may carry ({@code password=} option, or user
	 * info), for messages.
	 * @return the URL for display, or {@code null} when unset
	 */
	public @Nullable String displayDatabaseUrl() {
		String url = this.databaseUrl;
		if (url == null) {
			return null;
		}
		String redacted = url.replaceAll("(?i)([?&;]password=)[^&;]*", "$1[redacted]");
		return redacted.replaceAll("//([^/@:]*):[^/@]*@", "//$1@");
	}

	@Override
	public String toString() {
		return "FleetProperties[databaseUrl=" + displayDatabaseUrl() + ", databaseUsername=" + this.databaseUsername
				+ ", databasePassword=" + ((this.databasePassword != null) ? "[PROTECTED]" : "[none]") + ", signingKey="
				+ this.signingKey + ", activeTokenCacheTtl=" + this.activeTokenCacheTtl + "]";
	}

}
