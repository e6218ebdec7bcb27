/**
 * The RFC 7591 registration endpoint, refused by default and open to public clients on request.
 */
@NullMarked
package io.github.mcpoauth.sample.server.registration;

import org.jspecify.annotations.NullMarked;
