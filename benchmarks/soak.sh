#!/usr/bin/env bash
# Soak: the release server with its built-in simulator, faults on, under a mix of load for a
# while, then a check that nothing was lost. Loopback only.
#
#   benchmarks/soak.sh [seconds]        (default 600)
#
# A fresh data folder with the demo organisation; SOAK_USERS (4) sessions view pages
# (dashboard, projects, drama pages, task history and pages, search, cast, uploads,
# storyboards), submit small tasks and cancel some; the simulator's faults rotate every 20 s
# (5xx bursts, 2.5 s responses, dropped callbacks, 429s, truncated zips); `showrunner backup`
# runs every 45 s during the load. Afterwards faults go off and the script waits (up to 8
# minutes) for every task to reach an end: a final upstream state, and for completed tasks an
# ingested (or failed, reported) result. Unexpected errors are responses the driver did not
# expect (5xx, a failed page, a dropped connection) plus failed backups. RSS growth compares
# the server after the first minute of load with the end. Needs python3, curl and sqlite3.
# Ends with:
#   soak: D s, R requests, E unexpected errors, T tasks all terminal: yes/no, RSS growth G%
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
port=${BENCH_PORT:-8401}
base="http://127.0.0.1:$port"
. benchmarks/lib.sh
for tool in python3 sqlite3 curl; do command -v "$tool" >/dev/null || { echo "$tool is not installed" >&2; exit 1; }; done

bench_build
bench_tempdir

password="soak test demo passphrase"
metrics_token="soak-metrics-token-$(date +%s%N)"
# The storyboard cache is capped at SOAK_STORYBOARD_CACHE_MB (1) so it is full within the
# first minutes: RSS growth then measures what is not a bounded cache (the default 12 MB fills
# over hours of reviewing; its bytes are printed each minute either way).
SHOWRUNNER_STORYBOARD_CACHE_MB=${SOAK_STORYBOARD_CACHE_MB:-1} SHOWRUNNER_METRICS_TOKEN="$metrics_token" SHOWRUNNER_DATA_DIR="$data" SHOWRUNNER_ROOT="$PWD" SHOWRUNNER_LOG_LEVEL=notice SHOWRUNNER_DEMO_PASSWORD="$password" \
  SHOWRUNNER_SIMULATOR_SPEED=300 SHOWRUNNER_SIMULATOR_BALANCE_CENTS=100000000 SHOWRUNNER_POLL_SECONDS=2 SHOWRUNNER_MAX_POLL_SECONDS=20 SHOWRUNNER_BCRYPT_COST=8 \
  ${SOAK_WRAPPER:-} "$bin" serve --port "$port" --simulator-port $((port + 1)) --seed-demo-if-empty >"$data/server.log" 2>&1 &
server=$!
for _ in $(seq 1 300); do curl -fs "$base/healthz" >/dev/null 2>&1 && break; sleep 0.2; done
curl -fs "$base/healthz" >/dev/null || { echo "server did not start:" >&2; cat "$data/server.log" >&2; exit 1; }
for _ in $(seq 1 100); do grep -q "demo@showrunner.local" "$data/server.log" && break; sleep 0.2; done

dramas=$(sqlite3 "$data/showrunner.sqlite" "SELECT group_concat(id) FROM (SELECT id FROM drama ORDER BY id LIMIT 6)")
echo "soak: $(nproc) cores, $(date -u +%Y-%m-%d), $(uname -m), ${seconds} s, ${SOAK_USERS:-4} users, dramas $dramas, RSS at start $(bench_rss) MB"

SOAK_BASE="$base" SOAK_SIMULATOR="http://127.0.0.1:$((port + 1))" SOAK_ORG=demo-studio SOAK_EMAIL=demo@showrunner.local \
  SOAK_PASSWORD="$password" SOAK_SECONDS="$seconds" SOAK_BIN="$bin" SOAK_DATA="$data" SOAK_DRAMAS="$dramas" \
  python3 benchmarks/soak_driver.py >"$data/driver.json" &
driver=$!
started=$(date +%s)
warm=
peak=0
samples=()
inside=()
gauge() { echo "$scrape" | awk -v name="$1" '$1 == name { printf "%.1f", $2 / 1048576 }'; }  # MB of a /metrics gauge
while kill -0 "$driver" 2>/dev/null; do
  current=$(bench_rss); [ "$current" -gt "$peak" ] && peak=$current
  age=$(( $(date +%s) - started ))
  if [ -z "$warm" ] && [ "$age" -ge 60 ]; then warm=$current; fi
  if [ $(( age / 60 )) -gt "${#samples[@]}" ]; then
    samples+=("$current")
    # Where the memory is: SQLite's allocations, the storyboard cache and the thread count.
    scrape=$(curl -fs -H "Authorization: Bearer $metrics_token" "$base/metrics" || true)
    inside+=("$(gauge showrunner_sqlite_memory_bytes)/$(gauge showrunner_storyboard_cache_bytes)/$(awk '/Threads/ { print $2 }' "/proc/$server/status")")
  fi
  sleep 1
done
wait "$driver" || { echo "the load driver failed" >&2; exit 1; }
[ -s "$data/driver.json" ] || { echo "the load driver wrote no summary" >&2; exit 1; }
elapsed=$(( $(date +%s) - started ))
warm=${warm:-$(bench_rss)}
end_rss=$(bench_rss)

pending() {
  sqlite3 "$data/showrunner.sqlite" "SELECT COUNT(*) FROM task WHERE status IN ('submitting', 'pending', 'running')
    OR (status = 'completed' AND resultStatus NOT IN ('ingested', 'download_failed', 'ingest_failed'))"
}
for _ in $(seq 1 480); do [ "$(pending)" = 0 ] && break; sleep 1; done
left=$(pending)
terminal=$([ "$left" = 0 ] && echo yes || echo no)
failures=$(sqlite3 "$data/showrunner.sqlite" "SELECT group_concat(DISTINCT substr(resultError, 1, 120)) FROM task WHERE resultStatus IN ('ingest_failed', 'download_failed')")
summary=$(sqlite3 "$data/showrunner.sqlite" "SELECT group_concat(status || '/' || resultStatus || ' ' || n, ', ') FROM (SELECT status, resultStatus, COUNT(*) n FROM task GROUP BY 1, 2)")
server_5xx=$(grep -c 'status=5[0-9][0-9]' "$data/server.log" || true)
crashes=$(grep -ciE 'fatal error|crash' "$data/server.log" || true)
kill -0 "$server" 2>/dev/null || { echo "the server died:" >&2; tail -20 "$data/server.log" >&2; exit 1; }

read -r requests unexpected submits cancels backups backup_failures examples < <(python3 -c '
import json, sys
s = json.load(open(sys.argv[1]))
print(s["requests"], s["unexpected"] + s["backup_failures"], s["submits"], s["cancels"], s["backups"], s["backup_failures"], json.dumps(s["examples"][:5]))
' "$data/driver.json")
errors=$(( unexpected + server_5xx + crashes ))
growth=$(awk -v a="$warm" -v b="$end_rss" 'BEGIN { printf "%.1f", (b - a) * 100 / a }')
echo "tasks: $submits submitted, $cancels cancels; by state: $summary"
echo "RSS each minute (MB): ${samples[*]:-}"
echo "each minute, SQLite MB / storyboard cache MB / threads: ${inside[*]:-}"
echo "backups: $backups during the load, $backup_failures failed; server 5xx lines: $server_5xx; RSS after 1 min $warm MB, peak $peak MB, end $end_rss MB"
[ -z "$failures" ] || echo "results that failed (reported on their task pages): $failures"
[ "$errors" = 0 ] || echo "unexpected: $examples"
[ "$left" = 0 ] || echo "not terminal: $left tasks"
echo "soak: $elapsed s, $requests requests, $errors unexpected errors, $(sqlite3 "$data/showrunner.sqlite" "SELECT COUNT(*) FROM task") tasks all terminal: $terminal, RSS growth $growth%"
