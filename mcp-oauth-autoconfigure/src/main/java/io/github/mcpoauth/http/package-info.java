/**
 * The back channel: how the engine's own requests to authorization servers (discovery, registration, token and identity-assertion requests) are made safe from a hostile or stuck server.
 */
@NullMarked
package io.github.mcpoauth.http;

import org.jspecify.annotations.NullMarked;
