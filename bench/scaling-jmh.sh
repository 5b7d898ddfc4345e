#!/usr/bin/env bash
# JMH micro-benchmark of the tier monitor on the hot path (observe after every provider reply) and
# of its snapshot (status, for the dashboard), single-threaded (-t 1) and contended (-t 2: both
# cores of this machine). Extra arguments go to JMH, e.g. `bench/scaling-jmh.sh -prof gc`.
# Results are written to bench/results/scaling-jmh-t{1,2}.txt; the summary is scaling.md.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source bench/classpath.sh
PATTERN="dev.tutorgate.scaling.TierMonitorBenchmark"
ARGS=(-f 1 -wi 3 -w 2s -i 5 -r 2s -jvmArgs -Dlogback.configurationFile=bench/logback-quiet.xml)
for threads in 1 2; do
  "$JAVA" -cp "$CP" org.openjdk.jmh.Main "$PATTERN" "${ARGS[@]}" -t "$threads" "$@" \
    | tee "bench/results/scaling-jmh-t${threads}.txt"
done
