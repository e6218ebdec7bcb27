/**
 * The authorization-code flow with PKCE: authorization requests, user agents and the loopback redirect listener.
 */
@NullMarked
package io.github.mcpoauth.authorization;

import org.jspecify.annotations.NullMarked;
