/**
 * Client registration: pre-registered credentials, Client ID Metadata Documents and RFC 7591 dynamic registration.
 */
@NullMarked
package io.github.mcpoauth.registration;

import org.jspecify.annotations.NullMarked;
