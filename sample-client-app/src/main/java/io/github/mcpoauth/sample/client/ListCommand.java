package io.github.mcpoauth.sample.client;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.Callable;

import io.github.mcpoauth.sample.client.CommandContext.StoredServer;
import io.github.mcpoauth.store.TokenStore;
import io.github.mcpoauth.token.OAuthToken;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code list}: every server with stored tokens, and every known server without, as a
 * table with the expiry status.
 */
@Command(name = "list", mixinStandardHelpOptions = true,
		description = { "List the servers and the status of their stored tokens.", "",
				"One row per server that has stored tokens or is known (authorized before, or configured in "
						+ "mcp.oauth.servers). STATUS is valid, expired, refreshable (expired, but the next use "
						+ "refreshes it) or not authorized. Reads the store only." },
		footerHeading = "%nExample:%n", footer = "  mcp-oauth list")
class ListCommand implements Callable<Integer>, StoreCommand {

	static final String NOT_AUTHORIZED = "not authorized";

	private static final String[] HEADER = { "NAME", "STATUS", "EXPIRES", "SCOPES", "URL" };

	@Spec
	CommandSpec spec;

	private final CommandContext context;

	ListCommand(CommandContext context) {
		this.context = context;
	}

	@Override
	public Integer call() {
		CliServers servers = this.context.servers();
		TokenStore store = this.context.tokenStore();
		TreeSet<String> names = new TreeSet<>(store.serverNames().collectList().block());
		servers.all().forEach((server) -> names.add(server.name()));
		PrintWriter out = this.spec.commandLine().getOut();
		if (names.isEmpty()) {
			out.println("No servers yet. Run 'mcp-oauth auth NAME URL' to add one.");
		}
		else {
			List<String[]> rows = new ArrayList<>();
			rows.add(HEADER);
			for (String name : names) {
				StoredServer stored = this.context.stored(name);
				OAuthToken token = stored.token();
				rows.add((token != null) ? new String[] { name,
						TokenView.status(token, this.context.clock(), this.context.clockSkew()),
						TokenView.expiry(token, this.context.clock()), TokenView.scopes(token), stored.url() }
						: new String[] { name, NOT_AUTHORIZED, "-", "-", stored.url() });
			}
			print(out, rows, this.spec.commandLine().getColorScheme().ansi());
		}
		out.println("Token store: " + TokenView.backend(store));
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
