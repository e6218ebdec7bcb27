/**
 * Values and errors shared by every part of the MCP OAuth client: the server definition and the typed exception hierarchy.
 */
@NullMarked
package io.github.mcpoauth.core;

import org.jspecify.annotations.NullMarked;
