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

package io.github.mcpoauth.transport;

import java.net.URI;

/**
 * The endpoint path of an MCP endpoint URL, which the SDK's transport builders take apart
 * from the base URL ({@code ResourceUris.origin}).
 */
final class McpTransportUris {

	private McpTransportUris() {
	}

	static String endpoint(URI url) {
		String path = url.getRawPath();
		return (path == null || path.isEmpty()) ? "/" : path;
	}

}
