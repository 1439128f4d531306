#!/usr/bin/python3
"""Checks of the policy scenarios against the baseline (same seed: common random numbers), years
2028-2032 unless a check names its own window (the first years of a change, for effects that fade).
The checks are the effects with an expected direction in analysis/scenario_checks.py (declared once,
also written into the README's scenario table by analysis/scenario_effects.py). Each is a paired
difference over replicates: the scenario's value minus the baseline's, replicate by replicate; it
passes when the 90 % t interval of the mean difference lies on the side expected (not a sign of the
means).
Usage: compare_scenarios.py DIR [GROUP] (DIR holds baseline.h5 and the scenario files; GROUP is
"market" (interdiction, precursors, treatment, cannabis, fentanyl tariffs), "cartels" (kingpin,
crackdown, economic opportunity, institutions, designation, strikes) or "bundles" (the enforcement and
prevention bundles); all when omitted).
        compare_scenarios.py DIR [GROUP] [--cartelsim PATH]
Then, for every scenario file in DIR, the key outcomes of the run summary (model/outcomes.def, read
from `cartelsim outcomes --json`; the binary is --cartelsim, else $CARTELSIM, else build/cartelsim of
this repository) against the baseline over 2028-2032: printed, and checked to be finite and not
negative in every replicate."""
import argparse
import glob
import os
import sys

import h5py
import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "analysis"))
from resultfile import find_cartelsim, key_outcomes  # noqa: E402
from scenario_checks import EFFECTS, effect, passes  # noqa: E402

ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
ap.add_argument("dir")
ap.add_argument("group", nargs="?", default="all", choices=("all", "market", "cartels", "bundles"))
ap.add_argument("--cartelsim")
ARGS = ap.parse_args()
D, GROUP = ARGS.dir, ARGS.group
KEYS = key_outcomes(find_cartelsim(ARGS.cartelsim))
fails = []


MARKET_RUNS = ("interdiction_surge", "precursor_control", "demand_treatment", "regulated_cannabis", "fentanyl_tariffs")
BUNDLE_RUNS = ("bundle_enforcement", "bundle_prevention")


def group_of(run):
    return "market" if run in MARKET_RUNS else "bundles" if run in BUNDLE_RUNS else "cartels"


runs_here = set(os.path.basename(p)[:-3] for p in glob.glob(os.path.join(D, "*.h5")))
for run, name, kw, expected in EFFECTS:
    if expected is None or (GROUP != "all" and group_of(run) != GROUP):
        continue
    if run not in runs_here:
        print(f"FAIL {run}: no result file in {D}")
        fails.append(run)
        continue
    m, lo, hi, base, n = effect(D, run, name, kw)
    ok = passes(expected, lo, hi)
    pct = (lambda x: f"{100 * x / abs(base):+.1f}%") if base else (lambda x: f"{x:+.4g}")
    print(f"{'ok  ' if ok else 'FAIL'} {run}: {kw.get('title', name)} ({expected}): paired change {pct(m)} "
          f"(90% interval {pct(lo)} to {pct(hi)}, {n} replicates; {kw.get('against', 'baseline')} {base:.4g})")
    if not ok:
        fails.append(f"{run}: {name}")


# The key outcomes of every scenario in DIR against the baseline (flows: yearly mean of their annual
# totals; stocks: mean level), and a check that each is finite and not negative in every replicate.
def key_values(run, window=(2028, 2032)):
    res = {}
    with h5py.File(os.path.join(D, run + ".h5"), "r") as f:
        g = f["series"]
        years = 2000 + (g["time"][:] + 3.5) / 365.25
        sel = (years >= window[0]) & (years < window[1] + 1)
        for o in KEYS:
            x = g[o["series"]][:][:, sel]
            x = x.sum(axis=2) if x.ndim == 3 else x  # [replicate, time]
            per_rep = x.sum(axis=1) / (window[1] + 1 - window[0]) if o["how"] == "flow" else x.mean(axis=1)
            res[o["series"]] = per_rep / o["divisor"]
    return res


runs = sorted(os.path.basename(p)[:-3] for p in glob.glob(os.path.join(D, "*.h5")))
if "baseline" in runs:
    base = key_values("baseline")
    for run in runs:
        v = key_values(run)
        print(f"\n{run}: key outcomes 2028-2032, mean over replicates (change against the baseline)")
        for o in KEYS:
            x = v[o["series"]]
            if not (np.all(np.isfinite(x)) and np.all(x >= 0)):
                print(f"FAIL {run}: key outcome {o['series']} is not finite and non-negative: {x}")
                fails.append(f"{run}: {o['series']}")
            b, m = float(base[o["series"]].mean()), float(x.mean())
            change = f"{100 * (m / b - 1):+.1f}%" if b else "n/a"
            unit = o["unit"] + ("/yr" if o["how"] == "flow" else "")
            print(f"  {o['title']:<42} {m:>14.4g} {unit:<15} {change}")
print(f"{len(fails)} failed")
sys.exit(1 if fails else 0)
