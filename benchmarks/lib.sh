# Shared by the benchmark scripts that serve a prepared database: source it after `cd` to the
# package root. Loopback only.

# Builds the release binary in $BENCH_SCRATCH_PATH (.build-bench) and sets `bin`; BENCH_BIN
# names a binary to run instead (an A/B run against an older build).
bench_build() {
  local scratch=${BENCH_SCRATCH_PATH:-.build-bench} log
  if [ -n "${BENCH_BIN:-}" ]; then bin=$BENCH_BIN; return; fi
  log=$(swift build -c release --product showrunner --scratch-path "$scratch" 2>&1) || { echo "$log" >&2; exit 1; }
  bin="$(swift build -c release --product showrunner --scratch-path "$scratch" --show-bin-path)/showrunner"
}

# bench_serve DATA PORT: serves the data folder (the built-in simulator on PORT+1), waits for
# /healthz and sets `server` to its pid; the log is DATA/server.log.
bench_serve() {
  local data=$1 port=$2
  SHOWRUNNER_DATA_DIR="$data" SHOWRUNNER_ROOT="$PWD" SHOWRUNNER_LOG_LEVEL=warning \
    "$bin" serve --port "$port" --simulator-port $((port + 1)) >"$data/server.log" 2>&1 &
  server=$!
  for _ in $(seq 1 150); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break; sleep 0.2; done
  curl -fs "http://127.0.0.1:$port/healthz" >/dev/null || { echo "server did not start:" >&2; cat "$data/server.log" >&2; exit 1; }
}

# bench_login BASE EMAIL PASSWORD JAR: logs in (the login page sets the CSRF cookie, the form
# carries the token) and sets `cookie` to a Cookie header value.
bench_login() {
  local base=$1 email=$2 password=$3 jar=$4 token status
  token=$(curl -fs -c "$jar" -b "$jar" "$base/login" | grep -o 'name="_csrf" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"//')
  status=$(curl -s -c "$jar" -b "$jar" -o /dev/null -w '%{http_code}' --data-urlencode "_csrf=$token" \
    --data-urlencode "email=$email" --data-urlencode "password=$password" "$base/login")
  [ "$status" = 303 ] || [ "$status" = 302 ] || { echo "login answered HTTP $status" >&2; exit 1; }
  cookie=$(awk '!/^#/ || /^#HttpOnly/ {if (NF >= 7) printf "%s=%s; ", $6, $7}' "$jar")
}

# bench_tempdir: a fresh data folder in `data`, removed (with the server stopped) on exit;
# SOAK_KEEP=1 keeps it. Call before bench_serve.
bench_tempdir() {
  data=$(mktemp -d)
  server=
  trap bench_cleanup EXIT
}

bench_cleanup() {
  # A wrapper (SOAK_WRAPPER=heaptrack …) runs the server as its child: stop that too.
  if [ -n "$server" ]; then pkill -P "$server" 2>/dev/null || true; kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  if [ -n "${SOAK_KEEP:-}" ]; then echo "kept $data" >&2; else rm -rf "$data"; fi
}

# bench_rss: the server's resident memory in MB.
bench_rss() { awk '/VmRSS/ { print int($2 / 1024) }' "/proc/$server/status"; }

# bench_peak_rss: the server's peak resident memory (VmHWM) in MB.
bench_peak_rss() { awk '/VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$server/status" 2>/dev/null || echo "?"; }

# bench_wrk URL HEADER: `wrk -t2 -c$connections` for $duration seconds after a 2 s warm-up;
# sets rps, p50 and p99 (ms), non2xx (count) and errors (wrk's socket error line, if any).
bench_wrk() {
  local url=$1 header=$2 result
  wrk -t2 -c"$connections" -d2s -H "$header" "$url" >/dev/null
  result=$(wrk -t2 -c"$connections" -d"${duration}s" --latency -H "$header" "$url")
  rps=$(echo "$result" | awk '/Requests\/sec/ { printf "%.0f", $2 }')
  p50=$(bench_ms "$(echo "$result" | awk '$1 == "50%" { print $2 }')")
  p99=$(bench_ms "$(echo "$result" | awk '$1 == "99%" { print $2 }')")
  non2xx=$(echo "$result" | awk '/Non-2xx/ { print $NF }')
  non2xx=${non2xx:-0}
  errors=$(echo "$result" | awk '/Socket errors/ { sub(/^ +/, ""); print }')
}

# bench_ms 812.00us|3.21ms|1.02s|1.00m: wrk's latency in milliseconds.
bench_ms() {
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /m$/) n *= 60000; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'
}
