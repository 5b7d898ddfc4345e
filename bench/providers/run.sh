#!/usr/bin/env bash
# Measures the provider clients with JMH: ./bench/providers/run.sh [JMH options and benchmark regex]
#   e.g. ./bench/providers/run.sh -prof gc ProviderBench.decodeStream   (default: all of ProviderBench)
# Compiles against target/classes (run `mvn -q -B -o compile` first); JMH comes from ~/.m2.
set -euo pipefail
cd "$(dirname "$0")/../.."
JDK=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
M2=${M2_REPO:-$HOME/.m2/repository}
JMH="$M2/org/openjdk/jmh/jmh-core/1.37/jmh-core-1.37.jar:$M2/net/sf/jopt-simple/jopt-simple/5.0.4/jopt-simple-5.0.4.jar:$M2/org/apache/commons/commons-math3/3.6.1/commons-math3-3.6.1.jar"
APT="$M2/org/openjdk/jmh/jmh-generator-annprocess/1.37/jmh-generator-annprocess-1.37.jar:$JMH"
OUT=target/bench-providers
mvn -q -B -o dependency:build-classpath -Dmdep.outputFile="$OUT.cp" >/dev/null
CP="target/classes:$(cat "$OUT.cp"):$JMH"
rm -rf "$OUT" && mkdir -p "$OUT"
"$JDK/bin/javac" -proc:full -cp "$CP" -processorpath "$APT" -d "$OUT" bench/providers/ProviderBench.java
# one fork, short iterations: the machine's 2 cores are shared
# shellcheck disable=SC2086
"$JDK/bin/java" -cp "$OUT:$CP" org.openjdk.jmh.Main ${JMH_OPTS:--f 1 -wi 3 -w 2s -i 5 -r 2s} "${@:-ProviderBench}"
