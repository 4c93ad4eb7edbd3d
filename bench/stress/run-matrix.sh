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
    jq -s '{
        ops: (map(.ops_per_second) | sort | .[length/2|floor]),
        p50: (map(.latency_ms.p50) | sort | .[length/2|floor]),
        p99: (map(.latency_ms.p99) | sort | .[length/2|floor]),
        p999: (map(.latency_ms.p999) | sort | .[length/2|floor]),
        max: (map(.latency_ms.max) | sort | .[length/2|floor]),
        errors: (map(.errors) | add)
      } | [.ops, .p50, .p99, .p999, .max, .errors] | @tsv' "$OUT/$name"-*.json \
      | awk -v n="$name" -F'\t' '{ printf "%-10s %12.0f %9.2f %9.2f %9.2f %9.2f %8d\n", n, $1, $2, $3, $4, $5, $6 }'
done
echo "raw results: $OUT"
