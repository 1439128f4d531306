#!/usr/bin/env bash
# cartelsim sweep: designs generated with --sobol and --lhs (sizes, ranges, reproducible), design
# files with errors (file, line and key, exit 2), expansion into commands and a manifest, --local -j 2
# (each point's file bit-identical to its command run by hand), resuming, and results.csv read by pandas.
source "$(dirname "$0")/lib.sh" "$@"
cd "$WORK"
PY=/usr/bin/python3
printf '@include "%s/scenarios/baseline.cfg"\nname = "sweep_test";\nsim.end = "2003-12";\nsim.agent_scale = 4000;\nsim.replicates = 2;\n' "$SRC" > short.cfg

"$CS" sweep --lhs 6 --seed 4 --param demand.treatment.capacity=5e5:2e6 --param interdiction.adapt_weeks=1:13 -o lhs.csv || fail "--lhs"
"$CS" sweep --lhs 6 --seed 4 --param demand.treatment.capacity=5e5:2e6 --param interdiction.adapt_weeks=1:13 > lhs2.csv || fail "--lhs again"
cmp -s lhs.csv lhs2.csv || fail "--lhs with one seed should give one design"
"$PY" - lhs.csv <<'PY' || fail "the Latin hypercube: one point per stratum of each range"
import sys, numpy as np, pandas as pd
d = pd.read_csv(sys.argv[1], comment="#")
assert list(d.columns) == ["point", "demand.treatment.capacity", "interdiction.adapt_weeks"], d.columns
assert list(d.point) == list(range(6))
for col, lo, hi in (("demand.treatment.capacity", 5e5, 2e6), ("interdiction.adapt_weeks", 1, 13)):
    strata = np.floor((d[col] - lo) / (hi - lo) * 6).astype(int)
    assert sorted(strata) == list(range(6)), (col, list(strata))
assert all(d["interdiction.adapt_weeks"] == d["interdiction.adapt_weeks"].round()), "an integer parameter is written whole"
PY
"$CS" sweep --sobol 4 --param demand.treatment.capacity=0:2e6 -o sobol.csv || fail "--sobol"
[ "$(grep -v '^#' sobol.csv | cut -d, -f2 | tr '\n' ' ')" = "demand.treatment.capacity 1000000 1500000 500000 750000 " ] \
  || fail "the first Sobol points are 1/2, 3/4, 1/4, 3/8 of the range: $(cat sobol.csv)"
pass "--lhs (seeded, stratified) and --sobol (GSL's sequence) designs"

expect2() { # expect2 PATTERN COMMAND...: exit status 2 and the message
  local pat=$1; shift
  "$@" 2> err.txt; local st=$?
  [ $st -eq 2 ] || fail "$* should exit 2 (got $st)"
  grep -q -- "$pat" err.txt || fail "$*: message should say '$pat': $(cat err.txt)"
}
expect2 "did you mean demand.treatment.capacity" "$CS" sweep --lhs 3 --param demand.treatment.capacty=0:1
expect2 "valid range" "$CS" sweep --sobol 3 --param demand.treatment.capacity=-1:1
expect2 "LO < HI" "$CS" sweep --sobol 3 --param demand.treatment.capacity=2:1
printf 'point,demand.treatment.capacty\n0,1e6\n' > bad1.csv
expect2 "bad1.csv:1: demand.treatment.capacty" "$CS" sweep bad1.csv short.cfg -o bad
printf '# a comment\npoint,demand.treatment.capacity\n0,1e6\n1,-4\n' > bad2.csv
expect2 "bad2.csv:4" "$CS" sweep bad2.csv short.cfg -o bad
printf 'point,demand.treatment.capacity\n0,1e6\n2,2e6\n' > bad3.csv
expect2 "bad3.csv:3: point" "$CS" sweep bad3.csv short.cfg -o bad
[ -e bad ] && fail "a refused design should write nothing"
pass "design errors name file, line and key (exit 2)"

printf '# two treatment capacities at two scales\npoint,demand.treatment.capacity,sim.agent_scale\n0,5e5,4000\n1,2e6,4000\n2,1e6,6000\n' > design.csv
"$CS" sweep design.csv short.cfg -o sw --local -j 2 2> sweep.err || fail "sweep --local: $(cat sweep.err)"
[ "$(wc -l < sw/commands.txt)" = 3 ] || fail "one command per point"
sed -n 2p sw/commands.txt | sed 's/point-0001.h5/by-hand.h5/' | sh > /dev/null || fail "point 1's command by hand"
for g in /series /summary; do h5diff -q sw/point-0001.h5 sw/by-hand.h5 $g $g || fail "point 1 by hand: $g differs"; done
"$PY" - sw/results.csv <<'PY' || fail "results.csv"
import sys, pandas as pd, json, subprocess
d = pd.read_csv(sys.argv[1])
assert len(d) == 3 * 2, len(d)
assert list(d.columns[:4]) == ["point", "replicate", "demand.treatment.capacity", "sim.agent_scale"], d.columns
assert (d.groupby("point").replicate.apply(list) == pd.Series([[0, 1]] * 3)).all()
t = d.groupby("point").in_treatment.mean()
assert t[0] <= 5e5 + 1 and t[1] > t[0], t   # capacity binds: more slots, more people in treatment
assert d.notna().all().all()
PY
"$CS" sweep design.csv short.cfg -o sw --local -j 2 2> again.err || fail "resume"
grep -q "0 points run, 3 already done" again.err || fail "a finished point is not run again: $(cat again.err)"
rm sw/results.csv && "$CS" sweep --collect sw 2> /dev/null && [ -s sw/results.csv ] || fail "--collect"
pass "sweep --local -j 2: commands, manifest, resumable, results.csv for pandas"

# A lever that a scenario's policy timeline sets: a plain column is refused (its value would be
# overridden at the policy date), a dated column YYYY-MM:path sets it from that month, as --set does.
printf 'uspolicy.tariff.mexico\n0.1\n' > plain.csv
printf '2026-01:uspolicy.tariff.mexico\n0.1\n0.3\n' > dated.csv
"$CS" sweep plain.csv "$SRC/scenarios/fentanyl_tariffs.cfg" -o swp 2> plain.err; rc=$?
[ $rc -eq 2 ] && grep -q "use --set YYYY-MM:uspolicy.tariff.mexico" plain.err || fail "plain lever column: $rc $(cat plain.err)"
"$CS" sweep dated.csv "$SRC/scenarios/fentanyl_tariffs.cfg" -o swd 2> dated.err || fail "dated column: $(cat dated.err)"
grep -q "'--set' '2026-01:uspolicy.tariff.mexico=0.3'" swd/commands.txt || fail "dated column in the commands: $(cat swd/commands.txt)"
pass "a lever the timeline sets: plain column refused with the dated form suggested, dated column accepted"
finish
