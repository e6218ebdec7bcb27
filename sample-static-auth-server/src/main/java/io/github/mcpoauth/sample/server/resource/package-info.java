/**
 * The MCP endpoint as a resource server: bearer-token validation, challenges and RFC 9728 metadata.
 */
@NullMarked
package io.github.mcpoauth.sample.server.resource;

import org.jspecify.annotations.NullMarked;
