/**
 * Multi-user WebFlux applications: the authorization-code grant through the signed-in user's
 * own browser, with the authorization response received at the application's callback path
 * and the tokens stored for that user.
 */
@NullMarked
package io.github.mcpoauth.web;

import org.jspecify.annotations.NullMarked;
