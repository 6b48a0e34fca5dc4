#!/usr/bin/env bash
# Episode upload: a 1 GiB video sent through our server to memories.ai (the built-in
# simulator, in the same process), release build, loopback only.
#
#   benchmarks/upload.sh [MiB]
#
# `showrunner bench-storyboard --prepare` writes a fresh database with an owner and a drama;
# ffmpeg writes an uncompressed AVI of about the given size (a real video, so ffprobe accepts
# it and probes its duration); curl streams it to `POST …/dramas/D/uploads` the way the page's
# script does; the upload forwarder then sends it on (signed URL: it is over 64 MiB) and polls
# the asset until upstream says SUCCESS. The server's RSS is sampled throughout (receiving,
# forwarding, the simulator storing it). Needs curl, ffmpeg and the sqlite3 shell.
# One line per phase, then:
#   upload: B MiB received in T1 s (X MB/s), forwarded in T2 s (Y MB/s), RSS growth G MB (before R0 MB, peak R1 MB)
# Target (2 cores): RSS growth < 50 MB.
set -euo pipefail
cd "$(dirname "$0")/.."
mib=${1:-1024}
port=${BENCH_PORT:-8399}
base="http://127.0.0.1:$port"
. benchmarks/lib.sh
for tool in sqlite3 ffmpeg curl; do command -v "$tool" >/dev/null || { echo "$tool is not installed" >&2; exit 1; }; done

bench_build
bench_tempdir

prepared=$("$bin" bench-storyboard --prepare --database "$data/showrunner.sqlite" --root "$PWD")
value() { echo "$prepared" | sed -n "s/^$1=//p"; }
org=$(value org)
email=$(value email)
drama=$(sqlite3 "$data/showrunner.sqlite" "SELECT dramaId FROM episode WHERE id = $(value typical_episode)")
number=$(( $(sqlite3 "$data/showrunner.sqlite" "SELECT MAX(number) FROM episode WHERE dramaId = $drama") + 1 ))

# 1280×720 yuv420p is 1,382,400 bytes a frame, 25 frames a second.
frames=$(( mib * 1048576 / 1382400 + 1 ))
video="$data/EP$number.avi"
ffmpeg -v error -y -f lavfi -i "testsrc=size=1280x720:rate=25" -frames:v "$frames" -c:v rawvideo -pix_fmt yuv420p "$video"
bytes=$(stat -c %s "$video")

bench_serve "$data" "$port"
bench_login "$base" "$email" "storyboard benchmark passphrase" "$data/cookies"
token=$(awk '$6 == "showrunner_csrf" { print $7 }' "$data/cookies")

before=$(bench_rss)
peak=$before
sample() { local current; current=$(bench_rss); [ "$current" -gt "$peak" ] && peak=$current; return 0; }
echo "upload: $(nproc) cores, $(date -u +%Y-%m-%d), $(uname -m), $(( bytes >> 20 )) MiB AVI ($frames frames), RSS before $before MB"

started=$(date +%s.%N)
curl -s -o "$data/answer.json" -w '%{http_code}' -X POST -T "$video" -H "Expect:" -H "Cookie: $cookie" -H "X-CSRF-Token: $token" \
  -H "Accept: application/json" -H "Content-Type: video/x-msvideo" \
  "$base/o/$org/dramas/$drama/uploads?episode=$number&name=EP$number.avi" >"$data/status" &
sender=$!
while kill -0 "$sender" 2>/dev/null; do sample; sleep 0.1; done
wait "$sender" || true
received=$(date +%s.%N)
[ "$(cat "$data/status")" = 201 ] || { echo "upload answered HTTP $(cat "$data/status"): $(cat "$data/answer.json")" >&2; exit 1; }
receive_seconds=$(awk -v a="$started" -v b="$received" 'BEGIN { printf "%.2f", b - a }')
echo "received: $(cat "$data/answer.json" | head -c 120)…"

status=queued
for _ in $(seq 1 6000); do
  sample
  status=$(sqlite3 "$data/showrunner.sqlite" "SELECT status FROM episodeUpload ORDER BY id DESC LIMIT 1")
  case "$status" in done|failed) break ;; esac
  sleep 0.1
done
finished=$(date +%s.%N)
[ "$status" = done ] || { echo "the upload ended $status: $(sqlite3 "$data/showrunner.sqlite" "SELECT failure FROM episodeUpload")" >&2; exit 1; }
forward_seconds=$(awk -v a="$received" -v b="$finished" 'BEGIN { printf "%.2f", b - a }')
echo "forwarded: $(sqlite3 "$data/showrunner.sqlite" "SELECT method || ' upload, asset ' || assetId || ', ' || COALESCE(durationSeconds, '?') || ' s probed' FROM episodeUpload")"
echo "episode $number: $(sqlite3 "$data/showrunner.sqlite" "SELECT assetId || ', ' || durationSeconds || ' s' FROM episode WHERE dramaId = $drama AND number = $number")"
rate() { awk -v b="$bytes" -v s="$1" 'BEGIN { printf "%.0f", b / s / 1e6 }'; }
echo "upload: $(( bytes >> 20 )) MiB received in $receive_seconds s ($(rate "$receive_seconds") MB/s), forwarded in $forward_seconds s ($(rate "$forward_seconds") MB/s), RSS growth $((peak - before)) MB (before $before MB, peak $peak MB)"
