#!/usr/bin/env bash
# Measures what a user waits for, on this machine:
#  1. the command-line client through scripts/mcp-oauth: the median of N runs of --version,
#     --help (targets: 0.5 s), list and get NAME (targets: 1.0 s), against a scratch token store
#     holding the token of a client-credentials server;
#  2. the sample server's stop time on SIGTERM while an MCP client holds the event stream
#     (GET /mcp) open (target: a few seconds; the graceful shutdown's timeout is 30 s).
# The sample server runs on a free port; nothing of the user's store is read or written.
# Usage: scripts/cli-benchmark.sh [N]   (default N=10; see docs/benchmarks.md)
# CLI=path/to/launcher and SERVER_JAR=path/to/exec.jar measure another build (for before/after).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-10}
cli=${CLI:-$root/scripts/mcp-oauth}
server_jar=${SERVER_JAR:-$root/sample-static-auth-server/target/sample-static-auth-server-0.1.0-SNAPSHOT-exec.jar}
client_id=static-mcp-client-001
# the sample server's published demo secret; passed by environment variable, never on a command line
export MCP_OAUTH_SERVERS_BENCH_CLIENTSECRET=your-secret-key-change-this-in-production

scratch=$(mktemp -d)
server_pid=
stream_pid=
cleanup() {
    [[ -n "$stream_pid" ]] && kill "$stream_pid" 2>/dev/null || true
    [[ -n "$server_pid" ]] && kill "$server_pid" 2>/dev/null || true
    rm -rf "$scratch"
}
trap cleanup EXIT

"$cli" --version >/dev/null   # builds the jar and prepares the start-up cache when they are missing
if [[ -z "${SERVER_JAR:-}" ]] && { [[ ! -f "$server_jar" ]] \
        || [[ -n "$(find "$root/sample-static-auth-server/src/main" -newer "$server_jar" -type f -print -quit)" ]]; }; then
    echo "Building the sample server..." >&2
    mvn -B -q -ntp -f "$root/pom.xml" -pl sample-static-auth-server package -DskipTests >&2
fi
[[ -f "$server_jar" ]] || { echo "No sample server jar at $server_jar" >&2; exit 1; }

# Starts the sample server on a free port; sets server_pid and mcp_url.
start_server() {
    local log=$scratch/server-$1.log
    : >"$log"
    java -jar "$server_jar" --port 0 >"$log" 2>&1 &
    server_pid=$!
    for _ in $(seq 1 600); do
        mcp_url=$(sed -n 's/.*MCP endpoint \(http[^,]*\),.*/\1/p' "$log" | head -1)
        [[ -n "$mcp_url" ]] && return 0
        kill -0 "$server_pid" 2>/dev/null || { cat "$log" >&2; exit 1; }
        sleep 0.1
    done
    echo "The sample server did not start within 60 s" >&2
    exit 1
}

now() { date +%s.%N; }

# median of the wall-clock seconds of N runs of a command
median() {
    local times=() start end
    for _ in $(seq 1 "$runs"); do
        start=$(now)
        "$@" >/dev/null 2>&1 || true
        end=$(now)
        times+=("$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')")
    done
    printf '%s\n' "${times[@]}" | sort -n | awk '{ t[NR] = $1 } END { m = (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2; printf "%.2f", m }'
}

verdict() { awk -v m="$1" -v t="$2" 'BEGIN { print (m <= t) ? "ok" : "over" }'; }

start_server cli
store=(--mcp.oauth.storage.file.directory="$scratch/store" --mcp.oauth.servers.bench.url="$mcp_url"
    --mcp.oauth.servers.bench.grant-type=client-credentials --mcp.oauth.servers.bench.client-id="$client_id")
if ! "$cli" test bench "${store[@]}" >"$scratch/test.log" 2>&1; then
    # a CLI without the client-credentials support of 'test': store the token with this build's CLI
    "$root/scripts/mcp-oauth" test bench "${store[@]}" >"$scratch/test.log" 2>&1 || { cat "$scratch/test.log" >&2; exit 1; }
fi

echo "== mcp-oauth through $cli ($runs runs each, median wall-clock seconds; $(java -version 2>&1 | head -1))"
printf '%-22s %8s %8s  %s\n' command median target ""
for spec in "--version|0.5" "--help|0.5" "list|1.0" "get bench|1.0"; do
    command=${spec%|*}
    target=${spec#*|}
    # shellcheck disable=SC2086
    m=$(median "$cli" $command "${store[@]}")
    printf '%-22s %8s %8s  %s\n' "$command" "$m" "$target" "$(verdict "$m" "$target")"
done
kill "$server_pid"
wait "$server_pid" 2>/dev/null || true
server_pid=

echo
echo "== sample server: stop on SIGTERM with an MCP event stream open ($server_jar)"
start_server stop
base=${mcp_url%/mcp}
token=$(curl -s -K - -d grant_type=client_credentials -d scope=mcp:tools --data-urlencode "resource=$mcp_url" \
    "$base/token" <<<"user = \"$client_id:$MCP_OAUTH_SERVERS_BENCH_CLIENTSECRET\"" | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')
session=$(curl -s -D - -o /dev/null -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -H 'Accept: application/json, text/event-stream' \
    -d '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"bench","version":"1"}}}' \
    "$mcp_url" | sed -n 's/^[Mm]cp-[Ss]ession-[Ii]d: *\([^[:space:]]*\).*/\1/p')
[[ -n "$session" ]] || { echo "Could not open an MCP session" >&2; exit 1; }
curl -s -N -H "Authorization: Bearer $token" -H 'Accept: text/event-stream' -H "Mcp-Session-Id: $session" \
    "$mcp_url" >/dev/null 2>&1 &
stream_pid=$!
sleep 1
kill -0 "$stream_pid" 2>/dev/null || { echo "The event stream did not stay open" >&2; exit 1; }
start=$(now)
kill -TERM "$server_pid"
while kill -0 "$server_pid" 2>/dev/null; do sleep 0.05; done
end=$(now)
server_pid=
stop=$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')
stream_state=$(kill -0 "$stream_pid" 2>/dev/null && echo "still open" || echo "closed")
printf 'stop with a stream open: %.2f s (target: a few seconds; %s); the client saw its stream %s\n' "$stop" \
    "$(verdict "$stop" 5)" "$stream_state"
