/**
 * The {@code WebClient} filter that authorizes requests to MCP servers, refreshing and retrying on 401 and stepping up scope on 403.
 */
@NullMarked
package io.github.mcpoauth.webclient;

import org.jspecify.annotations.NullMarked;
