/**
 * Discovery of protected-resource metadata (RFC 9728) and authorization-server metadata (RFC 8414, OpenID Connect Discovery).
 */
@NullMarked
package io.github.mcpoauth.discovery;

import org.jspecify.annotations.NullMarked;
