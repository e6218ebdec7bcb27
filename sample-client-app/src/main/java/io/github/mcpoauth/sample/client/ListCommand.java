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

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.Callable;

import io.github.mcpoauth.sample.client.CommandContext.StoredServer;
import io.github.mcpoauth.store.TokenKey;
import io.github.mcpoauth.store.TokenStore;
import io.github.mcpoauth.token.OAuthToken;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code list}: every server with stored tokens, and every known server without, as a
 * table with the expiry status. The command line's tokens are the default principal's; when
 * the store also holds tokens of other principals (written by a server application sharing
 * it), they get rows of their own and a PRINCIPAL column appears.
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
		List<TokenKey> keys = Objects.requireNonNull(store.tokenKeys().collectList().block());
		TreeSet<String> names = new TreeSet<>();
		List<TokenKey> others = new ArrayList<>();
		for (TokenKey key : keys) {
			if (TokenKey.DEFAULT_PRINCIPAL.equals(key.principal())) {
				names.add(key.serverName());
			}
			else {
				others.add(key);
			}
		}
		servers.all().forEach((server) -> names.add(server.name()));
		PrintWriter out = this.spec.commandLine().getOut();
		if (names.isEmpty() && others.isEmpty()) {
			out.println("No servers yet. Run 'mcp-oauth auth NAME URL' to add one.");
		}
		else {
			// the principal column only when another application stored tokens of other principals here
			boolean principals = !others.isEmpty();
			List<String[]> rows = new ArrayList<>();
			rows.add(principals ? withPrincipal(HEADER, "PRINCIPAL") : HEADER);
			for (String name : names) {
				StoredServer stored = this.context.stored(name);
				String[] row = row(name, stored.token(), stored.url(), this.context);
				rows.add(principals ? withPrincipal(row, TokenKey.DEFAULT_PRINCIPAL) : row);
			}
			for (TokenKey key : others) {
				StoredServer stored = this.context.stored(key.serverName());
				OAuthToken token = store.loadToken(key).block();
				rows.add(withPrincipal(row(key.serverName(), token, stored.url(), this.context), key.principal()));
			}
			rows.subList(1, rows.size()).sort(Comparator.comparing((String[] row) -> row[0]));
			print(out, rows, this.spec.commandLine().getColorScheme().ansi());
		}
		out.println("Token store: " + TokenView.backend(store));
		out.flush();
		return ExitCodes.OK;
	}

	private static String[] row(String name, @Nullable OAuthToken token, String url, CommandContext context) {
		return (token != null) ? new String[] { name, TokenView.status(token, context.clock(), context.clockSkew()),
				TokenView.expiry(token, context.clock()), TokenView.scopes(token), url }
				: new String[] { name, NOT_AUTHORIZED, "-", "-", url };
	}

	/** Inserts a principal column after the name. */
	private static String[] withPrincipal(String[] row, String principal) {
		String[] wider = new String[row.length + 1];
		wider[0] = row[0];
		wider[1] = principal;
		System.arraycopy(row, 1, wider, 2, row.length - 1);
		return wider;
	}

	private static void print(PrintWriter out, List<String[]> rows, Ansi ansi) {
		int[] widths = new int[rows.get(0).length];
		int statusColumn = List.of(rows.get(0)).indexOf("STATUS");
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
				line.append((r == 0) ? ansi.string("@|bold " + cell + "|@") : (i == statusColumn) ? colour(ansi, row[i], cell) : cell);
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
