#!/bin/sh
# Measures what the MCP OAuth WebClient filter costs per request with a cached token (JMH):
# the filter's own cost without network, then the throughput of a WebClient POST on loopback
# with the filter against the same call with a fixed Authorization header (target: ratio
# >= 0.97), in rounds of one fork each, alternating which goes first; allocation per request
# from -prof gc. About 5 minutes on 2 cores; see docs/benchmarks.md.
# Usage: scripts/benchmark.sh [rounds, default 2]
set -eu
cd "$(dirname "$0")/.."
rounds=${1:-2}
mvn -B -q -pl benchmarks -am package -Dmaven.test.skip=true
jar=benchmarks/target/benchmarks.jar
out=benchmarks/target/jmh-results
rm -rf "$out"
mkdir -p "$out"
jmh() {
	name=$1
	shift
	java -jar "$jar" -prof gc -rf json -rff "$out/$name.json" "$@"
}
jmh overhead 'io\.github\.mcpoauth\.benchmarks\.FilterOverheadBenchmark\.'
round=1
while [ "$round" -le "$rounds" ]; do
	if [ $((round % 2)) -eq 1 ]; then order="fixedHeader mcpFilter"; else order="mcpFilter fixedHeader"; fi
	for client in $order; do
		jmh "round-$(printf %02d "$round")-$client" -f 1 "io\.github\.mcpoauth\.benchmarks\.FilterBenchmark\.$client\$"
	done
	round=$((round + 1))
done
echo
echo "== Summary ($out)"
java -cp "$jar" io.github.mcpoauth.benchmarks.BenchmarkReport "$out"/*.json
