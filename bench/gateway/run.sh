#!/usr/bin/env bash
# The gateway benchmark of issue 2: throughput and added latency of tutorgate in front of the
# emulator, against the emulator directly and against Portkey in front of the same emulator.
#
#   bench/gateway/run.sh            # writes bench/results/gateway.md, raw wrk output in bench/results/raw/
#
# Targets, all POSTing the same small OpenAI chat-completions request:
#   direct      tutorgate emulate --profile instant (no delays), the upstream of every gateway
#   tutorgate   tutorgate serve, bench/gateway/tutorgate-bench.yaml, course = bench/gateway/course-small
#   portkey     Portkey AI Gateway (Node), x-portkey-custom-host = the emulator
#   tg-course   tutorgate serve, same config, the bundled 41K-token course in every upstream prompt
# Alternating rounds (direct, tutorgate, portkey, tg-course, direct, …) with wrk at 50 connections
# (throughput) and at 1 connection (latency), then a streamed round (time to first token) with the
# emulator set to a fixed TTFT. For every run it records the CPU each process spent per request.
#
# Environment: ROUNDS (3), SECONDS_PER_RUN (10), WARM_SECONDS (60, the same for every target: tutorgate's
# throughput still rose by a fifth between 20 s and 60 s of load while its JIT compiled), TTFT_MS (100), TTFT_REQUESTS (40),
# PIN (0 = everything shares both cores; 1 = the gateway on GATEWAY_CPUS, wrk + emulator on SIDE_CPUS),
# PORTKEY_DIR (bench/.peers/portkey; installed there with npm when missing), OUT (bench/results/gateway.md).
set -euo pipefail
PIN="${PIN:-0}"
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ROUNDS="${ROUNDS:-3}"; SECS="${SECONDS_PER_RUN:-10}"; WARM="${WARM_SECONDS:-60}"
TTFT_MS="${TTFT_MS:-100}"; TTFT_REQUESTS="${TTFT_REQUESTS:-40}"
OUT="${OUT:-$ROOT/bench/results/gateway.md}"
PORTKEY_DIR="${PORTKEY_DIR:-$ROOT/bench/.peers/portkey}"
EMU_PORT=9200; TG_PORT=9201; TGC_PORT=9202; PK_PORT=8787
prepare_run gateway

# --- the processes -------------------------------------------------------------------------------
start_emulator "$JAR" "$EMU_PORT" "$RAW/emulator.log" --profile instant
start_tutorgate "$JAR" "$RAW/tutorgate" "$TG_PORT" "$EMU_PORT" "$GW/course-small"
TG="$TG_PID"; write_lua "$RAW/tutorgate.lua" "$TG_TOKEN"
start_tutorgate "$JAR" "$RAW/tg-course" "$TGC_PORT" "$EMU_PORT" ""
TGC="$TG_PID"; write_lua "$RAW/tg-course.lua" "$TG_TOKEN"
start_portkey "$PK_PORT" "$RAW/portkey.log" "$EMU_PORT" "$RAW/portkey.lua"
PK="$PK_PID"
write_lua "$RAW/direct.lua" sk-bench

TARGETS=(direct tutorgate portkey tg-course)
declare -A URL=([direct]="http://127.0.0.1:$EMU_PORT" [tutorgate]="http://127.0.0.1:$TG_PORT"
                [portkey]="http://127.0.0.1:$PK_PORT" [tg-course]="http://127.0.0.1:$TGC_PORT")
declare -A PID=([direct]="$EMU_PID" [tutorgate]="$TG" [portkey]="$PK" [tg-course]="$TGC")
for t in "${TARGETS[@]}"; do
  code=$(curl -s -o "$RAW/check-$t.json" -w '%{http_code}' "${URL[$t]}/v1/chat/completions" \
      -H 'Content-Type: application/json' $( [ "$t" = portkey ] && echo "-H x-portkey-provider:openai -H x-portkey-custom-host:http://127.0.0.1:$EMU_PORT/v1") \
      -H "Authorization: Bearer $(sed -n 's/.*Bearer \(.*\)".*/\1/p' "$RAW/$t.lua")" \
      -d "{\"model\":\"gpt-4.1-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"$QUESTION\"}]}")
  [ "$code" = 200 ] || { echo "$t answered HTTP $code: $(head -c 300 "$RAW/check-$t.json")" >&2; exit 1; }
done

# --- warm-up, then alternating rounds ----------------------------------------------------------
for t in "${TARGETS[@]}"; do
  measure warm "${URL[$t]}/v1/chat/completions" "$RAW/$t.lua" 50 "$WARM" "$RAW/warm-$t-c50.txt" "${PID[$t]}" >/dev/null
  measure warm "${URL[$t]}/v1/chat/completions" "$RAW/$t.lua" 1 5 "$RAW/warm-$t-c1.txt" "${PID[$t]}" >/dev/null
done
RESULTS="$RAW/results.txt"   # round conns target rps p50_us p99_us errors gateway_cpu_us emulator_cpu_us rss_kb
: >"$RESULTS"
for r in $(seq "$ROUNDS"); do
  for c in 50 1; do
    for t in "${TARGETS[@]}"; do
      line=$(measure "$t" "${URL[$t]}/v1/chat/completions" "$RAW/$t.lua" "$c" "$SECS" "$RAW/r$r-c$c-$t.txt" \
          "${PID[$t]}" "$EMU_PID")
      read -r _ rps p50 p99 errs gcpu ecpu <<<"$line"
      rss=$(ps -o rss= -p "${PID[$t]}" | tr -d ' ')
      if [ "$t" = direct ]; then gcpu=-; rss=-; fi
      echo "$r $c $t $rps $p50 $p99 $errs $gcpu $ecpu $rss" | tee -a "$RESULTS" >&2
    done
  done
done

# --- streamed: time to first token --------------------------------------------------------------
curl -s -X PUT "http://127.0.0.1:$EMU_PORT/_emulator/settings" -H 'Content-Type: application/json' \
    -d "{\"ttftMs\": $TTFT_MS, \"tokensPerSecond\": 1000, \"answerTokens\": 50}" >"$RAW/stream-settings.json"
TTFT_TARGETS=(
  "direct|http://127.0.0.1:$EMU_PORT/v1/chat/completions|Authorization: Bearer sk-bench"
  "tutorgate|http://127.0.0.1:$TG_PORT/v1/chat/completions|Authorization: Bearer $(sed -n 's/.*Bearer \(.*\)".*/\1/p' "$RAW/tutorgate.lua")"
  "portkey|http://127.0.0.1:$PK_PORT/v1/chat/completions|Authorization: Bearer sk-bench|x-portkey-provider: openai|x-portkey-custom-host: http://127.0.0.1:$EMU_PORT/v1"
)
for t in direct tutorgate portkey; do   # warm the streamed path of each target
  sed 's/"messages"/"stream":true,"messages"/' "$RAW/$t.lua" >"$RAW/$t-stream.lua"
  measure warm "${URL[$t]}/v1/chat/completions" "$RAW/$t-stream.lua" 20 10 "$RAW/warm-$t-stream.txt" "${PID[$t]}" >/dev/null
done
pinned "$SIDE_CPUS"
"${PINNED[@]}" "$JAVA" "$GW/Ttft.java" "$ROUNDS" "$TTFT_REQUESTS" "${TTFT_TARGETS[@]}" >"$RAW/ttft.txt"
cat "$RAW/ttft.txt" >&2
PEAK_TG=$(awk '/VmHWM/ {print $2}' "/proc/$TG/status"); PEAK_TGC=$(awk '/VmHWM/ {print $2}' "/proc/$TGC/status")
PEAK_PK=$(awk '/VmHWM/ {print $2}' "/proc/$PK/status")
LEDGER_ROWS=$(sqlite3 "$RAW/tutorgate/data/tutorgate.db" 'SELECT count(*) FROM ledger' 2>/dev/null || echo "?")
LOG_LINES=$(wc -l <"$RAW/tutorgate/data/chat.log" 2>/dev/null || echo "?")
stop_started
LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"

# --- the report ---------------------------------------------------------------------------------
col() { awk -v c="$1" -v t="$2" -v k="$3" '$2 == c && $3 == t {print $k}' "$RESULTS" | grep -v '^-$' | median; }
ttft() { awk -v t="$1" '$1 == t {print $3}' "$RAW/ttft.txt" | median; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (b + 0 == 0 || a == "-" || b == "-") print "-"; else if (a / b < 1) printf "%.3f", a / b; else printf "%.1f", a / b}'; }
ms() { awk -v u="$1" 'BEGIN {if (u == "-") print "-"; else printf "%.2f", u / 1000}'; }
PKV=$(node -p "require('$PORTKEY_DIR/node_modules/@portkey-ai/gateway/package.json').version")
HONO=$(node -p "require('$PORTKEY_DIR/node_modules/@hono/node-server/package.json').version")
{
  echo "# Gateway benchmark: tutorgate vs Portkey vs the emulator directly"
  echo
  echo "Generated by \`bench/gateway/run.sh\` (ROUNDS=$ROUNDS SECONDS_PER_RUN=$SECS WARM_SECONDS=$WARM PIN=$PIN"
  echo "TTFT_MS=$TTFT_MS TTFT_REQUESTS=$TTFT_REQUESTS). Raw wrk output: \`${RAW#$ROOT/}\` (not committed)."
  echo
  echo "## Machine and versions"
  machine_info
  echo "- Portkey AI Gateway $PKV (npm \`@portkey-ai/gateway\`, \`@hono/node-server\` $HONO), started with \`--headless\`"
  echo "- load average before: $LOAD_BEFORE; after: $LOAD_AFTER (the machine is shared with other work)"
  if [ "$PIN" = 1 ]; then
    echo "- pinning: each gateway on CPU $GATEWAY_CPUS (\`taskset -c $GATEWAY_CPUS\`), wrk and the emulator on CPU $SIDE_CPUS"
  else
    echo "- no pinning: wrk, the emulator and the gateways share both cores"
  fi
  echo
  echo "## Commands"
  echo '```'
  echo "tutorgate emulate --profile instant --port $EMU_PORT"
  echo "tutorgate students add bench --config bench/gateway/tutorgate-bench.yaml      # in each server's folder"
  echo "TUTORGATE_COURSE_PATH=bench/gateway/course-small tutorgate serve --config bench/gateway/tutorgate-bench.yaml   # tutorgate :$TG_PORT"
  echo "tutorgate serve --config bench/gateway/tutorgate-bench.yaml   # tg-course :$TGC_PORT (bundled course)"
  echo "node node_modules/@portkey-ai/gateway/build/start-server.js --headless --port=$PK_PORT"
  echo "wrk -t2 -c50 -d${SECS}s --latency -s TARGET.lua URL/v1/chat/completions   # throughput"
  echo "wrk -t1 -c1 -d${SECS}s --latency -s TARGET.lua URL/v1/chat/completions    # latency"
  echo "java bench/gateway/Ttft.java $ROUNDS $TTFT_REQUESTS direct|… tutorgate|… portkey|…   # streamed, emulator ttftMs=$TTFT_MS"
  echo '```'
  echo "Request body (every target): \`{\"model\":\"gpt-4.1-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"$QUESTION\"}]}\`"
  echo
  for c in 50 1; do
    echo "## $([ $c = 50 ] && echo 'Throughput, 50 connections' || echo 'Latency, 1 connection') (every round)"
    echo
    echo "| round | target | req/s | p50 ms | p99 ms | errors | gateway CPU µs/req | emulator CPU µs/req | gateway RSS MB |"
    echo "|---:|---|---:|---:|---:|---:|---:|---:|---:|"
    awk -v c=$c '$2 == c {printf "| %s | %s | %s | %.2f | %.2f | %s | %s | %s | %s |\n", $1, $3, $4, $5 / 1000, $6 / 1000, $7, $8, $9, ($10 == "-" ? "-" : int($10 / 1024))}' "$RESULTS"
    echo
  done
  echo "## Medians of the rounds"
  echo
  echo "| target | req/s at 50 | p50 ms at 50 | p50 ms at 1 | p99 ms at 1 | added p50 at 1 (vs direct) | gateway CPU µs/req at 50 | emulator CPU µs/req at 50 |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|"
  D1=$(col 1 direct 5)
  for t in "${TARGETS[@]}"; do
    p1=$(col 1 "$t" 5)
    added=$([ "$t" = direct ] && echo "-" || echo "$(( p1 - D1 )) µs")
    echo "| $t | $(col 50 "$t" 4) | $(ms "$(col 50 "$t" 5)") | $(ms "$p1") | $(ms "$(col 1 "$t" 6)") | $added | $(col 50 "$t" 8) | $(col 50 "$t" 9) |"
  done
  echo
  echo "## Ratios"
  echo
  echo "- **tutorgate / Portkey requests per second at 50 connections: $(ratio "$(col 50 tutorgate 4)" "$(col 50 portkey 4)")×** (target ≥ 10×)"
  echo "- tutorgate with the bundled 41K-token course / Portkey: $(ratio "$(col 50 tg-course 4)" "$(col 50 portkey 4)")×"
  echo "- **added p50 at 1 connection: tutorgate $(( $(col 1 tutorgate 5) - D1 )) µs** (target < 1000 µs), Portkey $(( $(col 1 portkey 5) - D1 )) µs, tg-course $(( $(col 1 tg-course 5) - D1 )) µs"
  echo "- gateway CPU per request at 50 connections: Portkey / tutorgate = $(ratio "$(col 50 portkey 8)" "$(col 50 tutorgate 8)")×"
  echo "- tutorgate / direct requests per second at 50 connections: $(ratio "$(col 50 tutorgate 4)" "$(col 50 direct 4)")×; Portkey / direct: $(ratio "$(col 50 portkey 4)" "$(col 50 direct 4)")×"
  echo
  echo "## Streamed: time to first token (emulator ttftMs=$TTFT_MS, 1000 tokens/s, 50 tokens; $TTFT_REQUESTS sequential requests per target and round)"
  echo
  echo "| round | target | median TTFT ms | p90 ms | min ms |"
  echo "|---:|---|---:|---:|---:|"
  awk '{printf "| %s | %s | %.2f | %.2f | %.2f |\n", $2, $1, $3 / 1000, $4 / 1000, $5 / 1000}' "$RAW/ttft.txt"
  echo
  TD=$(ttft direct)
  echo "Medians: direct $(ms "$TD") ms; tutorgate $(ms "$(ttft tutorgate)") ms (adds $(( $(ttft tutorgate) - TD )) µs); Portkey $(ms "$(ttft portkey)") ms (adds $(( $(ttft portkey) - TD )) µs)."
  echo
  echo "## Memory"
  echo
  echo "- resident set size after each 50-connection run: see the tables; peak (VmHWM) over the whole run: tutorgate $(( PEAK_TG / 1024 )) MB, tg-course $(( PEAK_TGC / 1024 )) MB, Portkey $(( PEAK_PK / 1024 )) MB"
  echo "- tutorgate and the emulator start through \`bin/tutorgate\` (its default: the parallel collector); TUTORGATE_JAVA_OPTS: \`${TUTORGATE_JAVA_OPTS:-none}\`"
  echo
  echo "## Durability check"
  echo
  echo "- tutorgate (small course) ledger rows at the end: $LEDGER_ROWS; request-log lines: $LOG_LINES (one per ledger row)"
} >"$OUT"
echo "wrote $OUT" >&2
