#!/usr/bin/env bash
# `cartelsim outcomes` lists the rows of the closing table of `cartelsim run` (model/outcomes.def):
# same labels and units in the same order, every series present under /series of a result file, and
# the values the table shows follow from the series as declared (stocks: mean over replicates at the
# last tick; flows: total over the last full year, each week counted with its share of days in it).
source "$(dirname "$0")/lib.sh" "$@"
cd "$WORK"
"$CS" outcomes > list.txt || fail "outcomes"
"$CS" outcomes --json > list.json || fail "outcomes --json"
"$CS" outcomes --bogus > /dev/null 2>&1; [ $? -eq 2 ] || fail "outcomes --bogus should exit 2"
"$CS" outcomes extra > /dev/null 2>&1; [ $? -eq 2 ] || fail "outcomes with an argument should exit 2"
"$CS" --help | grep -q "cartelsim outcomes" || fail "cartelsim --help does not list outcomes"
"$CS" run "$SRC/scenarios/baseline.cfg" "${SMALL[@]}" -q -o small.h5 > summary.txt || fail "run"
/usr/bin/python3 - list.json summary.txt small.h5 list.txt <<'PY' || fail "outcomes and the run summary disagree"
import json, sys
import h5py
import numpy as np

outcomes = json.load(open(sys.argv[1]))
lines = open(sys.argv[2]).read().splitlines()
head = next(i for i, l in enumerate(lines) if l.split()[:2] == ["outcome", "mean"])
rows = [l for l in lines[head + 1:] if l.strip()]
bad = []
if len(rows) != len(outcomes):
    bad.append(f"the summary has {len(rows)} rows, `cartelsim outcomes` lists {len(outcomes)}")
text = open(sys.argv[4]).read()
year = int(next(l for l in lines if l.startswith("(flows in ")).split()[2].rstrip(","))
with h5py.File(sys.argv[3], "r") as f:
    t0 = f["series/time"][:]  # start of each week, days since 2000-01-01
    y0, y1 = [float((np.datetime64(f"{y}-01-01") - np.datetime64("2000-01-01")) / np.timedelta64(1, "D"))
              for y in (year, year + 1)]
    share = np.clip(np.minimum(t0 + 7, y1) - np.maximum(t0, y0), 0, 7) / 7
    for o, row in zip(outcomes, rows):
        label = ("  " if o["part_of"] else "") + o["label"]
        unit = o["unit"] + ("/yr" if o["how"] == "flow" else "")
        if row[2:34].rstrip() != label or not row.endswith("  " + unit):
            bad.append(f"summary row {row!r} is not {label!r} in {unit!r}")
        if o["series"] not in text:
            bad.append(f"{o['series']} missing from the text listing")
        if "series/" + o["series"] not in f:
            bad.append(f"{o['series']} is not a series of the result file")
            continue
        x = f["series/" + o["series"]][:]
        x = x.sum(axis=2) if x.ndim == 3 else x  # [replicate, time]
        v = float((x[:, -1] if o["how"] == "stock" else (x * share).sum(axis=1)).mean()) / o["divisor"]
        shown = float(row[34:49].replace(",", ""))
        if abs(shown - v) > max(0.005 * abs(v), 0.01):
            bad.append(f"{o['series']} ({o['how']}): the summary shows {shown}, the file gives {v}")
for b in bad:
    print(b, file=sys.stderr)
sys.exit(1 if bad else 0)
PY
pass "cartelsim outcomes matches the summary rows and the result file"
finish
