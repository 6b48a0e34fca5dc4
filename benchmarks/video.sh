#!/usr/bin/env bash
# Episode video serving: a 1 GiB video served with byte ranges to 16 parallel clients, release
# build, loopback only.
#
#   benchmarks/video.sh [clients] [rounds]
#
# `showrunner bench-storyboard --prepare` writes a fresh database with an owner and a drama;
# the script gives episode 1 a kept 1 GiB video (an `episodeVideo` row, as an upload leaves it,
# and a sparse file: this measures the server, not the disk), serves it, logs in with curl, and
# has `clients` curl processes each fetch their slice of the file in 8 MiB ranges, `rounds`
# times over, while the server's RSS is sampled. Needs curl and the sqlite3 shell.
# One line per measurement, then:
#   video: B MiB in T s to N clients, X MB/s, RSS growth G MB (before R0 MB, peak R1 MB)
# Targets (2 cores): ≥ 500 MB/s and RSS growth < 50 MB.
set -euo pipefail
cd "$(dirname "$0")/.."
clients=${1:-16}
rounds=${2:-1}
port=${BENCH_PORT:-8397}
base="http://127.0.0.1:$port"
. benchmarks/lib.sh
command -v sqlite3 >/dev/null || { echo "the sqlite3 shell is not installed (apt-get install -y sqlite3)" >&2; exit 1; }

bench_build
bench_tempdir

prepared=$("$bin" bench-storyboard --prepare --database "$data/showrunner.sqlite" --root "$PWD")
value() { echo "$prepared" | sed -n "s/^$1=//p"; }
org=$(value org)
email=$(value email)
episode=$(value typical_episode)
size=$((1 << 30))
mkdir -p "$data/videos"
truncate -s "$size" "$data/videos/bench.video"
sqlite3 "$data/showrunner.sqlite" "INSERT INTO episodeVideo (episodeId, organizationId, assetId, fileName, contentType, byteCount, source, createdAt, lastServedAt)
  SELECT id, organizationId, assetId, 'bench.video', 'video/mp4', $size, 'upload', datetime('now'), datetime('now') FROM episode WHERE id = $episode;"

bench_serve "$data" "$port"
bench_login "$base" "$email" "storyboard benchmark passphrase" "$data/cookies"
url="$base/o/$org/episodes/$episode/video"
status=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" -r 0-1023 "$url")
[ "$status" = 206 ] || { echo "range request answered HTTP $status" >&2; cat "$data/server.log" >&2; exit 1; }

before=$(bench_rss)
peak=$before
slice=$((size / clients))
chunk=$((8 << 20))
client() { # index → bytes fetched
  local start=$(( $1 * slice )) end=$(( ($1 + 1) * slice - 1 )) total=0 round offset last got
  for round in $(seq 1 "$rounds"); do
    offset=$start
    while [ "$offset" -le "$end" ]; do
      last=$(( offset + chunk - 1 )); [ "$last" -gt "$end" ] && last=$end
      got=$(curl -s -o /dev/null -H "Cookie: $cookie" -r "$offset-$last" -w '%{size_download}' "$url")
      total=$(( total + got ))
      offset=$(( last + 1 ))
    done
  done
  echo "$total"
}
echo "video serving: $(nproc) cores, $(date -u +%Y-%m-%d), $(uname -m), 1 GiB file, $clients clients × $rounds rounds, 8 MiB ranges"
started=$(date +%s.%N)
pids=()
for index in $(seq 0 $((clients - 1))); do client "$index" >"$data/client-$index" & pids+=($!); done
while kill -0 "${pids[@]}" 2>/dev/null; do
  current=$(bench_rss); [ "$current" -gt "$peak" ] && peak=$current
  sleep 0.1
done
wait "${pids[@]}" || true
finished=$(date +%s.%N)
bytes=$(cat "$data"/client-* | awk '{ s += $1 } END { printf "%.0f", s }')
expected=$(( slice * clients * rounds ))
seconds=$(awk -v a="$started" -v b="$finished" 'BEGIN { printf "%.2f", b - a }')
rate=$(awk -v b="$bytes" -v s="$seconds" 'BEGIN { printf "%.0f", b / s / 1e6 }')
[ "$bytes" = "$expected" ] || echo "warning: fetched $bytes bytes, expected $expected" >&2
echo "bytes fetched: $bytes in $seconds s"
echo "video: $((bytes >> 20)) MiB in $seconds s to $clients clients, $rate MB/s, RSS growth $((peak - before)) MB (before $before MB, peak $peak MB)"
