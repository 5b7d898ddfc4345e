#!/usr/bin/env bash
# Throughput of tutorgate's write path: N concurrent virtual threads recording ledger rows through
# JdbcLedger -> Database.write (group commit) into a real SQLite file, against one transaction per
# write. Writes bench/results/ledger.md. Usage: bench/ledger.sh [seconds-per-run] [rounds]
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
SECONDS_PER_RUN="${1:-3}"
ROUNDS="${2:-3}"
OUT="bench/results/ledger.md"
source bench/classpath.sh

{
  echo "# Ledger write throughput"
  echo
  echo "Run: \`bench/ledger.sh $SECONDS_PER_RUN $ROUNDS\` on $(date -u +%Y-%m-%d), commit $(git rev-parse --short HEAD)."
  echo "Machine: $(nproc) cores (shared with other work: the figures are noisy, read the ratios),"\
       "$(free -h | awk '/^Mem:/ {print $2}') RAM, $(df -T target | awk 'NR==2 {print $2}') disk;"\
       "$("$JAVA" -version 2>&1 | head -1)."
  echo "Load average when the run began: $(cut -d' ' -f1-3 /proc/loadavg) (other sessions share the machine)."
  echo "SQLite WAL, synchronous=NORMAL; each row is one JdbcLedger.record (INSERT of 27 columns + one JSON line"
  echo "appended to the request log); a call returns only after its row is committed."
  echo
  taskset -c 0,1 "$JAVA" --enable-native-access=ALL-UNNAMED -Xmx512m -cp "$CP" \
      -Dlogback.configurationFile=bench/logback-quiet.xml \
      dev.tutorgate.ledger.LedgerWriteBench target/bench-ledger "$SECONDS_PER_RUN" "$ROUNDS"
  echo
  echo "Load average when the run ended: $(cut -d' ' -f1-3 /proc/loadavg)."
} > "$OUT.tmp"
mv "$OUT.tmp" "$OUT"
cat "$OUT"
