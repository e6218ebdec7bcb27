#!/bin/sh
# Measures what the MCP OAuth WebClient filter costs per request with a cached token (JMH):
# a WebClient POST on loopback with the filter against the same call with a fixed
# Authorization header, timed in turn (target: throughput ratio >= 0.97) and each on its own
# (throughput, CPU time and allocation per request), and the filter's own cost without
# network. About 5 minutes on 2 cores; see docs/benchmarks.md (also for FilterVariantsBenchmark,
# which this script leaves out).
# Usage: scripts/benchmark.sh [more JMH options]
set -eu
cd "$(dirname "$0")/.."
mvn -B -q -pl benchmarks -am package -Dmaven.test.skip=true
jar=benchmarks/target/benchmarks.jar
result=benchmarks/target/jmh-result.json
java -jar "$jar" -prof gc -prof io.github.mcpoauth.benchmarks.CpuTimeProfiler -rf json -rff "$result" "$@" \
	'io\.github\.mcpoauth\.benchmarks\.Filter(Overhead)?Benchmark\.'
echo
echo "== Summary ($result)"
java -cp "$jar" io.github.mcpoauth.benchmarks.BenchmarkReport "$result"
