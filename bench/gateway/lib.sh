# Shared by bench/gateway/run.sh and compare.sh (sourced, not run): starting the processes under
# test, the wrk request scripts, and one measured wrk run with the CPU each process spent on it.
# shellcheck shell=bash

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
GW="$ROOT/bench/gateway"
JAVA="${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"
# tutorgate's processes start as users start them: through bin/tutorgate (its JVM options, the
# parallel collector), with TUTORGATE_JAR naming the jar under test. exec keeps the PID measured.
LAUNCHER="$ROOT/bin/tutorgate"
TICK="$(getconf CLK_TCK)"
QUESTION='What is a virtual environment?'
STARTED_PIDS=()

# Pinning: the gateway under test gets GATEWAY_CPUS, wrk and the emulator share SIDE_CPUS.
# PIN=0 runs everything unpinned.
PIN="${PIN:-1}"
GATEWAY_CPUS="${GATEWAY_CPUS:-1}"
SIDE_CPUS="${SIDE_CPUS:-0}"
pinned() { # pinned CPUS: sets PINNED to the command prefix that pins to CPUS (empty with PIN=0)
  PINNED=()
  [ "$PIN" = 1 ] && PINNED=(taskset -c "$1")
  return 0
}

stop_started() {
  local pid
  for pid in "${STARTED_PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${STARTED_PIDS[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  STARTED_PIDS=()
}

ensure_jar() {
  local jar="$ROOT/target/tutorgate.jar"
  if [ ! -f "$jar" ] || [ -n "$(find "$ROOT/src/main" "$ROOT/pom.xml" -newer "$jar" -print -quit)" ]; then
    echo "building the jar (mvn -o package -DskipTests)…" >&2
    (cd "$ROOT" && mvn -q -B -o -DskipTests package) >&2
  fi
}

wait_http() { # wait_http URL [seconds]
  local i
  for i in $(seq $(( ${2:-60} * 5 ))); do
    curl -s -o /dev/null "$1" && return 0
    sleep 0.2
  done
  echo "nothing answered at $1" >&2
  return 1
}

# start_emulator JAR PORT LOG [emulate options…]; sets EMU_PID
start_emulator() {
  local jar="$1" port="$2" log="$3"; shift 3
  pinned "$SIDE_CPUS"
  TUTORGATE_JAR="$jar" "${PINNED[@]}" "$LAUNCHER" emulate --port "$port" "$@" >"$log" 2>&1 &
  EMU_PID=$!
  STARTED_PIDS+=("$EMU_PID")
  wait_http "http://127.0.0.1:$port/_emulator"
}

# start_tutorgate JAR DIR PORT EMULATOR_PORT COURSE_PATH(empty = bundled) ; sets TG_PID, TG_TOKEN.
# Runs in DIR, so the default ./data ledger, request log and students live there.
start_tutorgate() {
  local jar="$1" dir="$2" port="$3" emu="$4" course="$5"
  mkdir -p "$dir"
  local env=(BENCH_TUTORGATE_PORT="$port" BENCH_EMULATOR_PORT="$emu" TUTORGATE_LOG_LEVEL="${TUTORGATE_LOG_LEVEL:-INFO}")
  [ -n "$course" ] && env+=(TUTORGATE_COURSE_PATH="$course")
  TG_TOKEN="$(cd "$dir" && env "${env[@]}" TUTORGATE_JAR="$jar" "$LAUNCHER" \
      students add bench --config "$GW/tutorgate-bench.yaml" | sed -n 's/^Token (shown once): //p')"
  [ -n "$TG_TOKEN" ] || { echo "could not create the bench student" >&2; return 1; }
  pinned "$GATEWAY_CPUS"
  (cd "$dir" && exec "${PINNED[@]}" env "${env[@]}" TUTORGATE_JAR="$jar" "$LAUNCHER" \
      serve --config "$GW/tutorgate-bench.yaml" >serve.log 2>&1) &
  TG_PID=$!
  STARTED_PIDS+=("$TG_PID")
  wait_http "http://127.0.0.1:$port/health/live" 120
}

# prepare_run NAME: what every Portkey comparison does first. Sets RAW (this run's raw output folder,
# bench/results/raw/NAME-<time>), JAR (the built tutorgate jar) and LOAD_BEFORE; stops every started
# process on exit; builds the jar when stale and installs Portkey into PORTKEY_DIR when missing.
prepare_run() {
  RAW="$ROOT/bench/results/raw/$1-$(date -u +%Y%m%dT%H%M%SZ)"
  mkdir -p "$RAW"
  trap stop_started EXIT
  ensure_jar
  install_portkey
  JAR="$ROOT/target/tutorgate.jar"
  LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
}

# install_portkey: Portkey AI Gateway into PORTKEY_DIR with npm (the recipe of BENCHMARKING.md), unless there.
install_portkey() {
  local server="$PORTKEY_DIR/node_modules/@portkey-ai/gateway/build/start-server.js"
  [ -f "$server" ] && return 0
  echo "installing Portkey into $PORTKEY_DIR (npm; the recipe of BENCHMARKING.md)…" >&2
  mkdir -p "$PORTKEY_DIR"
  (cd "$PORTKEY_DIR" && npm init -y >/dev/null && npm install --no-audit --no-fund @portkey-ai/gateway >&2 \
    && node -e 'const f="package.json",p=require("./"+f);p.overrides={"@hono/node-server":"1.13.5"};require("fs").writeFileSync(f,JSON.stringify(p,null,2))' \
    && npm install --no-audit --no-fund >&2)
}

# start_portkey PORT LOG EMULATOR_PORT LUA: Portkey (on GATEWAY_CPUS when pinned) in front of the
# emulator; sets PK_PID and writes LUA, the wrk script that names the emulator as Portkey's upstream.
start_portkey() {
  local port="$1" log="$2" emu="$3" lua="$4"
  pinned "$GATEWAY_CPUS"
  (cd "$PORTKEY_DIR" && exec "${PINNED[@]}" node node_modules/@portkey-ai/gateway/build/start-server.js \
      --headless --port="$port" >"$log" 2>&1) &
  PK_PID=$!
  STARTED_PIDS+=("$PK_PID")
  wait_http "http://127.0.0.1:$port/" 60
  write_lua "$lua" sk-bench 'wrk.headers["x-portkey-provider"] = "openai"' \
      "wrk.headers[\"x-portkey-custom-host\"] = \"http://127.0.0.1:$emu/v1\""
}

# write_lua FILE AUTH_TOKEN [extra header lines…]: a wrk script posting the small question
write_lua() {
  local file="$1" token="$2"; shift 2
  {
    echo 'wrk.method = "POST"'
    echo 'wrk.headers["Content-Type"] = "application/json"'
    echo "wrk.headers[\"Authorization\"] = \"Bearer $token\""
    local h
    for h in "$@"; do echo "$h"; done
    echo "wrk.body = '{\"model\":\"gpt-4.1-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"$QUESTION\"}]}'"
  } >"$file"
}

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

to_us() { # wrk latency text (123.45us, 1.20ms, 2.00s) -> microseconds
  awk -v v="$1" 'BEGIN {
    n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
    if (u == "us") m = 1; else if (u == "ms") m = 1000; else if (u == "s") m = 1000000; else if (u == "m") m = 60000000; else m = 1
    printf "%d", n * m }'
}

# measure LABEL URL LUA CONNECTIONS SECONDS OUTFILE PIDS… : one wrk run; prints one result line
#   label rps p50_us p99_us errors cpu_us_per_request(for each pid, in order)
measure() {
  local label="$1" url="$2" lua="$3" conns="$4" secs="$5" out="$6"; shift 6
  local pids=("$@") before=() p i threads=2
  [ "$conns" -lt 2 ] && threads=1
  for p in "${pids[@]}"; do before+=("$(cpu_ticks "$p")"); done
  pinned "$SIDE_CPUS"
  "${PINNED[@]}" wrk -t"$threads" -c"$conns" -d"${secs}s" --latency -s "$lua" "$url" >"$out" 2>&1
  local reqs rps p50 p99 errs
  reqs=$(awk '/requests in/ {print $1}' "$out")
  rps=$(awk '/Requests\/sec/ {printf "%d", $2}' "$out")
  p50=$(to_us "$(awk '$1 == "50%" {print $2}' "$out")")
  p99=$(to_us "$(awk '$1 == "99%" {print $2}' "$out")")
  errs=$(awk '/Non-2xx/ {n += $NF} /Socket errors/ {gsub(/,/, ""); n += $4 + $6 + $8 + $10} END {print n + 0}' "$out")
  local line="$label $rps $p50 $p99 $errs"
  for i in "${!pids[@]}"; do
    line="$line $(( ($(cpu_ticks "${pids[$i]}") - ${before[$i]}) * 1000000 / TICK / (reqs > 0 ? reqs : 1) ))"
  done
  echo "$line"
}

median() { sort -n | awk '{a[NR] = $1} END {if (NR == 0) print "-"; else if (NR % 2) print a[(NR + 1) / 2]; else printf "%d\n", (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }

machine_info() {
  echo "- date: $(date -u +%FT%TZ); commit $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet HEAD -- src pom.xml || echo ' (with local changes)')"
  echo "- machine: $(nproc) CPUs, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo), $(free -h | awk '/^Mem:/ {print $2}') RAM; $(uname -sr)"
  echo "- Java: $("$JAVA" -version 2>&1 | head -1); wrk: $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2); Node: $(node --version 2>/dev/null || echo none)"
}
