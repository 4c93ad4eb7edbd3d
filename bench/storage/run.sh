#!/usr/bin/env bash
# Runs every storage scenario once, each in its own process (so one scenario's memory does not colour the
# next), at the sizes recorded in README.md. Prints one text line per scenario and appends the JSON form
# (with the memory scenario's per-second RSS samples) to $RESULTS, default bench/storage/results.jsonl.
# Usage: bench/storage/run.sh [scenario ...]; override a size with e.g. SCALE_point_read=full,
# add options to every run with EXTRA="--threads 4".
set -euo pipefail
cd "$(dirname "$0")/../.."
RESULTS=${RESULTS:-bench/storage/results.jsonl}
dotnet build -c Release bench/Sibyl.StorageBench -v quiet -nologo >/dev/null
BENCH=(dotnet bench/Sibyl.StorageBench/bin/Release/net10.0/Sibyl.StorageBench.dll)

# Sizes that finish in a few minutes each on a 2-core machine; "full" is issue 3's size.
declare -A SCALE=(
  [write]=full        # 10,000,000 rows of ~200 bytes
  [point-read]=0.2    # 2,000,000 rows, 40,000 reads
  [wide-slice]=full   # one partition of 1,000,000 rows, 20,000 slices
  [replay]=full       # 1 GiB of commit log
  [compaction]=0.5    # 2,000,000 rows written in 8 SSTables
  [memory]=0.1        # 1 GiB written (full: 10 GiB)
)
scenarios=("$@")
[ ${#scenarios[@]} -eq 0 ] && scenarios=(write point-read wide-slice replay compaction memory)
for s in "${scenarios[@]}"; do
  override="SCALE_${s//-/_}"
  scale=${!override:-${SCALE[$s]}}
  # shellcheck disable=SC2086
  "${BENCH[@]}" --scenario "$s" --scale "$scale" --json-out "$RESULTS" ${EXTRA:-}
done
