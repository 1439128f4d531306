#!/usr/bin/env bash
# Shards and merge: -r A-B and --shard I/N give the rows of a whole run; merge joins them into a file
# identical to the whole run dataset by dataset (same_results.py: /series, /summary, /events,
# /organisations); merge refuses parts of other scenarios, seeds, parameters or builds, overlapping
# or missing replicates; an interrupted run keeps its finished replicates in a partial file that
# merge completes.
source "$(dirname "$0")/lib.sh" "$@"
cd "$WORK"
PY=/usr/bin/python3
SAME="$PY $SRC/tests/cli/same_results.py"
B="$SRC/scenarios/baseline.cfg"
R=(--set sim.end=2004-12 --set sim.agent_scale=2000 -r 5)
run() { "$CS" run "$B" "${R[@]}" -q "$@" > /dev/null || fail "run $*"; }
run -j 2 -o whole.h5
run --shard 0/3 -o s0.h5
run --shard 1/3 -o s1.h5
run -r 3-4 -o s2.h5 -j 1
[ "$($PY -c 'import h5py,sys; print(list(h5py.File(sys.argv[1])["replicate"][()]))' s1.h5)" = "[1, 2]" ] \
  || fail "--shard 1/3 of 5 should hold replicates 1 and 2"
"$CS" merge -q merged.h5 s2.h5 s0.h5 s1.h5 || fail "merge of three shards"
$SAME whole.h5 merged.h5 || fail "merged shards differ from the whole run"
for g in /series /summary /events /organisations; do
  h5diff -q whole.h5 merged.h5 $g $g || fail "h5diff: $g of the merged shards differs from the whole run"
done
"$CS" run --from s1.h5 -q -o s1-again.h5 > /dev/null || fail "run --from a shard"
$SAME s1.h5 s1-again.h5 > /dev/null || fail "run --from a shard should re-run that shard exactly"
"$CS" run --from s0.h5 -r 3-4 -q -o s2-from.h5 > /dev/null || fail "run --from a shard with another range"
"$CS" merge -q merged-from.h5 s0.h5 s1.h5 s2-from.h5 || fail "merge of shards and a range re-run --from a shard made with --set"
$SAME whole.h5 merged-from.h5 > /dev/null || fail "a range re-run --from a shard should join the others bit for bit"
pass "three shards merged (in any order) = the whole run, dataset by dataset; --from a shard re-runs it, or another range of the run"

refuse() { # refuse WHAT PATTERN PARTS...
  local what=$1 pat=$2; shift 2
  "$CS" merge -q refused.h5 "$@" 2> err.txt && fail "merge should refuse $what"
  [ $? -eq 2 ] || fail "$what: exit status should be 2"
  grep -q -- "$pat" err.txt || fail "$what: message should say '$pat': $(cat err.txt)"
  [ -e refused.h5 ] && fail "$what: no output should be written"
  rm -f refused.h5
}
refuse "missing replicates" "do not hold replicates 3-4" s0.h5 s1.h5
grep -q -- "cartelsim run --from s0.h5 -r 3-4" err.txt || fail "the message should say how to re-run the missing ones: $(cat err.txt)"
refuse "overlapping replicates" "the parts overlap" s0.h5 s1.h5 s2.h5 whole.h5
run --seed 9 -r 3-4 -o seed9.h5
refuse "another seed" "has seed 9" s0.h5 s1.h5 seed9.h5
run --set demand.treatment.capacity=2e6 -r 3-4 -o other.h5
refuse "other parameters" "other parameters" s0.h5 s1.h5 other.h5
grep -q "demand.treatment.capacity" err.txt || fail "the message should show the line that differs: $(cat err.txt)"
cp s2.h5 version.h5 && $PY -c 'import h5py,sys,numpy as np; f=h5py.File(sys.argv[1],"r+"); f.attrs["cartelsim_version"]=np.bytes_("0.0.1")' version.h5
refuse "another build" "different builds" s0.h5 s1.h5 version.h5
cp s2.h5 name.h5 && $PY -c 'import h5py,sys,numpy as np; f=h5py.File(sys.argv[1],"r+"); f.attrs["scenario_name"]=np.bytes_("kingpin")' name.h5
refuse "another scenario" "scenario 'kingpin'" s0.h5 s1.h5 name.h5
"$CS" merge -q s0.h5 s0.h5 s1.h5 s2.h5 2> err.txt; [ $? -eq 2 ] && grep -q "one of the parts" err.txt || fail "merge into one of its parts"
"$CS" run "$B" "${R[@]}" -r 2-7 -o x.h5 2> err.txt; [ $? -eq 2 ] && grep -q "replicate 7 is beyond" err.txt || fail "-r 2-7 of 5"
"$CS" run "$B" "${R[@]}" --shard 2/2 -o x.h5 2> err.txt; [ $? -eq 2 ] && grep -q -- "--shard 2/2" err.txt || fail "--shard 2/2"
"$CS" run "$B" "${R[@]}" --shard 0/9 -o x.h5 2> err.txt; [ $? -eq 2 ] || fail "--shard 0/9 of 5"
"$CS" run "$B" "${R[@]}" -r 4-2 -o x.h5 2> err.txt; [ $? -eq 2 ] || fail "-r 4-2"
pass "merge refuses missing, overlapping, other seed, parameters, build, scenario; bad -r and --shard"

# An interrupt in the middle: the finished replicates go to whole.partial.h5 (partial = 1), which
# merge completes with the replicates it names. Longer replicates, one thread; the signal comes later
# and later (doubling from 0.1 s) until it falls between the first replicate's end and the run's, so
# that the test does not depend on the machine's speed (the run takes about 1 s on a quiet 2-core
# machine and several under load).
L=(--set sim.end=2009-12 --set sim.agent_scale=1000 -r 8)
run_long() { "$CS" run "$B" "${L[@]}" -q "$@" > /dev/null; }
run_long -j 1 -o long.h5 || fail "long run"
got=0
for delay in 0.1 0.2 0.4 0.8 1.6 3.2 6.4 12.8; do
  rm -f cut.h5 cut.partial.h5
  "$CS" run "$B" "${L[@]}" -j 1 -o cut.h5 > /dev/null 2> cut.err & pid=$!
  sleep "$delay"; kill -INT $pid 2> /dev/null; wait $pid
  if [ -e cut.partial.h5 ]; then got=1; break; fi
done
if [ $got = 1 ]; then
  [ -e cut.h5 ] && fail "an interrupted run must not leave its final file"
  [ "$($PY -c 'import h5py,sys; print(int(h5py.File(sys.argv[1]).attrs["partial"]))' cut.partial.h5)" = 1 ] || fail "partial = 1"
  grep -q "cartelsim merge" cut.err || fail "the message should say how to complete it: $(cat cut.err)"
  # the commands the message prints, run as they are
  grep -q "^  cartelsim merge cut.h5 cut.partial.h5" cut.err || fail "the message should print the merge: $(cat cut.err)"
  while read -r cmd; do
    eval "\"\$CS\"${cmd#cartelsim}" > /dev/null || fail "the printed command failed: $cmd"
  done < <(sed -n 's/^  \(cartelsim .*\)/\1/p' cut.err)
  mv cut.h5 completed.h5
  $SAME long.h5 completed.h5 || fail "partial + rest differ from the whole run"
  pass "interrupted run: $(sed -n 's/.*the \([0-9]*\) replicate.*/\1/p' cut.err) replicates kept in the partial file, completed by merge"
else
  fail "no interrupt left a partial file"
fi
finish
