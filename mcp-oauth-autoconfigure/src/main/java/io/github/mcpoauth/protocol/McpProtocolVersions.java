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

package io.github.mcpoauth.protocol;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The MCP protocol revisions {@link McpProtocolClient} speaks, newest first in each era.
 * <ul>
 * <li><strong>Modern</strong> revisions (2026-07-28) carry the version, the client's identity
 * and its capabilities on every request ({@code params._meta} and the
 * {@code MCP-Protocol-Version} header); there is no handshake and no session.</li>
 * <li><strong>Legacy</strong> revisions (2025-11-25 and earlier) open a session with
 * {@code initialize}.</li>
 * </ul>
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2026-07-28/basic/versioning">MCP
 * 2026-07-28: Versioning and Compatibility</a>
 */
public final class McpProtocolVersions {

	/** The stateless revision, the newest this client speaks. */
	public static final String V2026_07_28 = "2026-07-28";

	/** The newest revision with an {@code initialize} handshake and sessions. */
	public static final String V2025_11_25 = "2025-11-25";

	/** The modern revisions this client speaks, newest first. */
	public static final List<String> MODERN = List.of(V2026_07_28);

	/** The legacy revisions this client speaks, newest first. */
	public static final List<String> LEGACY = List.of(V2025_11_25, "2025-06-18", "2025-03-26");

	/** The revision a client starts with unless told otherwise. */
	public static final String DEFAULT = V2026_07_28;

	private McpProtocolVersions() {
	}

	/**
	 * @param version a protocol revision
	 * @return whether this client speaks it
	 */
	public static boolean isSupported(@Nullable String version) {
		return version != null && (MODERN.contains(version) || LEGACY.contains(version));
	}

	/**
	 * Whether a revision is modern (per-request metadata, no session). Unknown revisions newer
	 * than 2025-11-25 are modern too: the handshake was removed for good in 2026-07-28.
	 * @param version a protocol revision ({@code YYYY-MM-DD})
	 * @return whether it is modern
	 */
	public static boolean isModern(String version) {
		return version.compareTo(V2025_11_25) > 0;
	}

	/**
	 * The newest revision of one era that both sides speak.
	 * @param offered the revisions the server listed
	 * @param modern whether to pick a modern revision, else a legacy one
	 * @return the revision, or {@code null} when there is none
	 */
	static @Nullable String newestShared(List<String> offered, boolean modern) {
		for (String version : modern ? MODERN : LEGACY) {
			if (offered.contains(version)) {
				return version;
			}
		}
		return null;
	}

}
