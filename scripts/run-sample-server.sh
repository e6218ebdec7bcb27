#!/usr/bin/env bash
# Builds and starts the sample MCP server (default http://localhost:9003), passing all
# arguments through: scripts/run-sample-server.sh --port 9003 --client-id my-client
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
jar=sample-static-auth-server/target/sample-static-auth-server-0.1.0-SNAPSHOT-exec.jar
mvn -B -ntp -q -pl sample-static-auth-server -am package -DskipTests
exec java -jar "$jar" "$@"
