#!/usr/bin/env bash
# cluster/dask_submit.py: the commands of a sharded run and of a sweep, submitted to a Dask
# LocalCluster and, unchanged, to a scheduler at an address (dask-scheduler and a dask-worker started
# here): files identical to a run on this machine, dataset by dataset. Skips (77) without Dask.
source "$(dirname "$0")/lib.sh" "$@"
cd "$WORK"
PY=/usr/bin/python3
if ! $PY -c 'import dask.distributed' 2> /dev/null || ! command -v dask-scheduler > /dev/null; then
  echo "SKIP: Dask is not installed (Debian: python3-dask python3-distributed; make test-deps)"
  exit 77
fi
export CARTELSIM=$CS
SAME="$PY $SRC/tests/cli/same_results.py"
R=(--set sim.end=2004-12 --set sim.agent_scale=2000 -r 4)
"$CS" run "$SRC/scenarios/baseline.cfg" "${R[@]}" -q -o whole.h5 > /dev/null || fail "local run"
"$SRC/cluster/shards.sh" "$SRC/scenarios/baseline.cfg" 3 local.h5 "${R[@]}" > /dev/null || fail "shards.sh"
$PY "$SRC/cluster/dask_submit.py" local.h5.shards --workers 2 2> dask.err || fail "LocalCluster: $(cat dask.err)"
$SAME whole.h5 local.h5 || fail "LocalCluster: the merged shards differ from the local run"
pass "3 shards on a Dask LocalCluster, merged = the local run"

# A scheduler at an address, with one worker: the same script, only --scheduler added.
dask-scheduler --host 127.0.0.1 --port 0 --no-dashboard --scheduler-file sched.json > sched.log 2>&1 & spid=$!
for _ in $(seq 100); do [ -s sched.json ] && break; sleep 0.2; done
addr=$($PY -c 'import json,sys; print(json.load(open(sys.argv[1]))["address"])' sched.json 2> /dev/null)
if [ -z "$addr" ]; then
  kill $spid 2> /dev/null; wait $spid 2> /dev/null
  fail "dask-scheduler did not start: $(tail -3 sched.log)"; finish
fi
dask-worker "$addr" --nworkers 1 --nthreads 2 --no-dashboard > worker.log 2>&1 & wpid=$!
"$SRC/cluster/shards.sh" "$SRC/scenarios/baseline.cfg" 2 remote.h5 "${R[@]}" > /dev/null || fail "shards.sh"
timeout 300 $PY "$SRC/cluster/dask_submit.py" remote.h5.shards --scheduler "$addr" 2> remote.err || fail "scheduler $addr: $(cat remote.err)"
$SAME whole.h5 remote.h5 || fail "scheduler: the merged shards differ from the local run"
printf 'point,demand.treatment.capacity\n0,5e5\n1,2e6\n' > design.csv
"$CS" sweep design.csv "$SRC/scenarios/baseline.cfg" "${R[@]:0:4}" -r 2 -o sweep 2> /dev/null || fail "sweep"
"$CS" sweep design.csv "$SRC/scenarios/baseline.cfg" "${R[@]:0:4}" -r 2 -o sweep-local --local -j 2 2> /dev/null || fail "sweep --local"
timeout 300 $PY "$SRC/cluster/dask_submit.py" sweep --scheduler "$addr" 2> sweep.err || fail "sweep on the scheduler: $(cat sweep.err)"
for k in 0000 0001; do $SAME sweep/point-$k.h5 sweep-local/point-$k.h5 > /dev/null || fail "sweep point $k differs"; done
cmp -s sweep/results.csv sweep-local/results.csv || fail "results.csv differ"
kill $wpid $spid 2> /dev/null; wait $wpid $spid 2> /dev/null
pass "the same commands on a scheduler at $addr (shards and a sweep) = the local run"
finish
