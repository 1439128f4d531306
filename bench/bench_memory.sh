#!/usr/bin/env bash
# bench_memory.sh [BUILD] [MANY]: `make bench`, memory part. Peak resident memory (/usr/bin/time) of
# `cartelsim run scenarios/baseline.cfg` (2000-2045, 2,401 weeks) on every core, for 8 replicates at
# the default scale and for MANY (default 1000) replicates at 1 agent = 200,000 persons, so that the
# many-replicate run takes minutes rather than hours: each replicate's series are the same size at
# any scale, and they are what would grow with the replicates if the run held them (streamed to disk,
# they do not: h5spool.h). Target: 200 MB for both (issue 14). Exits 1 when a target is missed.
set -u
BUILD=${1:-build}; MANY=${2:-1000}; TARGET_KB=$((200 * 1024))
CS=$(cd "$(dirname "$0")/.." && pwd)/$BUILD/cartelsim
cd "$(dirname "$0")/.."
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
status=0
measure() { # label, then the run's arguments
  local label=$1; shift
  local t0=$SECONDS
  /usr/bin/time -f "%M" -o "$tmp/peak" "$CS" run scenarios/baseline.cfg -q -o "$tmp/out.h5" "$@" > /dev/null || { echo "bench_memory: run failed: $*"; exit 1; }
  local kb; kb=$(tail -n 1 "$tmp/peak")
  local size; size=$(stat -c %s "$tmp/out.h5")
  local verdict="met"; [ "$kb" -le "$TARGET_KB" ] || { verdict="MISSED"; status=1; }
  awk -v l="$label" -v kb="$kb" -v v="$verdict" -v s=$((SECONDS - t0)) -v b="$size" \
    'BEGIN { printf "  %-44s peak %7.1f MB (target < 200 MB: %s), %4d s, file %7.1f MB\n", l, kb / 1024, v, s, b / 1048576 }'
}
echo "cartelsim memory benchmark: scenarios/baseline.cfg, 2000-2045, $(nproc) threads"
measure "8 replicates, 1 agent = 100 persons" -r 8
measure "$MANY replicates, 1 agent = 200,000 persons" -r "$MANY" --set sim.agent_scale=200000
exit $status
