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

import io.modelcontextprotocol.spec.McpSchema;
import org.jspecify.annotations.Nullable;

/**
 * What an MCP server said about itself when {@link McpProtocolClient} connected: the
 * answer to {@code server/discover} (revision 2026-07-28) or to {@code initialize} (earlier
 * revisions).
 *
 * @param protocolVersion the revision in use with this server
 * @param supportedVersions the revisions the server supports ({@code server/discover}), or
 * the negotiated one alone ({@code initialize})
 * @param serverInfo the server's self-reported name and version, for display only
 * @param capabilities the server's capabilities
 * @param instructions the server's instructions for a model, if any
 * @see <a href="https://modelcontextprotocol.io/specification/2026-07-28/server/discover">MCP
 * 2026-07-28: Discovery</a>
 */
public record McpServerDescription(String protocolVersion, List<String> supportedVersions,
		McpSchema.@Nullable Implementation serverInfo, McpSchema.@Nullable ServerCapabilities capabilities,
		@Nullable String instructions) {

	public McpServerDescription {
		supportedVersions = List.copyOf(supportedVersions);
	}

	/**
	 * @return whether the server is spoken to statelessly (a modern revision, no session)
	 */
	public boolean isStateless() {
		return McpProtocolVersions.isModern(this.protocolVersion);
	}

}
