#!/usr/bin/env bash
# Result-zip ingest speed and memory, release build: a 100-episode zip of the simulator's
# realistic content (episodes spread over 2–5 minutes) ingested into a fresh SQLite file
# database (WAL, real migrations), the way the task tracker ingests a download.
#
#   benchmarks/ingest.sh [episodes]
#
# One process writes the zip, another ingests it, so the peak RSS reported is the ingest's.
# Only the ingest call is timed. Prints throughput lines, then one summary line:
#   ingest: 100 episodes in X s, peak RSS Y MB
# Target: under 1 s and under 100 MB on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
episodes=${1:-100}
scratch=${BENCH_SCRATCH_PATH:-.build-bench}

swift build -c release --product showrunner --scratch-path "$scratch" >/dev/null
bin="$(swift build -c release --product showrunner --scratch-path "$scratch" --show-bin-path)/showrunner"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$bin" bench-ingest --episodes "$episodes" --generate "$work/result.zip" >/dev/null
echo "result ingest: $episodes episodes, $(nproc) cores, $(date -u +%Y-%m-%d)"
"$bin" bench-ingest --episodes "$episodes" --ingest "$work/result.zip" --root "$PWD"
