/**
 * The {@code resource-server} role: the weather MCP server ({@code get_alerts},
 * {@code get_forecast} on the US National Weather Service API) protected by tokens of an
 * external authorization server.
 */
@NullMarked
package io.github.mcpoauth.sample.server.weather;

import org.jspecify.annotations.NullMarked;
