#!/usr/bin/env bash
# Course benchmark: load + count + index of a 350K-token course, and offline answer latency.
# Usage: bench/course/run.sh [TOKENS] [LOAD_ROUNDS] [ANSWERS]   (from anywhere; defaults 350000 5 20000)
set -euo pipefail
cd "$(dirname "$0")/../.."
JAVA="${JAVA:-$(ls -d /usr/lib/jvm/temurin-2*-jdk-amd64/bin/java 2>/dev/null | sort -V | tail -1)}"
mvn -q -B -o test-compile
mvn -q -B -o dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
CP="target/classes:target/test-classes:$(cat target/bench-classpath.txt)"
exec "$JAVA" -Xmx1g -cp "$CP" bench/course/CourseBench.java "$@"
