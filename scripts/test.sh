#!/usr/bin/env bash
# The whole test suite, from a fresh clone: installs what is missing (scripts/setup.sh), runs
# every module's tests with Maven (the real sample server, headless Chromium, a real Secret
# Service), checks that the build also passes on the machine's second JDK (Temurin 25), then
# runs the MCP conformance suite: every client auth scenario against the sample client, and the
# authorization-server scenarios against the sample server (scripts/conformance.sh; the
# scenarios listed in scripts/conformance-known-failures.txt may fail).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export CI="${CI:-false}"

bash scripts/setup.sh

# the Maven wrapper fetches Maven 3.9.11 from Maven Central once; should that fail, the machine's Maven
mvn=./mvnw
if ! ./mvnw -B -q -v >/dev/null 2>&1; then
  echo "test: the Maven wrapper could not fetch Maven; using $(command -v mvn)" >&2
  mvn=mvn
fi

jdk25=$(ls -d /usr/lib/jvm/temurin-25* 2>/dev/null | head -n 1 || true)
if [ -n "$jdk25" ]; then
  echo "== Maven: compile and package on $(basename "$jdk25") (Java 17 bytecode)"
  JAVA_HOME="$jdk25" "$mvn" -B -ntp -q clean package -DskipTests
elif [ "$CI" = "true" ]; then
  echo "test: the Temurin 25 JDK is missing under /usr/lib/jvm" >&2; exit 1
fi

echo "== Maven: build and test (JDK 17)"
"$mvn" -B -ntp clean install

echo "== MCP conformance suite (client auth scenarios, authorization-server scenarios)"
bash scripts/conformance.sh
