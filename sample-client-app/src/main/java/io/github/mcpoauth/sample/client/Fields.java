package io.github.mcpoauth.sample.client;

import java.io.PrintWriter;

/**
 * Prints {@code label: value} lines with the values aligned.
 */
final class Fields {

	private static final int LABEL_WIDTH = 16;

	private final PrintWriter out;

	private final String indent;

	Fields(PrintWriter out, String indent) {
		this.out = out;
		this.indent = indent;
	}

	Fields add(String label, Object value) {
		this.out.println(this.indent + String.format("%-" + LABEL_WIDTH + "s", label + ":") + value);
		return this;
	}

}
