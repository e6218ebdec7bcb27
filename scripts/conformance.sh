#!/usr/bin/env bash
# Runs the MCP conformance suite that scripts/setup.sh installs (.tools/conformance) against
# this project:
#  1. every client auth/... scenario, one at a time, against the sample client's `conformance`
#     command (each scenario at the protocol revision the suite picks for it);
#  2. the authorization-server scenarios against the sample server, started here on a free
#     port; the suite prints an authorization URL and waits, so this script logs in on the
#     sample server's login page itself (curl with a cookie jar) and follows the redirect back
#     to the suite's callback listener.
# A scenario that fails and is listed in scripts/conformance-known-failures.txt is reported as a
# known failure; any other failure makes the script exit 1, and a listed scenario that passes is
# reported loudly so that the list can shrink. Each scenario's output is kept in
# target/conformance/.
#
# Usage: scripts/conformance.sh [SCENARIO...]   (default: all of them; "authorization-server"
#        names part 2)
# Needs: Node 22 and the suite in .tools/conformance (scripts/setup.sh), and the built jars
# (mvn package), plus curl.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
tools="$root/.tools/conformance"
node="$tools/node_modules/.bin/node"
suite="$tools/node_modules/@modelcontextprotocol/conformance/dist/index.js"
client_jar="$root/sample-client-app/target/sample-client-app.jar"
server_jar=$(ls "$root"/sample-static-auth-server/target/sample-static-auth-server-*-exec.jar 2>/dev/null | head -n 1)
known_failures_file="$root/scripts/conformance-known-failures.txt"
out="$root/target/conformance"
[ -x "$node" ] || { echo "conformance: Node 22 missing; run scripts/setup.sh" >&2; exit 2; }
[ -f "$client_jar" ] || { echo "conformance: $client_jar missing; run mvn package first" >&2; exit 2; }
[ -n "$server_jar" ] || { echo "conformance: the sample server jar is missing; run mvn package first" >&2; exit 2; }
command -v curl >/dev/null 2>&1 || { echo "conformance: curl missing" >&2; exit 2; }
rm -rf "$out" && mkdir -p "$out"
version=$("$node" -p 'require(process.argv[1]).version' "$tools/node_modules/@modelcontextprotocol/conformance/package.json")
started=$SECONDS

# scenario -> reason, from the checked-in list ("scenario  reason", # comments)
declare -A known=()
if [ -f "$known_failures_file" ]; then
  while read -r name reason; do
    [ -z "$name" ] || [ "${name:0:1}" = "#" ] || known[$name]="$reason"
  done < "$known_failures_file"
fi

suite_list=$("$node" "$suite" list 2>/dev/null)
mapfile -t listed < <(printf '%s\n' "$suite_list" | sed -n 's/^ *- \(auth\/[^ ]*\).*/\1/p')
mapfile -t as_scenarios < <(printf '%s\n' "$suite_list" | sed -n '/^Authorization server scenarios/,/^$/s/^ *- \([^ ]*\).*/\1/p')
[ "${#listed[@]}" -gt 0 ] || { echo "conformance: the suite lists no auth scenarios" >&2; exit 2; }
for name in "${!known[@]}"; do
  printf '%s\n' "${listed[@]}" "${as_scenarios[@]/#/authorization-server/}" | grep -qx "$name" \
    || echo "conformance: WARNING: $known_failures_file names '$name', which suite $version does not have"
done
if [ "$#" -gt 0 ]; then selected=("$@"); else selected=("${listed[@]}" authorization-server); fi

passed=0; failed=0; known_failed=0; unexpected=(); fixed=()

# Records one result: record NAME LOG PASSED(0|1) [DETAILS]
record() {
  local name=$1 log=$2 ok=$3
  if [ "$ok" -eq 1 ]; then
    passed=$((passed + 1))
    if [ -n "${known[$name]+x}" ]; then
      fixed+=("$name"); echo "PASS $name   <<< listed as a known failure: remove it from scripts/conformance-known-failures.txt"
    else
      echo "PASS $name"
    fi
  else
    failed=$((failed + 1))
    if [ -n "${known[$name]+x}" ]; then
      known_failed=$((known_failed + 1)); echo "FAIL $name (known: ${known[$name]})"
    else
      unexpected+=("$name"); echo "FAIL $name (see $log)"
      grep -E "FAILURE|WARNING|Error:|Client exited|timed out" "$log" | head -n 8 | sed 's/^/    /'
      [ -z "${4:-}" ] || printf '%s\n' "$4" | sed 's/^/    /'
    fi
  fi
}

run_client_scenario() {
  local scenario=$1 log="$out/${1//\//_}.log"
  if "$node" "$suite" client --command "exec java -jar $client_jar conformance" --scenario "$scenario" \
      >"$log" 2>&1 && grep -q "OVERALL: PASSED" "$log"; then
    record "$scenario" "$log" 1
  else
    record "$scenario" "$log" 0
  fi
}

free_port() {
  "$node" -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

# Follows one redirect: prints the Location of a GET (with the cookie jar).
redirect_of() {
  curl -sS -o /dev/null -b "$jar" -c "$jar" -w '%{redirect_url}' "$1"
}

# Logs in as demo/demo on the sample server's form for an authorization URL and delivers the
# authorization response to the suite's callback listener.
login_and_callback() {
  local authorize_url=$1 base=$2 login_url csrf continue_url callback
  login_url=$(redirect_of "$authorize_url") || return 1
  [ "${login_url%/login}" != "$login_url" ] || { echo "login: /authorize did not lead to /login but to '$login_url'"; return 1; }
  csrf=$(curl -sS -b "$jar" -c "$jar" "$login_url" | sed -n 's/.*name="_csrf"[^>]*value="\([^"]*\)".*/\1/p' | head -n 1)
  [ -n "$csrf" ] || { echo "login: no CSRF token on the login page"; return 1; }
  continue_url=$(curl -sS -o /dev/null -b "$jar" -c "$jar" -w '%{redirect_url}' --data-urlencode "username=demo" \
    --data-urlencode "password=demo" --data-urlencode "_csrf=$csrf" "$login_url") || return 1
  case "$continue_url" in "$base"/authorize*) ;; *) echo "login: the form login led to '$continue_url'"; return 1 ;; esac
  callback=$(redirect_of "$continue_url") || return 1
  case "$callback" in http://127.0.0.1:*/callback\?*) ;; *) echo "login: /authorize redirected to '$callback'"; return 1 ;; esac
  echo "login: authorization response $(printf '%s' "$callback" | sed 's/code=[^&]*/code=.../')"
  curl -sS -o /dev/null "$callback"
}

run_authorization_server_scenarios() {
  local name=authorization-server log="$out/authorization-server.log" port callback_port base server_pid suite_pid url=""
  port=$(free_port); callback_port=$(free_port); base="http://127.0.0.1:$port"
  jar="$out/authorization-server.cookies"
  java -jar "$server_jar" --port="$port" >"$out/authorization-server.sample-server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 120); do
    curl -sf -o /dev/null "$base/.well-known/oauth-authorization-server" && break
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.5
  done
  if ! curl -sf -o /dev/null "$base/.well-known/oauth-authorization-server"; then
    echo "the sample server did not start; see $out/authorization-server.sample-server.log" >"$log"
    kill "$server_pid" 2>/dev/null; record "$name" "$log" 0; return
  fi
  "$node" "$suite" authorization --url "$base" --client-id static-mcp-client-001 \
    --client-secret your-secret-key-change-this-in-production --resource "$base/mcp" --port "$callback_port" \
    -o "$out/authorization-server" >"$log" 2>&1 &
  suite_pid=$!
  for _ in $(seq 1 120); do
    url=$(grep -m 1 -o "^$base/authorize?[^ ]*" "$log")
    [ -n "$url" ] || ! kill -0 "$suite_pid" 2>/dev/null && break
    sleep 0.5
  done
  if [ -n "$url" ]; then
    login_and_callback "$url" "$base" >>"$out/authorization-server.login.log" 2>&1 \
      || { cat "$out/authorization-server.login.log" >>"$log"; kill "$suite_pid" 2>/dev/null; }
  else
    kill "$suite_pid" 2>/dev/null
  fi
  wait "$suite_pid"
  kill "$server_pid" 2>/dev/null
  # one result per scenario, from its checks.json: no FAILURE, no WARNING, at least one SUCCESS
  local scenario checks problems
  for scenario in "${as_scenarios[@]}"; do
    checks=$(ls "$out"/authorization-server/authorization-server-"$scenario"-*/checks.json 2>/dev/null | head -n 1)
    if [ -z "$checks" ]; then
      record "authorization-server/$scenario" "$log" 0 "no result (checks.json) for this scenario"
    elif problems=$("$node" -e 'const c = require(process.argv[1]);
        const bad = c.filter((x) => x.status === "FAILURE" || x.status === "WARNING");
        bad.forEach((x) => console.log(x.status + " " + x.id + ": " + (x.errorMessage || x.description)));
        process.exit(bad.length > 0 || !c.some((x) => x.status === "SUCCESS") ? 1 : 0)' "$checks"); then
      record "authorization-server/$scenario" "$log" 1
    else
      record "authorization-server/$scenario" "$log" 0 "$problems"
    fi
  done
}

echo "conformance: suite $version"
for scenario in "${selected[@]}"; do
  if [ "$scenario" = "authorization-server" ]; then
    run_authorization_server_scenarios
  else
    run_client_scenario "$scenario"
  fi
done

elapsed=$((SECONDS - started))
echo "conformance: $passed passed, $failed failed ($known_failed known failures, ${#unexpected[@]} unexpected) in $((elapsed / 60)) min $((elapsed % 60)) s"
if [ "${#fixed[@]}" -gt 0 ]; then
  echo "conformance: !!! ${#fixed[@]} scenario(s) listed as known failures now PASS: ${fixed[*]}"
  echo "conformance: !!! remove them from scripts/conformance-known-failures.txt"
fi
if [ "${#unexpected[@]}" -gt 0 ]; then
  echo "conformance: unexpected failures: ${unexpected[*]}"
  exit 1
fi
