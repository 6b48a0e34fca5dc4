#!/usr/bin/env bash
# Every main page on the large data set, release build, loopback only.
#
#   benchmarks/pages.sh [seconds] [connections]
#
# `showrunner bench-pages --prepare` writes the data set through the real migrations and the
# real ingest: 10 organisations, 50 projects, 5,000 episodes, ~500,000 shots, ~1,000,000
# lines and one 1,000-scene episode (a few minutes; PAGES_DATA=DIR keeps it in DIR and reuses
# it on the next run). The script times start-up (process start to the first /healthz 200),
# logs in as the first organisation's owner, creates a read-only API key, and runs
# `wrk -t2 -c64 --latency` for each page after a 2 s warm-up: dashboard, projects, project,
# the 50-row drama page, task history, a task page, a 25-scene storyboard, its transcript,
# a search and a JSON API read. One line per page (requests/s, p50, p99, non-2xx), then:
#   pages: min R req/s, max p99 P ms, peak RSS M MB
# Targets (2 cores): every page ≥ 2,000 req/s with p99 < 50 ms and no non-2xx; the drama and
# storyboard pages ≥ 3,000 req/s with p99 < 30 ms; RSS < 100 MB; start-up < 200 ms.
#
# Kept pages (PageCache) serve every request after the first here; SHOWRUNNER_PAGE_CACHE_MB=0
# measures every request rendered from the database instead.
#
# Env: BENCH_PORT (8403; the built-in simulator gets BENCH_PORT+1), BENCH_SCRATCH_PATH (.build-bench),
# PAGES_DATA (keep and reuse the data set there), SOAK_KEEP=1 keeps the temporary folder.
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-10}
connections=${2:-64}
port=${BENCH_PORT:-8403}
base="http://127.0.0.1:$port"
. benchmarks/lib.sh
for tool in wrk curl; do command -v "$tool" >/dev/null || { echo "$tool is not installed (apt-get install -y $tool)" >&2; exit 1; }; done

bench_build
bench_tempdir
store=${PAGES_DATA:-$data}
mkdir -p "$store"
if [ ! -s "$store/prepared.txt" ]; then
  rm -f "$store"/showrunner.sqlite*
  started=$(date +%s)
  "$bin" bench-pages --prepare --database "$store/showrunner.sqlite" --root "$PWD" >"$store/prepared.txt.new" 2>"$data/prepare.log" \
    || { cat "$data/prepare.log" >&2; exit 1; }
  mv "$store/prepared.txt.new" "$store/prepared.txt"
  echo "prepared the data set in $(( $(date +%s) - started )) s"
fi
value() { sed -n "s/^$1=//p" "$store/prepared.txt"; }
org=$(value org)
if [ "$store" != "$data" ]; then cp "$store"/showrunner.sqlite* "$data/"; fi
key=$("$bin" apikey create --database "$data/showrunner.sqlite" --root "$PWD" --log-level error \
  --org "$org" --email "$(value email)" --name "pages benchmark" --read-only 2>/dev/null)

# Start-up: process start to the first /healthz 200 (migrations checked, services started).
export SHOWRUNNER_API_RATE_LIMIT=0
t0=$(date +%s%N)
SHOWRUNNER_DATA_DIR="$data" SHOWRUNNER_ROOT="$PWD" SHOWRUNNER_LOG_LEVEL=warning \
  "$bin" serve --port "$port" --simulator-port $((port + 1)) >"$data/server.log" 2>&1 &
server=$!
until curl -fs -o /dev/null "$base/healthz" 2>/dev/null; do
  kill -0 "$server" 2>/dev/null || { echo "server did not start:" >&2; cat "$data/server.log" >&2; exit 1; }
  [ $(( ($(date +%s%N) - t0) / 1000000 )) -lt 30000 ] || { echo "no /healthz after 30 s" >&2; exit 1; }
  sleep 0.005
done
startup=$(( ($(date +%s%N) - t0) / 1000000 ))

bench_login "$base" "$(value email)" "$(value password)" "$data/cookies"
o="/o/$org"
pages=(
  "dashboard|$o"
  "projects|$o/projects"
  "project|$o/projects/$(value project)"
  "drama (50 rows)|$o/dramas/$(value drama)"
  "task history|$o/tasks"
  "task|$o/tasks/$(value task)"
  "storyboard (25 scenes)|$o/episodes/$(value episode)/storyboard"
  "transcript|$o/episodes/$(value episode)/transcript"
  "search|$o/search?q=%E6%80%BB%E8%A3%81"
  "api storyboard|/api/v1/episodes/$(value episode)/storyboard"
)

echo "pages: $(nproc) cores, $(date -u +%Y-%m-%d), $(uname -m), wrk -t2 -c$connections -d${duration}s"
echo "data set: $(value totals)"
echo "start-up to /healthz: $startup ms"

min_rps= max_p99=0 failures=0
for entry in "${pages[@]}"; do
  label=${entry%%|*} path=${entry#*|}
  if [[ $path == /api/* ]]; then header="Authorization: Bearer $key"; else header="Cookie: $cookie"; fi
  read -r status bytes < <(curl -s -o /dev/null -H "$header" -w '%{http_code} %{size_download}\n' "$base$path")
  [ "$status" = 200 ] || { echo "$label ($path) answered HTTP $status" >&2; exit 1; }
  bench_wrk "$base$path" "$header"
  failures=$(( failures + non2xx ))
  printf "%-24s %6s req/s  p50 %6s ms  p99 %6s ms  %8s bytes  %s%s\n" "$label" "$rps" "$p50" "$p99" "$bytes" \
    "$([ "$non2xx" = 0 ] || echo "$non2xx non-2xx ")" "$errors"
  if [ -z "$min_rps" ] || [ "$rps" -lt "$min_rps" ]; then min_rps=$rps; fi
  max_p99=$(awk -v a="$max_p99" -v b="$p99" 'BEGIN { print (b > a) ? b : a }')
done
echo "non-2xx responses: $failures"
echo "pages: min $min_rps req/s, max p99 $max_p99 ms, peak RSS $(bench_peak_rss) MB"
