#!/usr/bin/env bash
# JSON API storyboard read throughput, release build, loopback only.
#
#   benchmarks/api.sh [seconds] [connections]
#
# Prepares the storyboard benchmark's database (`showrunner bench-storyboard --prepare`: real
# migrations, real ingest, a 25-scene / ~150-shot / ~200-line episode), creates a read-only
# Showrunner API key with `showrunner apikey create`, serves it with the per-key rate limit
# off (SHOWRUNNER_API_RATE_LIMIT=0: the limiter would answer 429 long before the server is the
# bottleneck) and runs `wrk -t2 -c64 --latency` against GET /api/v1/episodes/{id}/storyboard
# after a warm-up. Ends with:
#   api: storyboard R req/s, p50 A ms, p99 P ms, N non-2xx
# Target (2 cores): ≥ 3,000 req/s with p99 < 30 ms.
#
# Env: BENCH_PORT (8397; the built-in simulator gets BENCH_PORT+1), BENCH_SCRATCH_PATH (.build-bench),
# SOAK_KEEP=1 keeps the data folder and server log.
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-10}
connections=${2:-64}
port=${BENCH_PORT:-8397}
base="http://127.0.0.1:$port"
. benchmarks/lib.sh
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install -y wrk)" >&2; exit 1; }

bench_build
bench_tempdir

prepared=$("$bin" bench-storyboard --prepare --database "$data/showrunner.sqlite" --root "$PWD")
value() { echo "$prepared" | sed -n "s/^$1=//p"; }
org=$(value org)
email=$(value email)
episode=$(value typical_episode)
key=$("$bin" apikey create --database "$data/showrunner.sqlite" --root "$PWD" --log-level error \
  --org "$org" --email "$email" --name "api benchmark" --read-only 2>/dev/null)

export SHOWRUNNER_API_RATE_LIMIT=0
bench_serve "$data" "$port"

path="/api/v1/episodes/$episode/storyboard"
auth="Authorization: Bearer $key"
read -r status bytes < <(curl -s -o /dev/null -H "$auth" -w '%{http_code} %{size_download}\n' "$base$path")
[ "$status" = 200 ] || { echo "$path answered HTTP $status" >&2; exit 1; }

echo "api: $(nproc) cores, $(date -u +%Y-%m-%d), $(uname -m), wrk -t2 -c$connections -d${duration}s"
echo "episode $episode: $(value typical_counts), $bytes bytes of JSON"

bench_wrk "$base$path" "$auth"
[ -z "$errors" ] || echo "$errors"
echo "server peak RSS: $(bench_peak_rss) MB"
echo "api: storyboard $rps req/s, p50 $p50 ms, p99 $p99 ms, $non2xx non-2xx"
