#!/usr/bin/env bash
# Runs every client auth/... scenario of the MCP conformance suite, one by one, against the
# sample client's `conformance` command. Prints a pass count; exits non-zero unless all pass.
# Needs: Node 22 and @modelcontextprotocol/conformance in .tools/conformance (scripts/setup.sh),
# and the built client jar (mvn package).
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
tools="$root/.tools/conformance"
node="$tools/node_modules/.bin/node"
suite="$tools/node_modules/@modelcontextprotocol/conformance/dist/index.js"
jar="$root/sample-client-app/target/sample-client-app.jar"
out="$root/target/conformance"
[ -x "$node" ] || { echo "conformance: Node 22 missing; run scripts/setup.sh" >&2; exit 2; }
[ -f "$jar" ] || { echo "conformance: $jar missing; run mvn package first" >&2; exit 2; }
mkdir -p "$out"
mapfile -t scenarios < <("$node" "$suite" list 2>/dev/null | sed -n 's/^ *- \(auth\/[^ ]*\).*/\1/p')
[ "${#scenarios[@]}" -gt 0 ] || { echo "conformance: no auth scenarios listed" >&2; exit 2; }
passed=0; failed=0; failures=()
for scenario in "${scenarios[@]}"; do
  log="$out/${scenario//\//_}.log"
  if "$node" "$suite" client --command "exec java -jar $jar conformance" --scenario "$scenario" >"$log" 2>&1 \
      && grep -q "OVERALL: PASSED" "$log"; then
    passed=$((passed + 1)); echo "PASS $scenario"
  else
    failed=$((failed + 1)); failures+=("$scenario"); echo "FAIL $scenario (see $log)"
    grep -E "FAILURE|WARNING|Client exited|timed out" "$log" | head -n 8 | sed 's/^/    /'
  fi
done
echo "conformance: ${#scenarios[@]} auth scenarios"
echo "conformance: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
