#!/usr/bin/env bash
# Runs the workloads of issue 7's table with `sibyl stress` several times each and prints the median
# ops/s and latency percentiles per cell. The target (Sibyl or Apache Cassandra) must already be running.
#
#   bench/stress/run-matrix.sh [--host H] [--port P] [--runs N] [--duration 30s] [--warmup 5s] [--out DIR]
#
# Each run's JSON is kept in DIR (default bench/stress/results/<timestamp>) so figures can be re-derived.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HOST=127.0.0.1 PORT=9042 RUNS=3 DURATION=30s WARMUP=5s
OUT="$ROOT/bench/stress/results/$(date -u +%Y%m%dT%H%M%SZ)"
while [[ $# -gt 0 ]]; do
    case "$1" in
        --host) HOST="$2"; shift 2 ;;
        --port) PORT="$2"; shift 2 ;;
        --runs) RUNS="$2"; shift 2 ;;
        --duration) DURATION="$2"; shift 2 ;;
        --warmup) WARMUP="$2"; shift 2 ;;
        --out) OUT="$2"; shift 2 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done
mkdir -p "$OUT"

# name | arguments (the cells of the issue's table; reads need the write cells to have loaded the keys)
CELLS=(
  "write-c16|write --keys 100000 --value-size 100 --concurrency 16"
  "write-c64|write --keys 100000 --value-size 100 --concurrency 64"
  "read-c16|read --keys 100000 --value-size 100 --concurrency 16"
  "read-c64|read --keys 100000 --value-size 100 --concurrency 64"
)

printf '%-10s %12s %9s %9s %9s %9s %8s\n' cell "ops/s" "p50 ms" "p99 ms" "p999 ms" "max ms" errors
for cell in "${CELLS[@]}"; do
    name="${cell%%|*}" args="${cell#*|}"
    for run in $(seq 1 "$RUNS"); do
        # shellcheck disable=SC2086
        "$ROOT/sibyl" stress $args --host "$HOST" --port "$PORT" --duration "$DURATION" --warmup "$WARMUP" --json \
            > "$OUT/$name-$run.json" 2> "$OUT/$name-$run.progress"
    done
    python3 - "$name" "$OUT" <<'PY'
import glob, json, statistics, sys
name, out = sys.argv[1], sys.argv[2]
runs = [json.load(open(f)) for f in sorted(glob.glob(f"{out}/{name}-*.json"))]
med = lambda key: statistics.median(r["latency_ms"][key] for r in runs)
print(f"{name:<10} {statistics.median(r['ops_per_second'] for r in runs):12.0f} {med('p50'):9.2f} {med('p99'):9.2f}"
      f" {med('p999'):9.2f} {med('max'):9.2f} {sum(r['errors'] for r in runs):8d}")
PY
done
echo "raw results: $OUT"
