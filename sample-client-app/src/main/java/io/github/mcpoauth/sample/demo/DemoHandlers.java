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

package io.github.mcpoauth.sample.demo;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import io.github.mcpoauth.core.McpOAuthException;
import io.github.mcpoauth.core.McpServerDefinition;
import io.github.mcpoauth.core.McpServerRegistry;
import io.github.mcpoauth.transport.McpWebClientTransports;
import io.github.mcpoauth.token.OAuthToken;
import io.github.mcpoauth.token.Redaction;
import io.github.mcpoauth.web.McpAuthorizationRequiredException;
import io.github.mcpoauth.web.McpConnections;
import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Content;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.springframework.web.util.HtmlUtils.htmlEscape;

/**
 * The handlers of {@link DemoPages}. Each MCP call opens an MCP session for the signed-in
 * user (the starter's {@code WebClient} transport, whose filter uses that user's tokens) and
 * closes it afterwards. A call that needs the user's authorization fails with
 * {@link McpAuthorizationRequiredException}, which these handlers let through: the starter's
 * web filter turns it into a redirect to the server's login.
 */
final class DemoHandlers {

	private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	private static final Duration MCP_TIMEOUT = Duration.ofSeconds(30);

	private final McpServerRegistry servers;

	private final McpConnections connections;

	private final McpWebClientTransports transports;

	DemoHandlers(McpServerRegistry servers, McpConnections connections, McpWebClientTransports transports) {
		this.servers = servers;
		this.connections = connections;
		this.transports = transports;
	}

	Mono<ServerResponse> home(ServerRequest request) {
		List<McpServerDefinition> sorted = this.servers.servers()
			.stream()
			.sorted(Comparator.comparing(McpServerDefinition::name))
			.toList();
		return csrfField(request).flatMap((csrf) -> Flux.fromIterable(sorted)
			.concatMap((server) -> row(server, csrf))
			.collectList()
			.flatMap((rows) -> page(request, "MCP servers", "<h1>MCP servers</h1>"
					+ (rows.isEmpty() ? "<p>No MCP server is configured: start with --mcp.oauth.servers.NAME.url=URL.</p>"
							: "<table><tr><th>Server</th><th>URL</th><th>Status</th><th>Your token</th><th></th></tr>"
									+ String.join("", rows) + "</table>"))));
	}

	private Mono<String> row(McpServerDefinition server, String csrf) {
		String name = server.name();
		String start = "<tr id=\"server-" + htmlEscape(name) + "\"><td>" + htmlEscape(name) + "</td><td>"
				+ htmlEscape(server.url().toString()) + "</td>";
		return this.connections.token(name)
			.map((token) -> start + "<td class=\"status\">connected</td><td class=\"token\">" + describe(token)
					+ "</td><td><a id=\"tools-" + htmlEscape(name) + "\" href=\"/servers/" + htmlEscape(name)
					+ "/tools\">Tools</a> " + button(name, "disconnect", "Disconnect", csrf) + "</td></tr>")
			.defaultIfEmpty(start + "<td class=\"status\">not connected</td><td class=\"token\"></td><td>"
					+ button(name, "connect", "Connect", csrf) + "</td></tr>")
			.onErrorResume(McpOAuthException.class,
					(ex) -> Mono.just(start + "<td class=\"status\">error</td><td class=\"token\">"
							+ htmlEscape(Objects.requireNonNull(ex.getMessage())) + "</td><td>" + button(name, "connect", "Connect", csrf)
							+ "</td></tr>"));
	}

	private static String describe(OAuthToken token) {
		return "<code>" + htmlEscape(Redaction.fingerprint(token.accessToken())) + "</code><br>scopes "
				+ htmlEscape(String.join(" ", token.scopes())) + ((token.expiresAt() != null)
						? ", expires " + htmlEscape(token.expiresAt().toString()) : "");
	}

	Mono<ServerResponse> connect(ServerRequest request) {
		String name = request.pathVariable("name");
		return this.connections.connect(name).then(redirectHome());
	}

	Mono<ServerResponse> disconnect(ServerRequest request) {
		return this.connections.disconnect(request.pathVariable("name")).then(redirectHome());
	}

	Mono<ServerResponse> tools(ServerRequest request) {
		String name = request.pathVariable("name");
		return csrfField(request).flatMap((csrf) -> withMcp(name, (mcp) -> mcp.listTools())
			.flatMap((result) -> {
				StringBuilder html = new StringBuilder("<h1>Tools of " + htmlEscape(name)
						+ "</h1><p><a href=\"/\">Back to the servers</a></p>");
				for (Tool tool : result.tools()) {
					html.append(toolForm(name, tool, csrf));
				}
				return page(request, "Tools of " + name, html.toString());
			})
			.onErrorResume(DemoHandlers::notAnAuthorization, (ex) -> failed(request, name, ex)));
	}

	private static String toolForm(String server, Tool tool, String csrf) {
		String id = htmlEscape(tool.name());
		StringBuilder form = new StringBuilder("<section><h2>" + id + "</h2><p>"
				+ htmlEscape((tool.description() != null) ? tool.description() : "") + "</p><form id=\"call-" + id
				+ "\" method=\"post\" action=\"/servers/" + htmlEscape(server) + "/tools/" + id + "\">" + csrf);
		for (String argument : properties(tool).keySet()) {
			form.append("<label>").append(htmlEscape(argument)).append(" <input name=\"").append(htmlEscape(argument))
				.append("\"></label> ");
		}
		return form.append("<button id=\"submit-").append(id).append("\">Call</button></form></section>").toString();
	}

	Mono<ServerResponse> call(ServerRequest request) {
		String name = request.pathVariable("name");
		String toolName = request.pathVariable("tool");
		return request.formData()
			.flatMap((form) -> withMcp(name, (mcp) -> mcp.listTools().flatMap((tools) -> {
				Tool tool = tools.tools().stream().filter((candidate) -> candidate.name().equals(toolName)).findFirst()
					.orElse(null);
				if (tool == null) {
					return Mono.error(new IllegalArgumentException("Server '" + name + "' has no tool '" + toolName + "'."));
				}
				return mcp.callTool(new CallToolRequest(toolName, arguments(tool, form)));
			})))
			.flatMap((result) -> page(request, toolName + " of " + name, "<h1>" + htmlEscape(toolName) + " of "
					+ htmlEscape(name) + "</h1><p id=\"outcome\">" + (Boolean.TRUE.equals(result.isError())
							? "The tool reported an error." : "The tool answered.")
					+ "</p><pre id=\"result\">" + htmlEscape(render(result)) + "</pre><p><a href=\"/servers/"
					+ htmlEscape(name) + "/tools\">Back to the tools</a> <a href=\"/\">Back to the servers</a></p>"))
			.onErrorResume(DemoHandlers::notAnAuthorization, (ex) -> failed(request, name, ex));
	}

	/** What the web filter must see: an authorization the user must give. Everything else is shown. */
	private static boolean notAnAuthorization(Throwable ex) {
		return McpAuthorizationRequiredException.find(ex) == null;
	}

	private static Mono<ServerResponse> failed(ServerRequest request, String server, Throwable ex) {
		String message = (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName();
		return page(request, "Server " + server + " failed", "<h1>Server " + htmlEscape(server)
				+ " failed</h1><p id=\"error\">" + htmlEscape(message) + "</p><p><a href=\"/\">Back to the servers</a></p>");
	}

	/** The form's values as the tool's input schema types them; empty fields are left out. */
	private static Map<String, Object> arguments(Tool tool, MultiValueMap<String, String> form) {
		Map<String, Object> arguments = new LinkedHashMap<>();
		properties(tool).forEach((argument, schema) -> {
			String value = form.getFirst(argument);
			if (value == null || value.isEmpty()) {
				return;
			}
			Object type = (schema instanceof Map<?, ?> map) ? map.get("type") : null;
			boolean json = List.of("number", "integer", "boolean", "array", "object").contains(String.valueOf(type));
			arguments.put(argument, json ? JSON.readValue(value, Object.class) : value);
		});
		return arguments;
	}

	private static Map<String, Object> properties(Tool tool) {
		Object properties = (tool.inputSchema() != null) ? tool.inputSchema().get("properties") : null;
		if (!(properties instanceof Map<?, ?> map)) {
			return Map.of();
		}
		Map<String, Object> byName = new LinkedHashMap<>();
		map.forEach((name, schema) -> byName.put(String.valueOf(name), schema));
		return byName;
	}

	private static String render(CallToolResult result) {
		if (result.structuredContent() != null) {
			return JSON.writeValueAsString(result.structuredContent());
		}
		StringBuilder text = new StringBuilder();
		for (Content content : result.content()) {
			text.append((content instanceof TextContent textContent) ? textContent.text() : content.toString())
				.append('\n');
		}
		return text.toString();
	}

	/**
	 * Runs one exchange with a server in an MCP session of its own, for the signed-in user.
	 * Failures other than an authorization the user must give become a page.
	 */
	private <T> Mono<T> withMcp(String serverName, Function<McpAsyncClient, Mono<T>> exchange) {
		return Mono.usingWhen(
				Mono.fromSupplier(() -> McpClient.async(this.transports.transport(serverName))
					.requestTimeout(MCP_TIMEOUT)
					.build()),
				(mcp) -> mcp.initialize().then(exchange.apply(mcp)), McpAsyncClient::closeGracefully);
	}

	private static Mono<ServerResponse> redirectHome() {
		return ServerResponse.seeOther(URI.create("/")).build();
	}

	private static Mono<String> csrfField(ServerRequest request) {
		Mono<CsrfToken> token = request.exchange().getAttribute(CsrfToken.class.getName());
		return (token != null) ? token.map((csrf) -> "<input type=\"hidden\" name=\"" + htmlEscape(csrf.getParameterName())
				+ "\" value=\"" + htmlEscape(csrf.getToken()) + "\">").defaultIfEmpty("") : Mono.just("");
	}

	private static String button(String server, String action, String label, String csrf) {
		return "<form class=\"inline\" method=\"post\" action=\"/servers/" + htmlEscape(server) + "/" + action + "\">"
				+ csrf + "<button id=\"" + action + "-" + htmlEscape(server) + "\">" + label + "</button></form>";
	}

	private static Mono<ServerResponse> page(ServerRequest request, String title, String main) {
		return Mono.zip(request.principal().map(Principal::getName).defaultIfEmpty(""), csrfField(request))
			.flatMap((userAndCsrf) -> ServerResponse.ok()
				.contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
				.bodyValue("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + htmlEscape(title)
						+ "</title><style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
						+ "td,th{border:1px solid #ccc;padding:.4em;text-align:left;vertical-align:top}"
						+ "form.inline{display:inline}section{margin:1em 0}</style></head><body><header>Signed in as "
						+ "<b id=\"user\">" + htmlEscape(userAndCsrf.getT1()) + "</b> <form class=\"inline\" "
						+ "method=\"post\" action=\"/logout\">" + userAndCsrf.getT2()
						+ "<button id=\"logout\">Sign out</button></form></header><main>" + main
						+ "</main></body></html>"));
	}

}
