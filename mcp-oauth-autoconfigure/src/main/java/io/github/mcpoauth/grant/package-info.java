/**
 * Grant providers: how a token is obtained, one provider per OAuth grant (authorization
 * code, refresh token, client credentials, enterprise-managed jwt-bearer, workload identity),
 * the sources of workload identity assertions, and the failure handler that decides what a
 * refused grant removes.
 */
@NullMarked
package io.github.mcpoauth.grant;

import org.jspecify.annotations.NullMarked;
