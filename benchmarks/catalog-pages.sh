#!/usr/bin/env bash
# Throughput and latency of the catalog pages on the demo data set (3 projects, 12 dramas,
# 642 episodes), release build, SQLite file in a temporary folder, loopback only.
#
#   benchmarks/catalog-pages.sh [seconds-per-page] [connections]
#
# Needs wrk (apt-get install wrk). Prints one line per page: requests/s and latency percentiles.
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-10}
connections=${2:-32}
port=${BENCH_PORT:-18080}
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }

swift build -c release --product showrunner >/dev/null
bin="$(swift build -c release --show-bin-path)/showrunner"
data=$(mktemp -d)
trap 'kill $server 2>/dev/null || true; rm -rf "$data"' EXIT

export SHOWRUNNER_DEMO_PASSWORD="benchmark passphrase"
SHOWRUNNER_DATA_DIR="$data" SHOWRUNNER_ROOT="$PWD" SHOWRUNNER_LOG_LEVEL=warning \
  "$bin" serve --port "$port" --simulator-port $((port + 1)) --seed-demo-if-empty >"$data/server.log" 2>&1 &
server=$!
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break; sleep 0.2; done

# Log in as the demo user and keep the session cookie.
jar="$data/cookies"
token=$(curl -fs -c "$jar" -b "$jar" "http://127.0.0.1:$port/login" | grep -o 'name="_csrf" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"//')
curl -fs -c "$jar" -b "$jar" -o /dev/null --data-urlencode "_csrf=$token" \
  --data-urlencode "email=demo@showrunner.local" --data-urlencode "password=$SHOWRUNNER_DEMO_PASSWORD" "http://127.0.0.1:$port/login"
cookie=$(awk '!/^#/ || /^#HttpOnly/ {if (NF >= 7) printf "%s=%s; ", $6, $7}' "$jar")

echo "pages on the demo data set: ${duration}s each, $connections connections, $(nproc) cores, $(date -u +%Y-%m-%d)"
for path in /o/demo-studio /o/demo-studio/projects /o/demo-studio/projects/2 "/o/demo-studio/dramas/1" \
  "/o/demo-studio/dramas/5?sort=duration&dir=desc&page=2" "/o/demo-studio/dramas/1?q=%E7%AC%AC1" /o/demo-studio/dramas/1/episodes.csv; do
  status=$(curl -s -o /dev/null -w "%{http_code}" -H "Cookie: $cookie" "http://127.0.0.1:$port$path")
  result=$(wrk -t2 -c"$connections" -d"${duration}s" --latency -H "Cookie: $cookie" "http://127.0.0.1:$port$path")
  rps=$(echo "$result" | awk '/Requests\/sec/ {print $2}')
  p50=$(echo "$result" | awk '$1 == "50%" {print $2}')
  p99=$(echo "$result" | awk '$1 == "99%" {print $2}')
  errors=$(echo "$result" | awk '/Non-2xx/ {print $5}')
  printf "%-60s HTTP %s  %8s req/s  p50 %8s  p99 %8s  %s\n" "$path" "$status" "$rps" "$p50" "$p99" "${errors:+non-2xx: $errors}"
done
