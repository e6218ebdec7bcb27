#!/bin/sh
# Prints what the local token stores cost (memory, encrypted file with a password, encrypted
# file with a key file) and the one-off PBKDF2 key derivation.
# Usage: scripts/storage-benchmark.sh [store directory, default target/storage-benchmark]
set -eu
cd "$(dirname "$0")/../mcp-oauth-autoconfigure"
mvn -q -B test-compile dependency:build-classpath \
	-Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
exec java -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
	io.github.mcpoauth.store.TokenStoreBenchmark "$@"
