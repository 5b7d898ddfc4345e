#!/usr/bin/env bash
# JMH micro-benchmarks of the protection checks on the hot path (rate limit, budget reserve/settle,
# provider throttle), single-threaded (-t 1) and contended (-t 2: both cores of this machine). Extra arguments go to JMH,
# e.g. `bench/protection-jmh.sh -f 2` or a regex: `bench/protection-jmh.sh 'budget.*'`.
# Results are written to bench/results/protection-jmh-t{1,2}.txt; the summary is protection.md.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source bench/classpath.sh
PATTERN="dev.tutorgate.budget.ProtectionBenchmark"
ARGS=(-f 1 -wi 3 -w 2s -i 5 -r 2s)
for threads in 1 2; do
  "$JAVA" -cp "$CP" org.openjdk.jmh.Main "$PATTERN" "${ARGS[@]}" -t "$threads" "$@" \
    | tee "bench/results/protection-jmh-t${threads}.txt"
done
