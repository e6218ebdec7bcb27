/**
 * The demo web application of the {@code serve} command: a small server-rendered WebFlux page
 * where each signed-in user connects the configured MCP servers through the servers' own
 * login, lists their tools and calls one, and disconnects. Relaxed for local development:
 * two demo users with published passwords, in-memory sessions.
 */
@NullMarked
package io.github.mcpoauth.sample.demo;

import org.jspecify.annotations.NullMarked;
