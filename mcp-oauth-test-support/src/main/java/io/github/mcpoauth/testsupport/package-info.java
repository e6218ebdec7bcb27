/**
 * Real components for the tests of every module of this repository: a scratch PostgreSQL
 * cluster ({@link io.github.mcpoauth.testsupport.PostgresServer}), headless Chromium
 * ({@link io.github.mcpoauth.testsupport.HeadlessChromium}) and the recorded National Weather
 * Service ({@link io.github.mcpoauth.testsupport.RecordedWeatherService}). Never published.
 */
@NullMarked
package io.github.mcpoauth.testsupport;

import org.jspecify.annotations.NullMarked;
