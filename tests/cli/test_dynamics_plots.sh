#!/usr/bin/env bash
# analysis/genealogy.py and analysis/homicide_map.py turn a result file into PNGs (and a CSV table);
# both refuse, with exit status 2, a result that lacks the tables they need.
source "$(dirname "$0")/lib.sh" "$@"
cd "$WORK"
PY=/usr/bin/python3
export MPLBACKEND=Agg
GEN="$SRC/analysis/genealogy.py"
MAP="$SRC/analysis/homicide_map.py"

# A non-trivial image: a PNG, at least 300 x 300 pixels and not blank.
png_ok() {
  [ -s "$1" ] && [ "$(head -c 4 "$1" | tail -c 3)" = "PNG" ] && $PY - "$1" <<'EOF'
import sys
import matplotlib.image as mi
a = mi.imread(sys.argv[1])
sys.exit(0 if a.ndim == 3 and min(a.shape[:2]) >= 300 and a[..., :3].std() > 0.02 else 1)
EOF
}
# Exit status 2 and a message on stderr that matches a pattern: expect2 PATTERN CMD ARGS...
expect2() {
  local pat=$1; shift
  "$@" > /dev/null 2> err.txt
  local rc=$?
  [ "$rc" -eq 2 ] || { fail "$* exited $rc, expected 2"; return; }
  grep -q -- "$pat" err.txt || fail "$*: message does not mention '$pat': $(cat err.txt)"
}

"$CS" run "$SRC/scenarios/baseline.cfg" "${SMALL[@]}" -o dyn.h5 -q > /dev/null || { fail "run"; finish; }

# genealogy: default output name, then another replicate and label threshold
$PY "$GEN" dyn.h5 > /dev/null || fail "genealogy.py"
png_ok dyn-genealogy.png && pass "genealogy.py default output" || fail "dyn-genealogy.png missing or blank"
$PY "$GEN" dyn.h5 --replicate 1 --min-members 500 -o g1.png > /dev/null || fail "genealogy.py --replicate 1"
png_ok g1.png || fail "g1.png missing or blank"

# homicide map: default output name; per capita with the CSV table
$PY "$MAP" dyn.h5 > /dev/null || fail "homicide_map.py"
png_ok dyn-homicide-map.png && pass "homicide_map.py default output" || fail "dyn-homicide-map.png missing or blank"
$PY "$MAP" dyn.h5 --per-capita --csv hm.csv -o hm.png > /dev/null || fail "homicide_map.py --per-capita --csv"
png_ok hm.png || fail "hm.png missing or blank"
$PY "$MAP" dyn.h5 --csv counts.csv -o counts.png > /dev/null || fail "homicide_map.py --csv"

# CSV: header, every one of the 32 states in every calendar year of the run (2000-2004) exactly once,
# values numbers >= 0; per capita = counts / population * 1e5 with a plausible population
for t in hm.csv counts.csv; do
  [ -s "$t" ] || { fail "$t not written"; continue; }
  [ "$(head -n 1 "$t")" = "state,year,value" ] || fail "$t header: $(head -n 1 "$t")"
  rows=$(tail -n +2 "$t" | wc -l)
  states=$(tail -n +2 "$t" | cut -d, -f1 | sort -u | wc -l)
  years=$(tail -n +2 "$t" | cut -d, -f2 | sort -u | tr '\n' ' ')
  pairs=$(tail -n +2 "$t" | cut -d, -f1,2 | sort -u | wc -l)
  [ "$states" -eq 32 ] || fail "$t: $states states, expected 32"
  [ "$years" = "2000 2001 2002 2003 2004 " ] || fail "$t: years '$years', expected 2000-2004"
  [ "$rows" -eq $((32 * 5)) ] && [ "$pairs" -eq "$rows" ] || fail "$t: $rows rows ($pairs distinct state-years), expected 32 x 5"
  tail -n +2 "$t" | cut -d, -f3 | $PY -c 'import sys, math; v = [float(x) for x in sys.stdin]; sys.exit(0 if all(math.isfinite(x) and x >= 0 for x in v) else 1)' \
    || fail "$t: values not finite numbers >= 0"
done
$PY - counts.csv hm.csv <<'EOF' || fail "per-capita table is not counts per 100,000 of a 0.3-20 M population"
import csv, sys
c = {(r["state"], r["year"]): float(r["value"]) for r in csv.DictReader(open(sys.argv[1]))}
p = {(r["state"], r["year"]): float(r["value"]) for r in csv.DictReader(open(sys.argv[2]))}
assert c.keys() == p.keys()
assert list(c)[:32:4] == list(p)[:32:4]  # same row order
for k in c:
    if p[k] > 0:
        assert 3e5 < c[k] / p[k] * 1e5 < 2e7, (k, c[k], p[k])
    else:
        assert c[k] == 0, k
EOF
[ "$FAILS" -eq 0 ] && pass "CSV tables: 32 states x 5 years"

# refusals: missing file, replicate out of range, results without /events or homicides_by_state
expect2 "no such file" $PY "$GEN" nothing.h5
expect2 "no such file" $PY "$MAP" nothing.h5
expect2 "replicate 7" $PY "$GEN" dyn.h5 --replicate 7
$PY - dyn.h5 old.h5 <<'EOF' || fail "cannot make a result without /events"
import shutil, sys
import h5py
shutil.copyfile(sys.argv[1], sys.argv[2])
with h5py.File(sys.argv[2], "r+") as f:
    del f["events"]
    del f["series/homicides_by_state"]
EOF
expect2 "no /events" $PY "$GEN" old.h5
expect2 "homicides_by_state" $PY "$MAP" old.h5
[ ! -e old-genealogy.png ] && [ ! -e old-homicide-map.png ] || fail "an image was written for a refused file"
finish
