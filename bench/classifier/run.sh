#!/usr/bin/env bash
# Measures the complexity classifier with JMH: ./bench/classifier/run.sh [extra JMH options]
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/classpath.sh
OUT=target/bench-classifier
rm -rf "$OUT" && mkdir -p "$OUT"
"$(dirname "$JAVA")/javac" -proc:full -cp "$CP" -processorpath "$JMH_PROCESSOR:$CP" -d "$OUT" bench/classifier/ClassifierBench.java
# one fork, short iterations: the machine's 2 cores are shared
"$JAVA" -cp "$OUT:$CP" org.openjdk.jmh.Main -f 1 -wi 3 -w 1s -i 5 -r 1s "$@" ClassifierBench
