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
