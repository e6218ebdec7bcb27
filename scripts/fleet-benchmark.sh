#!/usr/bin/env bash
# What the token store costs (JMH, FleetStoreBenchmark): the WebClient filter's own cost with a
# cached token for the memory, encrypted-file and PostgreSQL stores (the store is not on that
# path: the figures should match), and the latency of one refresh on PostgreSQL with and without
# the fleet's refresh lock. Starts a scratch PostgreSQL cluster (Debian's postgresql package; as
# the postgres user when run as root) on a free port of 127.0.0.1 and stops it afterwards.
# About 2 minutes on 2 cores; see docs/benchmarks.md.
# Usage: scripts/fleet-benchmark.sh [more JMH options]
set -euo pipefail
cd "$(dirname "$0")/.."
[ "${SKIP_BUILD:-}" = 1 ] || mvn -B -q -pl benchmarks -am package -Dmaven.test.skip=true
jar=benchmarks/target/benchmarks.jar
result=benchmarks/target/jmh-fleet-result.json

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$bin" ]; then
  echo "fleet-benchmark: PostgreSQL is not installed (scripts/setup.sh installs it)" >&2; exit 1
fi
scratch=$(mktemp -d /tmp/mcp-oauth-benchmark-postgres.XXXXXX)
as=()
if [ "$(id -u)" -eq 0 ]; then
  chown postgres "$scratch"
  as=(runuser -u postgres --)
fi
stop() {
  "${as[@]}" "$bin/pg_ctl" -D "$scratch/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$scratch"
}
trap stop EXIT
"${as[@]}" "$bin/initdb" -D "$scratch/data" -U postgres -A trust -E UTF8 --no-locale --no-sync >/dev/null
for attempt in 1 2 3 4 5; do
  port=$((20000 + RANDOM % 20000))
  if "${as[@]}" "$bin/pg_ctl" -D "$scratch/data" -l "$scratch/postgres.log" -w \
      -o "-p $port -k $scratch -c listen_addresses=127.0.0.1" start >/dev/null; then
    break
  fi
  [ "$attempt" -lt 5 ] || { cat "$scratch/postgres.log" >&2; exit 1; }
done

export MCP_BENCH_R2DBC_URL="r2dbc:postgresql://postgres@127.0.0.1:$port/postgres"
java -jar "$jar" -rf json -rff "$result" "$@" 'io\.github\.mcpoauth\.benchmarks\.FleetStoreBenchmark\.'
echo
echo "== Results ($result): cachedToken in ns per request, refresh in µs per refresh"
