package io.github.mcpoauth.sample.client;

import java.time.Duration;

/**
 * Durations in words for people: {@code 42 s}, {@code 59 min}, {@code 5 h 3 min},
 * {@code 3 days}.
 */
final class Durations {

	private Durations() {
	}

	static String words(Duration duration) {
		long seconds = Math.abs(duration.getSeconds());
		if (seconds < 60) {
			return seconds + " s";
		}
		long minutes = seconds / 60;
		if (minutes < 60) {
			return minutes + " min";
		}
		long hours = minutes / 60;
		if (hours < 48) {
			return hours + " h" + ((minutes % 60 != 0) ? " " + (minutes % 60) + " min" : "");
		}
		return (hours / 24) + " days";
	}

}
