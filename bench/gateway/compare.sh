#!/usr/bin/env bash
# Compares two builds of tutorgate in one run: both serve at once in front of one emulator
# (--profile instant), and wrk alternates between them (A B A B …) at 50 connections and at 1.
# For an optimisation's before/after: copy target/tutorgate.jar aside before the change, rebuild,
# then   bench/gateway/compare.sh /tmp/before.jar target/tutorgate.jar
# Environment: ROUNDS (3), SECONDS_PER_RUN (10), COURSE (empty = the small bench course;
# "bundled" = the bundled 41K-token course), PIN (1), GATEWAY_CPUS (1), SIDE_CPUS (0), WARM_SECONDS (60),
# JAVA_OPTS_A / JAVA_OPTS_B (TUTORGATE_JAVA_OPTS of each; to compare JVM options, pass one jar twice).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
[ $# -eq 2 ] || { echo "usage: $0 BEFORE.jar AFTER.jar" >&2; exit 2; }
JARS=("$(realpath "$1")" "$(realpath "$2")")
ROUNDS="${ROUNDS:-3}"; SECS="${SECONDS_PER_RUN:-10}"
COURSE_PATH="$GW/course-small"; [ "${COURSE:-}" = bundled ] && COURSE_PATH=""
WORK="$(mktemp -d)"
trap 'stop_started; rm -rf "$WORK"' EXIT

start_emulator "${JARS[0]}" 9210 "$WORK/emulator.log" --profile instant
PIDS=(); URLS=(); LUAS=()
OPTS=("${JAVA_OPTS_A:-${TUTORGATE_JAVA_OPTS:-}}" "${JAVA_OPTS_B:-${TUTORGATE_JAVA_OPTS:-}}")
for i in 0 1; do
  TUTORGATE_JAVA_OPTS="${OPTS[$i]}" start_tutorgate "${JARS[$i]}" "$WORK/tg$i" $((9211 + i)) 9210 "$COURSE_PATH"
  PIDS+=("$TG_PID"); URLS+=("http://127.0.0.1:$((9211 + i))/v1/chat/completions")
  write_lua "$WORK/tg$i.lua" "$TG_TOKEN"; LUAS+=("$WORK/tg$i.lua")
done
echo "# compare: A=${JARS[0]} B=${JARS[1]}; load $(cut -d' ' -f1-3 /proc/loadavg)"
for i in 0 1; do
  measure warm "${URLS[$i]}" "${LUAS[$i]}" 50 "${WARM_SECONDS:-60}" "$WORK/warm" "${PIDS[$i]}" >/dev/null
  measure warm "${URLS[$i]}" "${LUAS[$i]}" 1 3 "$WORK/warm" "${PIDS[$i]}" >/dev/null
done
echo "# label rps p50_us p99_us errors gateway_cpu_us/req emulator_cpu_us/req"
for r in $(seq "$ROUNDS"); do
  for c in 50 1; do
    for i in 0 1; do
      name=$([ "$i" = 0 ] && echo A || echo B)
      measure "$name-c$c" "${URLS[$i]}" "${LUAS[$i]}" "$c" "$SECS" "$WORK/out" "${PIDS[$i]}" "$EMU_PID" | tee -a "$WORK/results"
    done
  done
done
echo "# medians: label rps p50_us gateway_cpu_us/req"
for l in A-c50 B-c50 A-c1 B-c1; do
  echo "$l $(awk -v l=$l '$1 == l {print $2}' "$WORK/results" | median) $(awk -v l=$l '$1 == l {print $3}' "$WORK/results" | median) $(awk -v l=$l '$1 == l {print $6}' "$WORK/results" | median)"
done
echo "# load $(cut -d' ' -f1-3 /proc/loadavg)"
