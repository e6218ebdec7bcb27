/**
 * The RFC 7591 registration endpoint: Spring Authorization Server's, closed by default and open to public clients on request, within limits.
 */
@NullMarked
package io.github.mcpoauth.sample.server.registration;

import org.jspecify.annotations.NullMarked;
