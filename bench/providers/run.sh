#!/usr/bin/env bash
# Measures the provider clients with JMH: ./bench/providers/run.sh [JMH options and benchmark regex]
#   e.g. ./bench/providers/run.sh -prof gc ProviderBench.decodeStream   (default: all of ProviderBench)
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/classpath.sh
OUT=target/bench-providers
rm -rf "$OUT" && mkdir -p "$OUT"
"$(dirname "$JAVA")/javac" -proc:full -cp "$CP" -processorpath "$JMH_PROCESSOR:$CP" -d "$OUT" bench/providers/ProviderBench.java
# one fork, short iterations: the machine's 2 cores are shared
# shellcheck disable=SC2086
"$JAVA" -cp "$OUT:$CP" org.openjdk.jmh.Main ${JMH_OPTS:--f 1 -wi 3 -w 2s -i 5 -r 2s} "${@:-ProviderBench}"
