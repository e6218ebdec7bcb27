/**
 * The authorization server: protocol endpoints, form login, registered clients, signing key and RFC 8707 audiences.
 */
@NullMarked
package io.github.mcpoauth.sample.server.authorization;

import org.jspecify.annotations.NullMarked;
