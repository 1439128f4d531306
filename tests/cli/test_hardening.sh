#!/usr/bin/env bash
# Faults and bad command lines (docs/reliability.md): exact integers on the command line and through
# --from, outputs that must not be replaced, disk full, interrupts before and after the rename, SIGHUP,
# temporaries of killed runs, concurrent runs to one output.
source "$(dirname "$0")/lib.sh" "$@"
cd "$WORK"
BASE="$SRC/scenarios/baseline.cfg"
TINY=(--set sim.end=2001-06 --set sim.agent_scale=4000 -r 1)
no_tmp() { ! ls "$1".*.tmp > /dev/null 2>&1; }
h5sum() { md5sum "$1" | cut -d' ' -f1; }

# -r 2.5: the value as given, not rounded.
"$CS" run "$BASE" -r 2.5 -o r.h5 -q 2> err.txt; rc=$?
[ $rc -eq 2 ] && grep -q "sim.replicates: value 2.5 must be an integer" err.txt && [ ! -e r.h5 ] || fail "-r 2.5: $rc $(cat err.txt)"
# -r beyond the disk (replicates are streamed to disk, so memory no longer bounds them; 10 GiB stated
# as the free space): refused before the run, naming the option and the key.
CARTELSIM_DISK_LIMIT_MB=10240 "$CS" run "$BASE" -r 100000 -o r.h5 -q 2> err.txt; rc=$?
[ $rc -eq 2 ] && grep -q "^cartelsim: -r: sim.replicates: 100000 replicates x 2401 weeks.*of disk for the result file" err.txt || fail "-r 100000: $rc $(cat err.txt)"
# A file asking for too many replicates: refused by check, accepted by run with -r that fits.
printf '@include "%s"\nsim.replicates = 100000;\n' "$BASE" > many.cfg
CARTELSIM_DISK_LIMIT_MB=10240 "$CS" check many.cfg > /dev/null 2> err.txt; rc=$?
[ $rc -eq 2 ] && grep -q "^cartelsim: many.cfg:2: sim.replicates: 100000 replicates" err.txt || fail "check many.cfg: $rc $(cat err.txt)"
CARTELSIM_DISK_LIMIT_MB=10240 "$CS" run many.cfg "${TINY[@]}" -o many.h5 -q > /dev/null 2> err.txt || fail "run many.cfg -r 1: $(cat err.txt)"
# Memory still bounds what a run holds: a stated limit below one replicate per core is refused.
CARTELSIM_MEMORY_LIMIT_MB=16 "$CS" run "$BASE" -r 2 -o r.h5 -q 2> err.txt; rc=$?
[ $rc -eq 2 ] && grep -q "sim.replicates: 2 replicates x 2401 weeks.*of memory here" err.txt || fail "memory limit: $rc $(cat err.txt)"
pass "-r 2.5 and -r 100000 refused; a file's 100000 replicates refused by check, run with -r 1 accepted"

# Seeds over the whole declared range, through --seed and back through --from, bit for bit.
for seed in 4294967295 2147483648; do
  "$CS" run "$BASE" "${TINY[@]}" -j 1 --seed $seed -o s$seed.h5 -q > /dev/null 2> err.txt || fail "seed $seed: $(cat err.txt)"
  "$CS" run --from s$seed.h5 -j 2 -o s${seed}_again.h5 -q > /dev/null 2> err.txt || fail "--from seed $seed: $(cat err.txt)"
  /usr/bin/python3 - s$seed.h5 s${seed}_again.h5 $seed <<'PY' || fail "seed $seed: --from differs"
import sys, h5py, numpy as np
a, b, seed = h5py.File(sys.argv[1]), h5py.File(sys.argv[2]), int(sys.argv[3])
assert int(a.attrs["seed"]) == seed == int(b.attrs["seed"]), (a.attrs["seed"], b.attrs["seed"])
for k in a["series"]:
    x, y = a["series"][k][()], b["series"][k][()]
    assert np.array_equal(x, y, equal_nan=x.dtype.kind == "f"), k
PY
done
pass "seeds 4294967295 and 2147483648 round-trip through --from"

# Outputs that must not be replaced: a FIFO (a device behaves the same), the scenario itself, a file
# it includes, the --from result.
mkfifo out.fifo
"$CS" run "$BASE" "${TINY[@]}" -o out.fifo -q 2> err.txt; rc=$?
[ $rc -eq 2 ] && [ -p out.fifo ] && grep -q "is not a regular file" err.txt || fail "-o FIFO: $rc $(cat err.txt)"
cp "$SRC/scenarios/"{baseline,exogenous,history}.cfg . && before=$(h5sum baseline.cfg)
"$CS" run baseline.cfg "${TINY[@]}" -o baseline.cfg -q 2> err.txt; rc=$?
[ $rc -eq 2 ] && [ "$(h5sum baseline.cfg)" = "$before" ] && grep -q "is the scenario file or a file it includes" err.txt || fail "-o scenario: $rc $(cat err.txt)"
"$CS" run baseline.cfg "${TINY[@]}" -o history.cfg -q 2> err.txt; rc=$?
[ $rc -eq 2 ] && grep -q "history.cfg: is the scenario file or a file it includes" err.txt || fail "-o included file: $rc $(cat err.txt)"
"$CS" run --from s2147483648.h5 -o s2147483648.h5 -q 2> err.txt; rc=$?
[ $rc -eq 2 ] && grep -q "is the result file given to --from" err.txt || fail "-o --from input: $rc $(cat err.txt)"
pass "FIFO, scenario, included file and --from input refused as outputs"

# Disk full (a 1 MiB tmpfs when this machine lets the test mount one) and a file-size limit
# (ulimit -f, any machine): exit 1, a message, no crash, no temporary, the old result untouched.
echo "old result" > full.h5
( trap '' XFSZ; ulimit -f 256; exec "$CS" run "$BASE" "${TINY[@]}" -o full.h5 -q ) > /dev/null 2> err.txt; rc=$?
[ $rc -eq 1 ] && grep -Eq "cannot write (the spool of replicates beside )?full.h5.*File too large" err.txt && [ "$(cat full.h5)" = "old result" ] && no_tmp full.h5 \
  || fail "file-size limit: status $rc: $(cat err.txt)"
pass "file-size limit: status $rc, $(cat err.txt)"
# A limit the spool of replicates fits under but the result file may not: refused before HDF5 writes.
( trap '' XFSZ; ulimit -f 8192; exec "$CS" run "$BASE" "${TINY[@]}" -o full.h5 -q ) > /dev/null 2> err.txt; rc=$?
[ $rc -eq 1 ] && grep -q "above this process's file size limit" err.txt && [ "$(cat full.h5)" = "old result" ] && no_tmp full.h5 \
  || fail "file-size limit for the result file: status $rc: $(cat err.txt)"
pass "file-size limit for the result file: status $rc, $(cat err.txt)"
mkdir -p small
if mount -t tmpfs -o size=1m tmpfs small 2> /dev/null; then
  echo "old result" > small/full.h5
  "$CS" run "$BASE" "${TINY[@]}" -o small/full.h5 -q > /dev/null 2> err.txt; rc=$?
  [ $rc -eq 1 ] && grep -q "No space left on device" err.txt && [ "$(cat small/full.h5)" = "old result" ] && no_tmp small/full.h5 \
    || fail "disk full: status $rc: $(cat err.txt)"
  pass "disk full (tmpfs): status $rc, $(cat err.txt)"
  umount small
else
  pass "disk full: no tmpfs can be mounted here (not root or no permission); the file-size limit stands in"
fi

# Interrupts in the write phase, with an older result at the output path.
"$CS" run "$BASE" "${TINY[@]}" --seed 1 -o w.h5 -q > /dev/null || fail "first result"
old=$(h5sum w.h5)
for sig in INT TERM HUP; do
  CARTELSIM_TEST_PAUSE=before-rename "$CS" run "$BASE" "${TINY[@]}" --seed 2 -o w.h5 -q > /dev/null 2> err.txt &
  pid=$!
  for i in $(seq 200); do ls w.h5.$pid.tmp > /dev/null 2>&1 && break; sleep 0.05; done
  kill -s $sig $pid; wait $pid; rc=$?
  [ $rc -eq 1 ] && [ "$(h5sum w.h5)" = "$old" ] && no_tmp w.h5 && grep -q "interrupted by SIG$sig: no result written to w.h5 (a result already there is untouched)" err.txt \
    || fail "SIG$sig before the rename: status $rc, $(cat err.txt)"
done
pass "SIGINT, SIGTERM, SIGHUP before the rename: the old result untouched"
ino=$(stat -c %i w.h5)
CARTELSIM_TEST_PAUSE=after-rename "$CS" run "$BASE" "${TINY[@]}" --seed 2 -o w.h5 -q > /dev/null 2> err.txt &
pid=$!
for i in $(seq 200); do [ "$(stat -c %i w.h5)" != "$ino" ] && break; sleep 0.05; done
kill -s INT $pid; wait $pid; rc=$?
[ $rc -eq 1 ] && grep -q "after the result was complete: w.h5 holds the new result" err.txt && no_tmp w.h5 || fail "SIGINT after the rename: $rc $(cat err.txt)"
/usr/bin/python3 -c "import h5py,sys; f=h5py.File('w.h5'); sys.exit(0 if int(f.attrs['complete'])==1 and int(f.attrs['seed'])==2 else 1)" \
  || fail "after the rename: w.h5 is not the new complete result"
pass "SIGINT after the rename: the new result complete"

# Temporaries: of a process that no longer exists, removed by the next run to the path; of a live
# process (this shell), kept.
echo x > k.h5.2147483646.tmp && echo x > k.h5.$$.tmp
"$CS" run "$BASE" "${TINY[@]}" -o k.h5 -q > /dev/null 2> err.txt || fail "run after a killed one: $(cat err.txt)"
[ ! -e k.h5.2147483646.tmp ] && [ -e k.h5.$$.tmp ] || fail "stale temporaries: $(ls k.h5*)"
pass "a dead run's temporary removed, a live one's kept"

# Two runs to one output at once: both succeed, the file is one complete result, no temporary left.
"$CS" run "$BASE" "${TINY[@]}" -j 1 --seed 3 -o c.h5 -q > /dev/null 2> err1.txt & p1=$!
"$CS" run "$BASE" "${TINY[@]}" -j 1 --seed 4 -o c.h5 -q > /dev/null 2> err2.txt & p2=$!
wait $p1; r1=$?; wait $p2; r2=$?
[ $r1 -eq 0 ] && [ $r2 -eq 0 ] && no_tmp c.h5 || fail "concurrent runs: $r1 $r2 $(cat err1.txt err2.txt)"
/usr/bin/python3 -c "import h5py,sys; f=h5py.File('c.h5'); sys.exit(0 if int(f.attrs['complete'])==1 and int(f.attrs['seed']) in (3,4) else 1)" \
  || fail "concurrent runs: c.h5 is not a complete result"
pass "two concurrent runs to one output"
finish
