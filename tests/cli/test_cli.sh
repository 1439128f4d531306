#!/usr/bin/env bash
# The command line: --help on each command, --version, params, check, and a run's outputs.
source "$(dirname "$0")/lib.sh" "$@"
cd "$WORK"
for c in "" run check params; do
  "$CS" $c --help > help.txt 2>&1 || fail "cartelsim $c --help exits non-zero"
  grep -q "Usage" help.txt || fail "cartelsim $c --help prints no usage"
done
"$CS" --version | grep -q "^cartelsim [0-9]" || fail "--version"
"$CS" params | grep -q "^demand.treatment.capacity = 750000" || fail "params lists demand.treatment.capacity"
"$CS" check "$SRC/scenarios/baseline.cfg" > check.txt || fail "check baseline"
grep -q '^demand.cocaine.elasticity = -0.5;' check.txt && grep -q '# OK: baseline, 2000-01 to 2045-12' check.txt \
  || fail "check prints the resolved scenario"
grep -q 'market.opioids.fentanyl_share = 0.92' check.txt || fail "check prints the timeline"
# a parameter the history changes says so beside its starting value; one it leaves alone does not
grep -A1 '^# guns.us.federal_ban: then set by the timeline (2 changes): 2000-01 1.0, 2004-09 0.0$' check.txt \
  | grep -q '^guns.us.federal_ban = 0.0;$' || fail "check marks a lever the history sets: $(grep -B1 '^guns.us.federal_ban' check.txt)"
! grep -q '^# demand.cocaine.elasticity:' check.txt || fail "check marks a parameter no timeline sets"
# A quiet run writes nothing to stderr; a non-terminal run has no progress bar (no carriage returns).
"$CS" run "$SRC/scenarios/baseline.cfg" "${SMALL[@]}" -o q.h5 -q > out.txt 2> err.txt || fail "quiet run"
[ ! -s err.txt ] || fail "--quiet should print nothing on stderr: $(cat err.txt)"
grep -q "key outcomes, mean and 5-95 % range over 2 replicates" out.txt || fail "closing summary"
"$CS" run "$SRC/scenarios/baseline.cfg" "${SMALL[@]}" --set sim.end=2000-06 -o h.h5 -q > half.txt || fail "half-year run"
grep -q "flows over the whole run 2000-01 to 2000-06" half.txt && grep -q "(whole run)" half.txt || fail "part-year summary: $(cat half.txt)"
grep -q "Overdose deaths" out.txt || fail "summary has overdose deaths"
"$CS" run "$SRC/scenarios/baseline.cfg" "${SMALL[@]}" -o p.h5 > out.txt 2> err.txt || fail "plain run"
! grep -q $'\r' err.txt || fail "no progress bar when stderr is not a terminal"
grep -q "wrote p.h5" err.txt || fail "closing throughput line"
[ -f p.h5 ] && ! ls p.h5*.tmp > /dev/null 2>&1 || fail "result file written, no temporary left"
# The default output path is results/<name>.h5 under the current directory; with --set overrides it
# gets a suffix, so that a variant never overwrites the plain scenario's result. The plain run is the
# baseline at the coarse scale of SMALL set in a scenario file (no --set), so it is named "baseline".
printf '@include "%s"\nsim = { end = "2004-12"; agent_scale = 2000.0; replicates = 1; };\n' "$SRC/scenarios/baseline.cfg" > small.cfg
"$CS" run small.cfg -q > /dev/null && [ -f results/baseline.h5 ] || fail "default output path"
sum=$(md5sum < results/baseline.h5)
"$CS" run "$SRC/scenarios/baseline.cfg" "${SMALL[@]}" -q > /dev/null || fail "run with overrides"
[ "$(md5sum < results/baseline.h5)" = "$sum" ] || fail "--set without -o overwrote results/baseline.h5"
ls results/baseline-set*.h5 > /dev/null 2>&1 || fail "--set without -o writes results/baseline-set<hash>.h5"
# A nested output directory is created.
"$CS" run "$SRC/scenarios/baseline.cfg" "${SMALL[@]}" -q -o deep/er/x.h5 > /dev/null && [ -f deep/er/x.h5 ] || fail "nested -o"
# The summary reports the last full calendar year, or the whole run when there is none.
grep -q "flows in 2004, the last full year" out.txt || fail "summary names the last full year: $(head -3 out.txt)"
# params with a prefix: only the matching parameters; an unknown prefix is an error
"$CS" params guns. > guns.txt || fail "params guns."
grep -q "^guns.price = " guns.txt && ! grep -q "^conflict\." guns.txt || fail "params guns. lists other parameters"
"$CS" params nosuch. 2> /dev/null; [ $? = 2 ] || fail "params with an unknown prefix should exit 2"
finish
