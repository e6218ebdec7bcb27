/**
 * Actuator support: a health contributor that reports, per MCP server, whether a usable token is held.
 */
@NullMarked
package io.github.mcpoauth.actuate;

import org.jspecify.annotations.NullMarked;
