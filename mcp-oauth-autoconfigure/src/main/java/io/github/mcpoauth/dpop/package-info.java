/**
 * DPoP (RFC 9449): the proof-of-possession key a token is bound to, the proofs signed with it
 * for token and resource requests, and the nonces servers hand out.
 */
@NullMarked
package io.github.mcpoauth.dpop;

import org.jspecify.annotations.NullMarked;
