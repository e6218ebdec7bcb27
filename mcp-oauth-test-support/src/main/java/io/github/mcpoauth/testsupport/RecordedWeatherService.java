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

package io.github.mcpoauth.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local stand-in for the US National Weather Service API ({@code api.weather.gov}),
 * serving the recorded responses of {@code src/test/resources/nws} with the API's content
 * types: {@code /alerts/active/area/CA} (two alerts), any other area (none),
 * {@code /points/37.7749,-122.4194} and its forecast, and 404
 * {@code application/problem+json} for any other point. URLs in the bodies are rewritten
 * from {@code https://api.weather.gov} to this server.
 *
 * <pre>
 * try (RecordedWeatherService nws = RecordedWeatherService.start()) {
 *     StaticAuthServer.start("--role=resource-server", "--weather-api-url=" + nws.baseUrl(), ...);
 * }
 * </pre>
 */
public final class RecordedWeatherService implements AutoCloseable {

	/**
	 * The point with a recorded forecast (San Francisco).
	 */
	public static final String RECORDED_POINT = "37.7749,-122.4194";

	private static final String NWS = "https://api.weather.gov";

	private final HttpServer server;

	private final List<String> requests = new CopyOnWriteArrayList<>();

	private final List<String> userAgents = new CopyOnWriteArrayList<>();

	private RecordedWeatherService(HttpServer server) {
		this.server = server;
	}

	/**
	 * Starts the server on a free loopback port.
	 * @return the running server
	 */
	public static RecordedWeatherService start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			RecordedWeatherService service = new RecordedWeatherService(server);
			server.createContext("/", service::handle);
			server.start();
			return service;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The base URL to configure as {@code --weather-api-url}.
	 * @return {@code http://127.0.0.1:PORT}
	 */
	public String baseUrl() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	/**
	 * The paths requested so far.
	 * @return the request paths, in order
	 */
	public List<String> requests() {
		return List.copyOf(this.requests);
	}

	/**
	 * The {@code User-Agent} headers received so far.
	 * @return the headers, in order
	 */
	public List<String> userAgents() {
		return List.copyOf(this.userAgents);
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	private void handle(HttpExchange exchange) throws IOException {
		String path = exchange.getRequestURI().getRawPath();
		this.requests.add(path);
		String userAgent = exchange.getRequestHeaders().getFirst("User-Agent");
		this.userAgents.add((userAgent != null) ? userAgent : "");
		if (path.equals("/alerts/active/area/CA")) {
			send(exchange, 200, "application/geo+json", "alerts-active-area-CA.json");
		}
		else if (path.startsWith("/alerts/active/area/")) {
			send(exchange, 200, "application/geo+json", "alerts-active-area-empty.json");
		}
		else if (path.equals("/points/" + RECORDED_POINT)) {
			send(exchange, 200, "application/geo+json", "points-" + RECORDED_POINT + ".json");
		}
		else if (path.equals("/gridpoints/MTR/85,105/forecast")) {
			send(exchange, 200, "application/geo+json", "gridpoints-MTR-85,105-forecast.json");
		}
		else if (path.startsWith("/points/")) {
			send(exchange, 404, "application/problem+json", "points-outside.json");
		}
		else {
			send(exchange, 404, "application/problem+json", "points-outside.json");
		}
	}

	private void send(HttpExchange exchange, int status, String contentType, String file) throws IOException {
		byte[] body;
		try (InputStream in = RecordedWeatherService.class.getResourceAsStream("/nws/" + file)) {
			if (in == null) {
				throw new IOException("missing recorded response nws/" + file);
			}
			body = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace(NWS, baseUrl())
				.getBytes(StandardCharsets.UTF_8);
		}
		exchange.getResponseHeaders().add("Content-Type", contentType);
		exchange.sendResponseHeaders(status, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

}
