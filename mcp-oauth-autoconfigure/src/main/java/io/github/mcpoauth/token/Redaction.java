package io.github.mcpoauth.token;

/**
 * Shortens secrets for display: never more than a recognisable head and tail.
 */
public final class Redaction {

	private static final int HEAD = 20;

	private static final int TAIL = 6;

	private Redaction() {
	}

	/**
	 * Redacts a secret for {@code toString()} and logs: only its length is shown.
	 * @param secret the secret
	 * @return a placeholder saying how long the secret is
	 */
	public static String redact(String secret) {
		return "[redacted " + secret.length() + " chars]";
	}

	/**
	 * Shows the first 20 and last 6 characters of a token, as the CLI prints it for a user
	 * who needs to tell tokens apart. Tokens too short for that are fully masked.
	 * @param token the token
	 * @return the shortened form
	 */
	public static String headAndTail(String token) {
		if (token.length() <= HEAD + TAIL + 4) {
			return "*".repeat(Math.min(token.length(), 8));
		}
		return token.substring(0, HEAD) + "..." + token.substring(token.length() - TAIL);
	}

}
