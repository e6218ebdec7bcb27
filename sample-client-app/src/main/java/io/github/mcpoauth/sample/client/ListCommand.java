package io.github.mcpoauth.sample.client;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.Callable;

import io.github.mcpoauth.client.McpOAuthClient;
import io.github.mcpoauth.core.McpServerDefinition;
import io.github.mcpoauth.token.OAuthToken;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * {@code list}: every server with stored tokens, and every known server without, as a
 * table with the expiry status.
 */
@Component
@Command(name = "list", mixinStandardHelpOptions = true,
		description = { "List the servers and the status of their stored tokens.", "",
				"One row per server that has stored tokens or is known (authorized before, or configured in "
						+ "mcp.oauth.servers). STATUS is valid, expired, refreshable (expired, but the next use "
						+ "refreshes it) or not authorized. Reads the store only." },
		footerHeading = "%nExample:%n", footer = "  mcp-oauth list")
class ListCommand implements Callable<Integer> {

	static final String NOT_AUTHORIZED = "not authorized";

	private static final String[] HEADER = { "NAME", "STATUS", "EXPIRES", "SCOPES", "URL" };

	@Spec
	CommandSpec spec;

	private final ObjectProvider<CliServers> servers;

	private final ObjectProvider<McpOAuthClient> client;

	ListCommand(ObjectProvider<CliServers> servers, ObjectProvider<McpOAuthClient> client) {
		this.servers = servers;
		this.client = client;
	}

	@Override
	public Integer call() {
		CliServers servers = this.servers.getObject();
		McpOAuthClient client = this.client.getObject();
		TreeSet<String> names = new TreeSet<>(client.tokenStore().serverNames().collectList().block());
		servers.all().forEach((server) -> names.add(server.name()));
		PrintWriter out = this.spec.commandLine().getOut();
		if (names.isEmpty()) {
			out.println("No servers yet. Run 'mcp-oauth auth NAME URL' to add one.");
		}
		else {
			List<String[]> rows = new ArrayList<>();
			rows.add(HEADER);
			for (String name : names) {
				McpServerDefinition server = servers.find(name).orElse(null);
				OAuthToken token = client.tokenStore().loadToken(name).block();
				String url = (server != null) ? server.url().toString() : (token != null) ? token.resource() : "-";
				rows.add((token != null) ? new String[] { name, TokenView.status(token, client.clock(), client.clockSkew()),
						TokenView.expiry(token, client.clock()), TokenView.scopes(token), url }
						: new String[] { name, NOT_AUTHORIZED, "-", "-", url });
			}
			print(out, rows, this.spec.commandLine().getColorScheme().ansi());
		}
		out.println("Token store: " + TokenView.backend(client.tokenStore()));
		out.flush();
		return ExitCodes.OK;
	}

	private static void print(PrintWriter out, List<String[]> rows, Ansi ansi) {
		int[] widths = new int[HEADER.length];
		for (String[] row : rows) {
			for (int i = 0; i < row.length; i++) {
				widths[i] = Math.max(widths[i], row[i].length());
			}
		}
		for (int r = 0; r < rows.size(); r++) {
			String[] row = rows.get(r);
			StringBuilder line = new StringBuilder();
			for (int i = 0; i < row.length; i++) {
				String cell = (i < row.length - 1) ? String.format("%-" + widths[i] + "s  ", row[i]) : row[i];
				line.append((r == 0) ? ansi.string("@|bold " + cell + "|@") : (i == 1) ? colour(ansi, row[i], cell) : cell);
			}
			out.println(line.toString().stripTrailing());
		}
	}

	private static String colour(Ansi ansi, String status, String cell) {
		String style = switch (status) {
			case TokenView.VALID -> "green";
			case TokenView.REFRESHABLE -> "yellow";
			default -> "red";
		};
		return ansi.string("@|" + style + " " + cell + "|@");
	}

}
