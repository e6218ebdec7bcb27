/**
 * OAuth token values and the token-endpoint client (authorization code, refresh, client credentials, token exchange, JWT bearer).
 */
@NullMarked
package io.github.mcpoauth.token;

import org.jspecify.annotations.NullMarked;
