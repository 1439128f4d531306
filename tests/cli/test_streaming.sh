#!/usr/bin/env bash
# Streaming (h5spool.c): a run writes each replicate to a spool on disk as it finishes, so its memory
# does not grow with its replicates, and the result file is the same as the one the in-memory writer
# gives (cartelsim merge still holds its run in memory: merging shards gives the file of the whole
# streamed run, dataset by dataset). A run longer than 4,096 weeks (several chunks per replicate and
# metric) streams the same way. No spool is left beside the result, whatever ends the run.
source "$(dirname "$0")/lib.sh" "$@"
cd "$WORK"
PY=/usr/bin/python3
SAME="$PY $SRC/tests/cli/same_results.py"
B="$SRC/scenarios/baseline.cfg"
# 2000-2080: 4,227 weeks, two chunks of weeks per replicate and metric
LONG=(--set sim.end=2080-12 --set sim.agent_scale=200000 --set sim.replicates=2 -q)
"$CS" run "$B" "${LONG[@]}" -j 2 -o whole.h5 > /dev/null || fail "run 2000-2080"
"$CS" run "$B" "${LONG[@]}" -r 0-0 -o a.h5 > /dev/null || fail "shard 0-0"
"$CS" run "$B" "${LONG[@]}" -r 1-1 -o b.h5 > /dev/null || fail "shard 1-1"
"$CS" merge -q merged.h5 a.h5 b.h5 || fail "merge"
$SAME whole.h5 merged.h5 || fail "a streamed run of 4,227 weeks differs from its shards merged in memory"
pass "2000-2080 streamed (two chunks of weeks) = its shards merged in memory, dataset by dataset"
ls ./*.spool > /dev/null 2>&1 && fail "a spool was left behind: $(ls ./*.spool)"
pass "no spool left beside the results"

# Memory: 2 and 12 replicates of a coarse run; held in memory the 10 more would take about 10 x
# 2401 x the row width x 8 bytes (about 260 MB); streamed, the peak barely moves.
if ldd "$CS" 2> /dev/null | grep -q libasan; then # the sanitizer's quarantine holds freed memory
  pass "memory: not measured under AddressSanitizer"
  finish
fi
peak() { /usr/bin/time -f "%M" "$CS" run "$B" --set sim.agent_scale=200000 -r "$1" -j 2 -q -o "m$1.h5" 2>&1 > /dev/null | tail -n 1; }
p2=$(peak 2) p24=$(peak 12)
echo "peak resident memory: 2 replicates ${p2} KB, 12 replicates ${p24} KB"
[ -n "$p2" ] && [ -n "$p24" ] && [ "$p24" -lt $((p2 + 100000)) ] || fail "memory grows with replicates: 2: ${p2} KB, 12: ${p24} KB"
pass "memory does not grow with replicates (2: ${p2} KB, 12: ${p24} KB)"
finish
