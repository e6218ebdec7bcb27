package io.github.mcpoauth.sample.server;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
		// the server sends the stream's headers with its first event: until then the request is open
		CompletableFuture<HttpResponse<String>> stream = HttpClient.newHttpClient()
			.sendAsync(HttpRequest.newBuilder(URI.create(server.mcpUrl()))
				.header("Authorization", "Bearer " + accessToken)
				.header("Accept", "text/event-stream")
				.header("Mcp-Session-Id", sessionId)
				.GET()
				.build(), HttpResponse.BodyHandlers.ofString());
		Thread.sleep(500);
		assertThat(stream).as("the stream stays open while the server runs").isNotDone();

		CompletableFuture<Void> stopped = CompletableFuture.runAsync(server::close);

		// the graceful shutdown would wait 30 s for the open stream
		assertThat(stopped).succeedsWithin(Duration.ofSeconds(10));
		assertThat(stream).as("the stream was closed by the server").succeedsWithin(Duration.ofSeconds(5))
			.satisfies((response) -> assertThat(response.statusCode()).isEqualTo(200));
		assertThat(server.context().isActive()).isFalse();
	}

}
