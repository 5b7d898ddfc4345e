#!/usr/bin/env bash
# Requests per second of `tutorgate emulate --profile instant` itself (no gateway in front), with wrk.
# Usage: bench/emulator/throughput.sh [JAR...]   (default: target/tutorgate.jar)
# Several jars are measured alternately (A B A B …) so that they can be compared in one run.
# Environment: ROUNDS (2), SECONDS_PER_RUN (10), CONNECTIONS (50), PORT (9171).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
JAVA="${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"
ROUNDS="${ROUNDS:-2}"; SECS="${SECONDS_PER_RUN:-10}"; CONN="${CONNECTIONS:-50}"; PORT="${PORT:-9171}"
JARS=("$@"); [ ${#JARS[@]} -gt 0 ] || JARS=("$ROOT/target/tutorgate.jar")
LUA="$(mktemp -d)"
trap 'rm -rf "$LUA"' EXIT
body='{"model":"gpt-4.1-mini","messages":[{"role":"system","content":"You are a tutor."},{"role":"user","content":"What is a virtual environment?"}]'
printf 'wrk.method="POST"\nwrk.headers["Content-Type"]="application/json"\nwrk.headers["Authorization"]="Bearer sk-bench"\nwrk.body=%s\n' "'$body}'" > "$LUA/plain.lua"
printf 'wrk.method="POST"\nwrk.headers["Content-Type"]="application/json"\nwrk.headers["Authorization"]="Bearer sk-bench"\nwrk.body=%s\n' "'$body,\"stream\":true,\"stream_options\":{\"include_usage\":true}}'" > "$LUA/stream.lua"

echo "# $(date -u +%FT%TZ) nproc=$(nproc) load=$(cut -d' ' -f1-3 /proc/loadavg) wrk -t2 -c$CONN -d${SECS}s, 200-token answers"
for round in $(seq "$ROUNDS"); do
  for jar in "${JARS[@]}"; do
    "$JAVA" -jar "$jar" emulate --profile instant --port "$PORT" >/dev/null 2>&1 &
    pid=$!
    for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/_emulator" >/dev/null && break; sleep 0.2; done
    wrk -t2 -c"$CONN" -d5s -s "$LUA/plain.lua" "http://127.0.0.1:$PORT/v1/chat/completions" >/dev/null   # warm-up
    plain=$(wrk -t2 -c"$CONN" -d"${SECS}s" -s "$LUA/plain.lua" "http://127.0.0.1:$PORT/v1/chat/completions" | awk '/Requests\/sec/{print $2}')
    stream=$(wrk -t2 -c"$CONN" -d"${SECS}s" -s "$LUA/stream.lua" "http://127.0.0.1:$PORT/v1/chat/completions" | awk '/Requests\/sec/{print $2}')
    echo "round=$round jar=$(basename "$jar") plain_rps=$plain stream_rps=$stream"
    kill "$pid"; wait "$pid" 2>/dev/null || true
  done
done
