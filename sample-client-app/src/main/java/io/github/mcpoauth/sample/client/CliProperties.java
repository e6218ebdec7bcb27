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

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the command line itself, under {@code cli}.
 *
 * @param serversFile the file of the server profiles (URL, client id, scopes: nothing
 * secret). Defaults to servers.json in the token store directory
 * ({@code mcp.oauth.storage.file.directory}, ~/.mcp-oauth)
 */
@ConfigurationProperties(CliProperties.PREFIX)
record CliProperties(@Nullable Path serversFile) {

	/** The prefix of the command line's own properties. */
	static final String PREFIX = "cli";

	/** The file name of the server profiles in the token store directory. */
	static final String DEFAULT_SERVERS_FILE_NAME = "servers.json";

}
