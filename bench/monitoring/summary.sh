#!/usr/bin/env bash
# The dashboard's summary over a month of 1,000,000 ledger rows (issue 6: must answer in under
# 300 ms). Generates the month into a temporary SQLite file once (rows, then their roll-ups,
# which the server writes as it goes), then times GET /api/admin/summary's work — the first call
# in a fresh JVM on a freshly opened database ("cold"), then warm calls — in several fresh JVMs,
# alternating with the reference path that reads every raw row. Writes bench/results/monitoring.md.
# (What the roll-ups cost each request is in the gateway benchmark, bench/gateway/run.sh.)
#
# Usage: bench/monitoring/summary.sh [jvm-runs=5] [warm-calls=15] [rows=1000000]
#        REGENERATE=1 to rebuild the month; STUDENTS / ONLINE to change who asks (default 500 / 100 an hour)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
RUNS="${1:-5}"
WARM="${2:-15}"
ROWS="${3:-1000000}"
STUDENTS="${STUDENTS:-500}"
ONLINE="${ONLINE:-100}"
DATA="${BENCH_DIR:-$(mktemp -d -t tutorgate-monitoring-XXXX)}"
DB="$DATA/month-$ROWS-$STUDENTS-$ONLINE.db"
OUT="bench/results/monitoring.md"

source bench/classpath.sh
run() {
  "$JAVA" --enable-native-access=ALL-UNNAMED -Xmx1g -cp "$CP" -Dlogback.configurationFile=bench/logback-quiet.xml \
      dev.tutorgate.monitoring.MonitoringSummaryBench "$@"
}

LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
if [ "${REGENERATE:-0}" = 1 ] || [ ! -f "$DB" ]; then
  GENERATED="$(run generate "$DB" "$ROWS" "$STUDENTS" "$ONLINE")"
else
  GENERATED="reused from an earlier run; $(run counts "$DB")"
fi
echo "$GENERATED" >&2

ROLLUPS=()
RAW=()
for i in $(seq 1 "$RUNS"); do
  ROLLUPS+=("$(run summary "$DB" "$WARM" | grep '^RESULT')")
  if [ "$i" -le 2 ]; then
    RAW+=("$(run summary "$DB" 2 raw | grep '^RESULT')")
  fi
done
LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"

field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$2"; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
col() { local name="$1"; shift; for r in "$@"; do field "$name" "$r"; done | median; }

{
  echo "# Monitoring: the summary of a 1,000,000-row month"
  echo
  echo "Run: \`bench/monitoring/summary.sh $RUNS $WARM $ROWS\` on $(date -u +%Y-%m-%d), commit $(git rev-parse --short HEAD)."
  echo "Machine: $(nproc) cores, $(free -h | awk '/^Mem:/ {print $2}') RAM, $(df -T "$DATA" | awk 'NR==2 {print $2}') disk;"\
       "$("$JAVA" -version 2>&1 | head -1); SQLite $(unzip -p "$(tr ':' '\n' < target/bench-classpath.txt | grep sqlite-jdbc)" META-INF/maven/org.xerial/sqlite-jdbc/pom.properties 2>/dev/null | sed -n 's/^version=//p')."
  echo "Load average before / after: $LOAD_BEFORE / $LOAD_AFTER — the 2 cores are shared with other sessions, so wall"
  echo "times are inflated by waiting for a core; the thread CPU time is what the summary itself costs."
  echo
  echo "The month: $(paste -sd";" <<<"$GENERATED" | sed "s/;/; /g")."
  echo "$STUDENTS students, $ONLINE of them asking in any hour; busier by day; 60/30/10 simple/medium/complex;"
  echo "3% retried, 1.5% fallbacks, 2% refused, 1% offline answers; TTFT log-normal around 600 ms."
  echo
  echo "The summary is everything \`GET /api/admin/summary?period=month\` computes: every figure, exact"
  echo "nearest-rank TTFT and latency percentiles, spend by model / complexity / student, today / week /"
  echo "month budget use, a daily series with per-day percentiles, signals and advice."
  echo
  echo "| path | runs | first call wall (median) | first call CPU | warm wall (median) | warm CPU (median) | warm wall (best) | today, warm wall |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|"
  printf "| roll-ups + ledger edges (what the server does) | %d JVMs × %d calls | %s ms | %s ms | %s ms | %s ms | %s ms | %s ms |\n" \
    "$RUNS" "$WARM" "$(col coldWall "${ROLLUPS[@]}")" "$(col coldCpu "${ROLLUPS[@]}")" "$(col warmWall "${ROLLUPS[@]}")" \
    "$(col warmCpu "${ROLLUPS[@]}")" "$(col warmMinWall "${ROLLUPS[@]}")" "$(col todayWall "${ROLLUPS[@]}")"
  printf "| every raw row (the reference path) | %d JVMs × 2 calls | %s ms | %s ms | %s ms | %s ms | %s ms | %s ms |\n" \
    "${#RAW[@]}" "$(col coldWall "${RAW[@]}")" "$(col coldCpu "${RAW[@]}")" "$(col warmWall "${RAW[@]}")" \
    "$(col warmCpu "${RAW[@]}")" "$(col warmMinWall "${RAW[@]}")" "$(col todayWall "${RAW[@]}")"
  echo
  echo "Same answer both ways: $(field requests "${ROLLUPS[0]}") requests, $(field cost "${ROLLUPS[0]}"), TTFT p95 $(field ttftP95 "${ROLLUPS[0]}") ms,"
  echo "latency p95 $(field latencyP95 "${ROLLUPS[0]}") ms, $(field active "${ROLLUPS[0]}") active students (raw: $(field requests "${RAW[0]}") requests, $(field cost "${RAW[0]}"), $(field ttftP95 "${RAW[0]}") ms)."
  echo
  echo "Raw lines:"
  echo
  echo '```'
  printf '%s\n' "${ROLLUPS[@]}" "${RAW[@]}"
  echo '```'
} > "$OUT.tmp"
mv "$OUT.tmp" "$OUT"
cat "$OUT"
