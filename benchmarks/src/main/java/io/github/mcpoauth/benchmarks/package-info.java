/**
 * JMH benchmarks of the WebClient filter, run with {@code scripts/benchmark.sh}.
 */
@NullMarked
package io.github.mcpoauth.benchmarks;

import org.jspecify.annotations.NullMarked;
