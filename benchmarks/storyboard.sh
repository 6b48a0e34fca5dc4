#!/usr/bin/env bash
# Storyboard page and scene JSON throughput, release build, loopback only.
#
#   benchmarks/storyboard.sh [seconds] [connections]
#
# `showrunner bench-storyboard --prepare` writes a fresh database (real migrations, real
# ingest) with an owner, a typical episode (25 scenes, ~150 shots, ~200 lines, 6 comments)
# and a stress episode (1,000 scenes, ~6,000 shots, ~6,000 lines). The script serves it,
# logs in with curl, times the stress episode's page cold (the first storyboard request after
# start: nothing cached) and warm (median of 5), and its JSON; then runs
# `wrk -t2 -c64 --latency` against the typical episode's page and JSON after a warm-up.
# One line per measurement, then:
#   storyboard: page R1 req/s p99 P1 ms, json R2 req/s p99 P2 ms, 1000-scene page C ms cold / W ms warm
# Targets (2 cores): ≥ 1,500 req/s with p99 < 50 ms for both; the 1,000-scene page < 200 ms.
#
# Env: BENCH_PORT (8395; the built-in simulator gets BENCH_PORT+1), BENCH_SCRATCH_PATH (.build-bench),
# BENCH_KEEP=1 keeps the data folder and server log.
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-10}
connections=${2:-64}
port=${BENCH_PORT:-8395}
base="http://127.0.0.1:$port"
. benchmarks/lib.sh
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install -y wrk)" >&2; exit 1; }

bench_build
data=$(mktemp -d)
server=
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  if [ "${BENCH_KEEP:-0}" = 1 ]; then echo "kept $data" >&2; else rm -rf "$data"; fi
}
trap cleanup EXIT

# 1. The database.
prepared=$("$bin" bench-storyboard --prepare --database "$data/showrunner.sqlite" --root "$PWD")
value() { echo "$prepared" | sed -n "s/^$1=//p"; }
org=$(value org)
email=$(value email)
typical=$(value typical_episode)
stress=$(value stress_episode)
password="storyboard benchmark passphrase"

# 2. The server (no key: the built-in simulator starts on the next port; nothing is submitted).
bench_serve "$data" "$port"

# 3. Log in.
bench_login "$base" "$email" "$password" "$data/cookies"

page="/o/$org/episodes/$typical/storyboard"
json="/o/$org/episodes/$typical/storyboard.json"
stress_page="/o/$org/episodes/$stress/storyboard"
stress_json="/o/$org/episodes/$stress/storyboard.json"

echo "storyboard pages: $(nproc) cores, $(date -u +%Y-%m-%d), $(uname -m), wrk -t2 -c$connections -d${duration}s"
echo "typical episode $typical: $(value typical_counts)"
echo "stress episode $stress: $(value stress_counts)"
echo "ingest of both: $(value ingest_seconds) s"

# One request: "status seconds bytes".
fetch() { curl -s -o /dev/null -H "Cookie: $cookie" -w '%{http_code} %{time_total} %{size_download}\n' "$base$1"; }
ms() { awk -v s="$1" 'BEGIN { printf "%.1f", s * 1000 }'; }
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
check() { [ "$1" = 200 ] || { echo "$2 answered HTTP $1" >&2; exit 1; }; }

# 4. The stress episode: the first storyboard request since start is cold (header, document
#    read from SQLite, scene list rendered, then the page), later ones hit the run cache.
read -r status seconds bytes < <(fetch "$stress_page"); check "$status" "$stress_page"
cold=$(ms "$seconds")
printf "%-44s %8s ms  %9s bytes\n" "1000-scene page, cold (first request)" "$cold" "$bytes"
warm_runs=()
for _ in 1 2 3 4 5; do read -r status seconds bytes < <(fetch "$stress_page"); check "$status" "$stress_page"; warm_runs+=("$(ms "$seconds")"); done
warm=$(printf '%s\n' "${warm_runs[@]}" | median)
printf "%-44s %8s ms  %9s bytes  (runs: %s)\n" "1000-scene page, warm (median of 5)" "$warm" "$bytes" "${warm_runs[*]}"
read -r status seconds bytes < <(fetch "$stress_json"); check "$status" "$stress_json"
printf "%-44s %8s ms  %9s bytes\n" "1000-scene JSON, first (document cached)" "$(ms "$seconds")" "$bytes"
json_runs=()
for _ in 1 2 3 4 5; do read -r status seconds bytes < <(fetch "$stress_json"); json_runs+=("$(ms "$seconds")"); done
printf "%-44s %8s ms  %9s bytes  (runs: %s)\n" "1000-scene JSON, warm (median of 5)" "$(printf '%s\n' "${json_runs[@]}" | median)" "$bytes" "${json_runs[*]}"

# 5. The typical episode under load, after a warm-up of each URL.
run_wrk() { # path label → sets rps and p99 (bench_wrk)
  local path=$1 label=$2 status bytes seconds
  read -r status seconds bytes < <(fetch "$path"); check "$status" "$path"
  bench_wrk "$base$path" "Cookie: $cookie"
  printf "%-44s %8s req/s  p50 %7s ms  p99 %7s ms  %7s bytes  %s%s\n" "$label" "$rps" "$p50" "$p99" "$bytes" \
    "$([ "$non2xx" = 0 ] || echo "Non-2xx responses: $non2xx; ")" "$errors"
}
run_wrk "$page" "25-scene page ($page)"
page_rps=$rps page_p99=$p99
run_wrk "$json" "25-scene JSON"
json_rps=$rps json_p99=$p99

echo "server peak RSS: $(bench_peak_rss) MB"
echo "storyboard: page $page_rps req/s p99 $page_p99 ms, json $json_rps req/s p99 $json_p99 ms, 1000-scene page $cold ms cold / $warm ms warm"
