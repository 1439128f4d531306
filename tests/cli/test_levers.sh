#!/usr/bin/env bash
# Levers that --set really moves: for every parameter that the baseline's timelines set (history.cfg,
# exogenous.cfg), an undated --set is refused with exit status 2, naming the file and line that would
# override it and the dated form; the dated form --set YYYY-MM:path=value adds a policy change that
# the resolved scenario shows, and it changes the results from that date (kingpin intensity).
source "$(dirname "$0")/lib.sh" "$@"
cd "$WORK"
"$CS" check "$SRC/scenarios/baseline.cfg" > resolved.txt || fail "check baseline"
params=$(grep -o 'set = { [a-z_.0-9]* = ' resolved.txt | awk '{print $4}' | sort -u)
n=0
for p in $params; do
  v=$(grep -m1 "^$p = " resolved.txt | sed 's/.* = \(.*\);/\1/')
  [ -n "$v" ] || { fail "no base value of $p in the resolved scenario"; continue; }
  if "$CS" check "$SRC/scenarios/baseline.cfg" --set "$p=$v" > /dev/null 2> err.txt; then
    fail "--set $p=$v was accepted although the timeline sets $p"
  else
    st=$?
    [ "$st" = 2 ] || fail "--set $p: exit status $st, expected 2"
    grep -q "timeline sets it again at .* (.*\.cfg:[0-9]*)" err.txt || fail "--set $p: the error names no file and line: $(cat err.txt)"
    grep -q -- "--set YYYY-MM:$p=" err.txt || fail "--set $p: the error does not show the dated form"
  fi
  "$CS" check "$SRC/scenarios/baseline.cfg" --set "2030-01:$p=$v" > dated.txt || fail "--set 2030-01:$p=$v refused"
  grep -q "at = \"2030-01\"; set = { $p = " dated.txt || fail "--set 2030-01:$p: not in the resolved policy timeline"
  n=$((n + 1))
done
[ "$n" -ge 5 ] || fail "only $n timeline parameters found in the resolved baseline"
echo "ok: $n parameters set by the timelines refuse an undated --set and take a dated one"
# The dated change acts: kingpin intensity 4 in 2008 (the replay's is 1.0 that year, 1.3 from
# 2009-01, which then applies again) multiplies the leader removals of 2008; the undated one never
# could. Removals are Poisson counts (about 13 in four replicates): the test asks for three standard
# errors of the difference, not a sign.
RUN=(--set sim.end=2008-12 --set sim.agent_scale=2000 -r 4 -q)
"$CS" run "$SRC/scenarios/baseline.cfg" "${RUN[@]}" -o base.h5 > /dev/null || fail "run baseline"
"$CS" run "$SRC/scenarios/baseline.cfg" "${RUN[@]}" --set 2008-01:leadership.kingpin_intensity=4.0 -o k.h5 > /dev/null \
  || fail "run with a dated kingpin intensity"
/usr/bin/python3 - base.h5 k.h5 <<'PY' || fail "a dated --set of kingpin intensity does not move leader removals"
import sys, h5py
def removals(path):
    f = h5py.File(path, "r")
    late = 2000 + f["time"][:] / 365.25 >= 2008
    return sum(f["series"][n][:, late].sum() for n in ("leaders_arrested", "leaders_extradited", "leaders_killed"))
ra, rb = removals(sys.argv[1]), removals(sys.argv[2])
print(f"leader removals in 2008, 4 replicates: {ra:.0f} -> {rb:.0f} with kingpin intensity 4 that year")
sys.exit(0 if ra >= 5 and rb - ra >= 3 * (ra + rb) ** 0.5 else 1)
PY
"$CS" run --from k.h5 -o k2.h5 -q > /dev/null || fail "run --from a dated --set"
h5diff -q k.h5 k2.h5 /series /series || fail "run --from does not reproduce a dated --set"
# Bundles: a scenario that includes several policy files applies them all and the result names each.
cat > bundle.cfg <<CFG
@include "$SRC/scenarios/kingpin_strategy.cfg"
@include "$SRC/scenarios/gun_control.cfg"
name = "bundle_check";
description = "kingpin strategy and gun control together";
CFG
"$CS" check bundle.cfg > bundle.txt || fail "check a bundle"
grep -q "leadership.kingpin_intensity = 2.0" bundle.txt && grep -q "guns.us.federal_ban = 1.0; }; }" bundle.txt \
  || grep -q "guns.us.federal_ban = 1.0" bundle.txt || fail "a bundle lacks one of its policies"
"$CS" run bundle.cfg --set sim.end=2026-12 --set sim.agent_scale=4000 -r 1 -q -o bundle.h5 > /dev/null || fail "run a bundle"
/usr/bin/python3 -c "import h5py; a = h5py.File('bundle.h5')['/'].attrs['policy_files']; a = a.decode() if isinstance(a, bytes) else a; \
assert a == 'kingpin_strategy.cfg; gun_control.cfg', a; print('ok: the bundle names', a)" || fail "the result does not name the bundle's files"
# Ramps: ramp = "6m" reaches the value linearly from the one in force before, one step a month, the
# last at the target; steps past sim.end are dropped; a bad duration is an error with file and line.
cat > ramp.cfg <<CFG
@include "$SRC/scenarios/baseline.cfg"
name = "ramp_check";
policy = ( { at = "2026-01"; ramp = "6m"; set = { mexico.deployment.troops = 160000.0; }; } );
CFG
"$CS" check ramp.cfg > ramp.txt || fail "check a ramp"
/usr/bin/python3 - ramp.txt <<'PY' || fail "the ramp is not linear from the value before"
import re, sys
steps = [(m, float(v)) for m, v in re.findall(r'at = "(\d{4}-\d{2})"; set = \{ mexico\.deployment\.troops = ([0-9.e+]+);', open(sys.argv[1]).read())]
before = [v for m, v in steps if m < "2026-01"][-1]
ramp = [(m, v) for m, v in steps if m >= "2026-01"]
assert [m for m, _ in ramp] == ["2026-%02d" % k for k in range(1, 7)], ramp
for k, (m, v) in enumerate(ramp, 1):
    assert abs(v - (before + (160000 - before) * k / 6)) < 1e-6, (m, v)
print(f"ok: ramp from {before:.0f} to 160000 in 6 monthly steps")
PY
"$CS" check ramp.cfg --set sim.end=2026-03 | grep -c "mexico.deployment.troops = 1[0-9]*" > /dev/null || fail "a ramp cut by sim.end"
sed -i 's/ramp = "6m"/ramp = "6w"/' ramp.cfg
"$CS" check ramp.cfg > /dev/null 2> err.txt; st=$?
[ "$st" = 2 ] && grep -q "ramp.cfg:3: ramp: bad ramp" err.txt || fail "bad ramp: exit $st, $(cat err.txt)"
finish
