#!/usr/bin/env bash
# Smoke test of every scenario file (part of `make test`, also under the sanitizers): each file in
# scenarios/ validates and runs end to end at a coarse scale (1 replicate, 2000 to 2027-12: the whole
# history and two years of each policy); each policy scenario acts from its policy date on (series
# identical to the baseline's before it, same seed, and different after it); and
# compare_scenarios.py reads every outcome it checks from these files. The directions themselves need
# more replicates and longer runs: `make check-scenarios` (test_scenarios.sh).
source "$(dirname "$0")/lib.sh" "$@"
cd "$WORK"
RUN=(--set sim.end=2027-12 --set sim.agent_scale=4000 -r 1 -q)
for f in "$SRC"/scenarios/*.cfg; do
  s=$(basename "$f" .cfg)
  echo "cartelsim: scenario smoke test: $s (check, then 1 replicate to 2027-12)"
  "$CS" check "$f" > /dev/null || { fail "check $s"; continue; }
  "$CS" run "$f" "${RUN[@]}" -o "$s.h5" > "$s.txt" || { fail "run $s"; continue; }
  grep -q "key outcomes" "$s.txt" && [ -f "$s.h5" ] && ! ls "$s".h5*.tmp > /dev/null 2>&1 || fail "$s: no summary or no result file"
done
# A policy scenario sets its levers from its policy date: before it, the same path as the baseline.
echo "cartelsim: scenario smoke test: each policy acts from its date on"
/usr/bin/python3 - "$SRC/scenarios" . <<'PY' || fail "policy scenarios against the baseline"
import glob, os, re, sys
import h5py, numpy as np
src, d = sys.argv[1], sys.argv[2]
bad = checked = 0
with h5py.File(os.path.join(d, "baseline.h5"), "r") as fb:
    years = 2000 + (fb["series/time"][:] + 3.5) / 365.25
    for f in sorted(glob.glob(os.path.join(src, "*.cfg"))):
        name = os.path.basename(f)[:-4]
        text = open(f).read()
        dates = re.findall(r'^policy = \(.*?at = "(\d{4})-(\d{2})"', text, re.M | re.S)
        if not dates or name == "baseline":
            continue
        if not os.path.exists(os.path.join(d, name + ".h5")):
            print(f"FAIL {name}: no result file")
            bad += 1
            continue
        y0 = int(dates[0][0]) + (int(dates[0][1]) - 1) / 12
        before, after = years < y0 - 0.05, years > y0 + 0.05
        with h5py.File(os.path.join(d, name + ".h5"), "r") as fs:
            # the series proper: [replicate, time, ...] (not the axis labels beside them)
            keys = [k for k in fb["series"] if fb["series"][k].shape[1:2] == years.shape]
            same_before = all(np.array_equal(fb["series"][k][:, before], fs["series"][k][:, before]) for k in keys)
            differ_after = any(not np.array_equal(fb["series"][k][:, after], fs["series"][k][:, after]) for k in keys)
        print(f"{'ok  ' if same_before and differ_after else 'FAIL'} {name}: policy from {dates[0][0]}-{dates[0][1]}: "
              f"identical before {same_before}, differs after {differ_after}")
        bad += not (same_before and differ_after and keys)
        checked += 1
sys.exit(1 if bad or not checked else 0)
PY
# The direction checks read every outcome they name (their verdicts at this scale mean nothing).
echo "cartelsim: scenario smoke test: compare_scenarios.py reads its outcomes"
/usr/bin/python3 "$SRC/tests/cli/compare_scenarios.py" . > compare.txt 2>&1
rc=$?
[ $rc -le 1 ] && tail -n 1 compare.txt | grep -Eq '^[0-9]+ failed$' || fail "compare_scenarios.py did not finish (status $rc): $(tail -n 5 compare.txt)"
finish
