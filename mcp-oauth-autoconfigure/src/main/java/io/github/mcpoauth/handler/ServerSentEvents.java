package io.github.mcpoauth.handler;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a {@code text/event-stream} body into the data of its events, following the
 * parsing rules of the HTML Living Standard §9.2.6: events end at a blank line, several
 * {@code data} lines are joined with a line feed, one space after the colon is dropped,
 * lines starting with a colon are comments, and other fields ({@code event}, {@code id},
 * {@code retry}) do not add data, and a leading byte-order mark is ignored. An event with a
 * {@code data} field whose value is empty has empty data (MCP servers send one to prime
 * reconnection). Unlike a browser, which discards an event the stream ends in, the last event
 * of a complete body is kept even without its closing blank line.
 */
final class ServerSentEvents {

	private ServerSentEvents() {
	}

	/**
	 * @param body the whole body
	 * @return the data of each event that has data, in order
	 */
	static List<String> data(String body) {
		List<String> events = new ArrayList<>();
		StringBuilder data = null;
		String text = body.startsWith("\uFEFF") ? body.substring(1) : body;
		for (String line : text.split("\r\n|\r|\n", -1)) {
			if (line.isEmpty()) {
				if (data != null) {
					events.add(data.toString());
					data = null;
				}
				continue;
			}
			if (line.startsWith(":")) {
				continue;
			}
			int colon = line.indexOf(':');
			String field = (colon >= 0) ? line.substring(0, colon) : line;
			String value = (colon >= 0) ? line.substring(colon + 1) : "";
			if (value.startsWith(" ")) {
				value = value.substring(1);
			}
			if ("data".equals(field)) {
				data = (data == null) ? new StringBuilder(value) : data.append('\n').append(value);
			}
		}
		if (data != null) {
			events.add(data.toString());
		}
		return events;
	}

}
