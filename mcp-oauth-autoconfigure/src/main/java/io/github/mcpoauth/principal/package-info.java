/**
 * Principals: whose tokens a request uses. The authenticated user of a reactive request
 * (Spring Security), a principal named explicitly, or the configured default principal.
 */
@NullMarked
package io.github.mcpoauth.principal;

import org.jspecify.annotations.NullMarked;
