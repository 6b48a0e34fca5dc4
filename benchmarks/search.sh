#!/usr/bin/env bash
# Full-text search latency over a million dialogue lines, release build: simulator-generated
# short dramas (zh-CN, 5% en) ingested through the real result ingest into a fresh SQLite file
# database (WAL, real migrations), so the FTS5 index is the one production builds; then
# SearchRepository.search (the search page's ranked page 1 with highlighting) timed per query
# class: very frequent terms, rare terms, typical two-character words, phrases, multi-word,
# English and single characters.
#
#   benchmarks/search.sh [lines] [extra bench-search flags]
#   BENCH_SEARCH_DB=/tmp/search.sqlite benchmarks/search.sh   # keep the database, reuse it next time
#
# Extra flags: --per-query (each query's median), --breakdown (each statement of the search
# timed alone), --queries N (timed searches per class, default 200).
# Prints build, size and per-class lines, then one summary line:
#   search: N lines, p50 X ms, p99 Y ms
# Target: p50 < 10 ms and p99 < 50 ms over 1,000,000 lines on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
lines=${1:-1000000}
shift || true
scratch=${BENCH_SCRATCH_PATH:-.build-bench}

swift build -c release --product showrunner --scratch-path "$scratch" >/dev/null
bin="$(swift build -c release --product showrunner --scratch-path "$scratch" --show-bin-path)/showrunner"
keep=()
if [[ -n "${BENCH_SEARCH_DB:-}" ]]; then keep=(--keep "$BENCH_SEARCH_DB"); fi

echo "full-text search: $lines lines, $(nproc) cores, $(date -u +%Y-%m-%d)"
"$bin" bench-search --lines "$lines" --root "$PWD" ${keep[@]+"${keep[@]}"} "$@"
