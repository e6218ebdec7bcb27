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

package io.github.mcpoauth.store;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.github.mcpoauth.client.McpOAuthClient;
import io.github.mcpoauth.core.McpServerDefinition;
import io.github.mcpoauth.token.OAuthToken;
import reactor.core.publisher.Flux;

import org.springframework.web.reactive.function.client.WebClient;

/**
 * One of the processes of {@link MultiProcessRefreshTests}: an engine on a shared store
 * (an encrypted file, or Vault) that, on "go", sends many concurrent requests for the
 * token of one MCP server and prints each access token it got.
 *
 * <p>Arguments: {@code file DIRECTORY MCP_URL COUNT} or {@code vault VAULT_URI MCP_URL COUNT}.
 * The Vault token and the file password come from the environment.
 */
public final class RefreshWorkerMain {

	static final String VAULT_TOKEN_VARIABLE = "MCP_OAUTH_TEST_VAULT_TOKEN";

	private RefreshWorkerMain() {
	}

	public static void main(String[] args) throws Exception {
		TokenStore store = openStore(args[0], args[1]);
		McpServerDefinition server = McpServerDefinition.builder("shared", URI.create(args[2])).build();
		int count = Integer.parseInt(args[3]);
		McpOAuthClient client = engine(store);
		System.out.println("READY");
		BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
		if (!"go".equals(in.readLine())) {
			System.exit(2);
		}
		List<String> tokens = run(client, server, count);
		tokens.forEach((token) -> System.out.println("TOKEN " + token));
		client.close();
		if (store instanceof AutoCloseable closeable) {
			closeable.close();
		}
		System.out.println("DONE");
	}

	static TokenStore openStore(String type, String location) {
		return switch (type) {
			case "file" -> EncryptedFileTokenStore.builder(Path.of(location)).build();
			case "vault" -> openStoreWithToken(location, System.getenv(VAULT_TOKEN_VARIABLE));
			default -> throw new IllegalArgumentException(type);
		};
	}

	static TokenStore openStoreWithToken(String vaultUri, String token) {
		return TokenStores.create(TokenStoreSettings.defaults()
			.withType(TokenStoreSettings.Type.VAULT)
			.withVault(TokenStoreSettings.VaultSettings.defaults().withUri(URI.create(vaultUri)).withToken(token)),
				Clock.systemUTC(), System::getenv);
	}

	static McpOAuthClient engine(TokenStore store) {
		return McpOAuthClient.builder().webClient(WebClient.create()).tokenStore(store).build();
	}

	/** {@code count} concurrent requests for a current token; the access token each got. */
	static List<String> run(McpOAuthClient client, McpServerDefinition server, int count) {
		return Flux.range(0, count)
			.flatMap((i) -> client.currentToken(server).map(OAuthToken::accessToken).defaultIfEmpty("none"), count)
			.collectList()
			.block(Duration.ofSeconds(60));
	}

}
