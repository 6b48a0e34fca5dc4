#!/usr/bin/env bash
# Two builds side by side on the pages data set, interleaved, so a machine whose speed drifts
# (CPU steal on a shared host moved figures by half within an hour) still compares them.
#
#   benchmarks/ab.sh A-BINARY B-BINARY [rounds] [seconds] page...
#
# Pages: dashboard projects project drama tasks task storyboard transcript search. Needs a
# data set prepared by pages.sh in PAGES_DATA. Each server gets its own copy; for each page
# and round, A then B run `wrk -t2 -c64` after a 1 s warm-up, while the other is idle. Prints
# per page `A=req/s/CPU µs per request(p99) B=…` for each round: the server's CPU time per
# request drifts less than req/s when the host steals time.
set -euo pipefail
cd "$(dirname "$0")/.."
. benchmarks/lib.sh
[ $# -ge 3 ] || { echo "usage: $0 A-BINARY B-BINARY [rounds] [seconds] page..." >&2; exit 2; }
binaries=("$1" "$2"); shift 2
rounds=${1:-2}; secs=${2:-5}; shift 2 || true
store=${PAGES_DATA:?set PAGES_DATA to a data set prepared by benchmarks/pages.sh}
value() { sed -n "s/^$1=//p" "$store/prepared.txt"; }
o="/o/$(value org)"
declare -A path=(
  [dashboard]="$o" [projects]="$o/projects" [project]="$o/projects/$(value project)" [drama]="$o/dramas/$(value drama)"
  [tasks]="$o/tasks" [task]="$o/tasks/$(value task)" [storyboard]="$o/episodes/$(value episode)/storyboard"
  [transcript]="$o/episodes/$(value episode)/transcript" [search]="$o/search?q=%E6%80%BB%E8%A3%81"
)
root=$(mktemp -d)
pids=()
trap 'kill ${pids[@]} 2>/dev/null || true; rm -rf "$root"' EXIT
ports=(8510 8520) cookies=()
for i in 0 1; do
  mkdir -p "$root/$i"; cp "$store"/showrunner.sqlite* "$root/$i/"
  SHOWRUNNER_API_RATE_LIMIT=0 SHOWRUNNER_DATA_DIR="$root/$i" SHOWRUNNER_ROOT="$PWD" SHOWRUNNER_LOG_LEVEL=warning \
    "${binaries[$i]}" serve --port "${ports[$i]}" --simulator-port $((ports[i] + 1)) >"$root/$i/server.log" 2>&1 &
  pids+=($!)
  until curl -fs -o /dev/null "http://127.0.0.1:${ports[$i]}/healthz"; do sleep 0.05; done
  bench_login "http://127.0.0.1:${ports[$i]}" "$(value email)" "$(value password)" "$root/$i/jar"
  cookies+=("$cookie")
done
ticks=$(getconf CLK_TCK)
for page in "$@"; do
  [ -n "${path[$page]:-}" ] || { echo "unknown page $page" >&2; exit 2; }
  line="$page:"
  for _ in $(seq 1 "$rounds"); do
    for i in 0 1; do
      url="http://127.0.0.1:${ports[$i]}${path[$page]}"
      wrk -t2 -c64 -d1s -H "Cookie: ${cookies[$i]}" "$url" >/dev/null
      before=$(awk '{print $14 + $15}' "/proc/${pids[$i]}/stat")
      out=$(wrk -t2 -c64 -d"${secs}s" --latency -H "Cookie: ${cookies[$i]}" "$url")
      after=$(awk '{print $14 + $15}' "/proc/${pids[$i]}/stat")
      rps=$(echo "$out" | awk '/Requests\/sec/ {printf "%d", $2}')
      p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
      requests=$(echo "$out" | awk '/requests in/ {print $1}')
      line="$line $([ $i = 0 ] && echo A || echo B)=$rps/$(( (after - before) * 1000000 / ticks / requests ))us($p99)"
    done
  done
  echo "$line"
done
