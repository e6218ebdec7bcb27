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

package io.github.mcpoauth.sample.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stopping the server while an MCP client holds the Streamable HTTP event stream
 * ({@code GET /mcp}) open: the server closes the stream and stops, instead of letting the
 * web server's graceful shutdown wait for the stream until its 30 s timeout.
 */
class ShutdownIntegrationTests {

	@Test
	void stopWhileAClientHoldsAnEventStreamThenClosesTheStreamAndStopsAtOnce() throws Exception {
		StaticAuthServer server = StaticAuthServer.start("--port=0");
		OAuthTestClient client = new OAuthTestClient(server.baseUrl());
		String accessToken = OAuthTestClient.json(client.token(StaticServerProperties.DEFAULT_CLIENT_ID,
				StaticServerProperties.DEFAULT_CLIENT_SECRET,
				Map.of("grant_type", "client_credentials", "scope", "mcp:tools", "resource", server.mcpUrl())))
			.path("access_token")
			.asString();
		HttpResponse<String> initialized = client.postJson("/mcp", OAuthTestClient.initializeRequest(), "Authorization",
				"Bearer " + accessToken, "Accept", "application/json, text/event-stream");
		String sessionId = initialized.headers().firstValue("Mcp-Session-Id").orElseThrow();
		// A raw socket: once connect() returns and the request is written, the stream is open for
		// certain (the server sends the response's headers only with its first event).
		URI mcp = URI.create(server.mcpUrl());
		try (Socket socket = new Socket(mcp.getHost(), mcp.getPort())) {
			socket.setSoTimeout(5000);
			String request = "GET " + mcp.getRawPath() + " HTTP/1.1\r\nHost: " + mcp.getHost() + ":" + mcp.getPort()
					+ "\r\nAuthorization: Bearer " + accessToken + "\r\nAccept: text/event-stream\r\nMcp-Session-Id: "
					+ sessionId + "\r\n\r\n";
			socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
			socket.getOutputStream().flush();
			CompletableFuture<String> stream = CompletableFuture.supplyAsync(() -> readToEnd(socket));
			Thread.sleep(500);
			assertThat(stream).as("the stream stays open while the server runs").isNotDone();

			CompletableFuture<Void> stopped = CompletableFuture.runAsync(server::close);

			// the graceful shutdown would wait 30 s for the open stream
			assertThat(stopped).succeedsWithin(Duration.ofSeconds(10));
			assertThat(stream).as("the stream was closed by the server").succeedsWithin(Duration.ofSeconds(5))
				.satisfies((response) -> assertThat(response).startsWith("HTTP/1.1 200"));
		}
		assertThat(server.context().isActive()).isFalse();
	}

	/** Everything the server sends until it closes the connection. */
	private static String readToEnd(Socket socket) {
		try (InputStream in = socket.getInputStream()) {
			return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
