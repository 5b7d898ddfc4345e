#!/usr/bin/env bash
# Course benchmark: load + count + index of a 350K-token course, and offline answer latency.
# Usage: bench/course/run.sh [TOKENS] [LOAD_ROUNDS] [ANSWERS]   (from anywhere; defaults 350000 5 20000)
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/classpath.sh
exec "$JAVA" -Xmx1g -cp "$CP" bench/course/CourseBench.java "$@"
